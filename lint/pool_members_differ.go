package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// pool_members_differ: the members of a pool present different certificates on one endpoint. It needs every
// member's certificate, so it runs in the deployment-level pass (Runner.PoolFindings), after every target was
// linted; in the per-certificate pass its target has no pool and it does not apply.
func init() {
	register("pool_members_differ", func(r rule) zlint.CertificateLintInterface { return &poolMembersDiffer{rule: r} })
}

type poolMembersDiffer struct{ rule }

// CheckApplies in the deployment-level pass, to pools with two or more members seen.
func (l *poolMembersDiffer) CheckApplies(c *x509.Certificate) bool {
	p := l.target().Pool
	return p != nil && len(p.Members) >= 2
}

// Execute compares the members' fingerprints.
func (l *poolMembersDiffer) Execute(c *x509.Certificate) *zlint.LintResult {
	groups := l.groups()
	if len(groups) < 2 {
		return pass()
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%s (sha256 %s…)", strings.Join(g.members, ", "), g.fingerprint[:16]))
	}
	return l.result("the members of pool %s present %d different certificates: %s", l.target().Pool.Pool, len(groups), strings.Join(parts, "; "))
}

type certificateGroup struct {
	fingerprint string
	members     []string
}

// groups gathers members by fingerprint, the largest group first.
func (l *poolMembersDiffer) groups() []certificateGroup {
	index := map[string]int{}
	var groups []certificateGroup
	for _, m := range l.target().Pool.Members {
		i, ok := index[m.Fingerprint]
		if !ok {
			i = len(groups)
			index[m.Fingerprint] = i
			groups = append(groups, certificateGroup{fingerprint: m.Fingerprint})
		}
		groups[i].members = append(groups[i].members, m.Member)
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].members) > len(groups[j].members) })
	return groups
}

// Remediation says to install the pool certificate everywhere.
func (l *poolMembersDiffer) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("export the current pool certificate with its private key from a member that has it (%s: Personal > Certificates > All Tasks > Export), import it on every member of %s, assign it with %s and to the web site in %s, then restart the services",
		certStore, l.target().Pool.Pool, l.product.RequestTool, iisAssign)
}

// PoolMember is one pool member's certificate on one endpoint, for the deployment-level pool check.
type PoolMember struct {
	Pool        string // the pool's server name
	Member      string // the member's FQDN
	Endpoint    string // the endpoint's name
	Certificate *x509.Certificate
	Context     policy.Context // the member's target context: its product decides which rule applies
}

// Fingerprint is the SHA-256 of a certificate's DER, in hex.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// PoolFindings runs the pool rule over the members of every pool, per endpoint, once all targets were linted. It
// returns the finding for each index of members that has one. Call it from one goroutine after the
// per-certificate pass.
func (r *Runner) PoolFindings(members []PoolMember) map[int]Finding {
	byPool := map[string][]int{}
	for i, m := range members {
		if m.Certificate != nil {
			key := m.Pool + "\x00" + m.Endpoint
			byPool[key] = append(byPool[key], i)
		}
	}
	out := map[int]Finding{}
	for _, idx := range byPool {
		cmp := &PoolComparison{Pool: members[idx[0]].Pool}
		for _, i := range idx {
			cmp.Members = append(cmp.Members, MemberCertificate{Member: members[i].Member, Fingerprint: Fingerprint(members[i].Certificate)})
		}
		for _, i := range idx {
			t := &Target{Context: members[i].Context, Endpoint: members[i].Endpoint, Pool: cmp}
			for _, f := range r.lintTarget(members[i].Certificate, t, idsOf(t.Context.Profile(), "pool_members_differ")) {
				out[i] = f
			}
		}
	}
	return out
}
