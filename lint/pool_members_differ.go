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

const namePoolMembersDiffer = "n_ocs_pool_members_differ"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        namePoolMembersDiffer,
			Description: "The members of a pool present different certificates on the same endpoint (each is still judged on its own)",
			Citation:    citePoolMembers,
			Source:      Source,
		},
		Lint: newPoolMembersDiffer,
	})
}

// poolConfig is what the pool rule reads: the certificates every member of the pool presents on one endpoint.
// Only the deployment-level pass (PoolFindings) sets it; the per-certificate pass leaves it empty.
type poolConfig struct {
	Pool    string   `toml:"pool"`
	Members []string `toml:"members"` // "member=sha256" for every member that presented a certificate
}

type poolMembersDiffer struct{ cfg poolConfig }

func newPoolMembersDiffer() zlint.CertificateLintInterface { return &poolMembersDiffer{} }

// Configure implements zlint.Configurable.
func (l *poolMembersDiffer) Configure() interface{} { return &l.cfg }

// CheckApplies in the deployment-level pass, to pools with two or more members seen.
func (l *poolMembersDiffer) CheckApplies(c *x509.Certificate) bool { return len(l.cfg.Members) >= 2 }

// Execute compares the members' fingerprints.
func (l *poolMembersDiffer) Execute(c *x509.Certificate) *zlint.LintResult {
	groups := l.groups()
	if len(groups) < 2 {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%s (sha256 %s…)", strings.Join(g.members, ", "), g.fingerprint[:16]))
	}
	return &zlint.LintResult{Status: zlint.Notice, Details: fmt.Sprintf(
		"the members of pool %s present %d different certificates: %s", l.cfg.Pool, len(groups), strings.Join(parts, "; "))}
}

type certificateGroup struct {
	fingerprint string
	members     []string
}

// groups gathers members by fingerprint, the largest group first.
func (l *poolMembersDiffer) groups() []certificateGroup {
	index := map[string]int{}
	var groups []certificateGroup
	for _, m := range l.cfg.Members {
		member, fp, _ := strings.Cut(m, "=")
		i, ok := index[fp]
		if !ok {
			i = len(groups)
			index[fp] = i
			groups = append(groups, certificateGroup{fingerprint: fp})
		}
		groups[i].members = append(groups[i].members, member)
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].members) > len(groups[j].members) })
	return groups
}

// Remediation says to install the pool certificate everywhere.
func (l *poolMembersDiffer) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("export the current pool certificate with its private key from a member that has it, import it on every member of %s, assign it to OCS (and to IIS for the web site), then restart the services", l.cfg.Pool)
}

// PoolMember is one pool member's certificate on one endpoint, for the deployment-level pool check.
type PoolMember struct {
	Pool        string // the pool's server name
	Member      string // the member's FQDN
	Endpoint    string // "sip" or "web"
	Certificate *x509.Certificate
}

// Fingerprint is the SHA-256 of a certificate's DER, in hex.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// PoolFindings runs the pool rule over the members of every pool, per endpoint kind, once all targets were linted.
// It returns the finding for each index of members that has one. Call it from one goroutine after the
// per-certificate pass.
func (r *Runner) PoolFindings(members []PoolMember) (map[int]Finding, error) {
	l := r.lint(namePoolMembersDiffer)
	if l == nil {
		return nil, nil
	}
	byPool := map[string][]int{}
	for i, m := range members {
		if m.Certificate != nil {
			key := m.Pool + "\x00" + m.Endpoint
			byPool[key] = append(byPool[key], i)
		}
	}
	out := map[int]Finding{}
	for _, idx := range byPool {
		var w tomlWriter
		w.section(namePoolMembersDiffer)
		w.str("pool", members[idx[0]].Pool)
		list := make([]string, len(idx))
		for k, i := range idx {
			list[k] = members[i].Member + "=" + Fingerprint(members[i].Certificate)
		}
		w.strings("members", list)
		config, err := zlint.NewConfigFromString(w.b.String())
		if err != nil {
			return nil, fmt.Errorf("build the pool configuration: %w", err)
		}
		for _, i := range idx {
			cert := members[i].Certificate
			res := l.Execute(cert, config)
			if res != nil && SeverityOf(res.Status) != 0 {
				out[i] = Finding{Lint: l.Name, Status: SeverityOf(res.Status), Details: res.Details,
					Remediation: remediation(l, cert, config), Citation: l.Citation, Source: string(l.Source)}
			}
		}
	}
	return out, nil
}

func (r *Runner) lint(name string) *zlint.CertificateLint {
	for _, l := range r.lints {
		if l.Name == name {
			return l
		}
	}
	return nil
}
