package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// pool_members_differ: the members of a pool present different certificates on one endpoint. It needs every
// member's certificate, so it runs in the deployment-level pass (Runner.DeploymentFindings), after every target
// was linted; in the per-certificate pass its target has no pool and it does not apply. A certificate may name
// its own rule for it among its requirements (an Edge array's internal certificate: an error, since the array
// must share one certificate); pool_members_differ, a notice, is the rule of the others.
func init() {
	register("pool_members_differ", func(r rule) zlint.CertificateLintInterface { return &poolMembersDiffer{rule: r} })
}

type poolMembersDiffer struct{ rule }

func (*poolMembersDiffer) scope() Scope { return ScopeDeployment }

// CheckApplies in the deployment-level pass, to pools with two or more members seen, under the certificate's own
// rule for it.
func (l *poolMembersDiffer) CheckApplies(c *x509.Certificate) bool {
	p := l.target().Pool
	return p != nil && len(p.Members) >= 2 && l.membersRule() == l.spec.Rule
}

// membersRule is the rule that reports members presenting different certificates of this kind.
func (l *poolMembersDiffer) membersRule() string {
	if r := l.requiredRuleOf("pool_members_differ"); r != "" {
		return r
	}
	return "pool_members_differ"
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
	what := "pool"
	if r, ok := l.ctx().RoleSpec(); ok && l.spec.Rule != "pool_members_differ" {
		what = r.Label
	}
	return l.result("the members of %s %s present %d different certificates: %s", what, l.target().Pool.Pool, len(groups), strings.Join(parts, "; "))
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
	return l.fixedOr(fmt.Sprintf("export the current pool certificate with its private key from a member that has it (%s: Personal > Certificates > All Tasks > Export), import it on every member of %s, assign it with %s and to the web site in %s, then restart the services",
		certStore, l.target().Pool.Pool, l.product.RequestTool, iisAssign))
}

// Fingerprint is the SHA-256 of a certificate's DER, in hex.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}
