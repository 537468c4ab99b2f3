package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// members_key_differ: the members of a pool hold certificates of one kind that differ in issuer or public key,
// where they must hold the same certificate (an Edge array's A/V authentication certificate: same issuer, same
// private key). It runs in the deployment-level pass (Runner.DeploymentFindings), on certificates from files as
// well as from endpoints.
func init() {
	register("members_key_differ", func(r rule) zlint.CertificateLintInterface { return &membersKeyDiffer{rule: r} })
}

type membersKeyDiffer struct{ rule }

func (*membersKeyDiffer) scope() Scope { return ScopeDeployment }

// CheckApplies in the deployment-level pass, to a member's certificate the deployment holds to the rule, when two
// or more members' certificates of its kind were seen.
func (l *membersKeyDiffer) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	if t.Server == nil || t.self().Member == "" {
		return false
	}
	if _, ok := l.requirement(); !ok {
		return false
	}
	return len(l.members()) >= 2
}

// keyGroup is the members whose certificates share one issuer and public key.
type keyGroup struct {
	issuer, key string
	members     []string
}

// members lists the members whose certificates of this kind were seen.
func (l *membersKeyDiffer) members() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range l.sameKind() {
		if !seen[s.Member] {
			seen[s.Member] = true
			out = append(out, s.Member)
		}
	}
	return out
}

// sameKind are the members' certificates of the kind being judged.
func (l *membersKeyDiffer) sameKind() []*Seen {
	t := l.target()
	kind := t.self().Kind()
	var out []*Seen
	for i := range t.Server.Seen {
		if s := &t.Server.Seen[i]; s.Member != "" && s.Kind() == kind {
			out = append(out, s)
		}
	}
	return out
}

// groups gathers the members by issuer and public key, the largest group first.
func (l *membersKeyDiffer) groups() []keyGroup {
	index := map[string]int{}
	var groups []keyGroup
	for _, s := range l.sameKind() {
		sum := sha256.Sum256(s.Certificate.RawSubjectPublicKeyInfo)
		key := hex.EncodeToString(sum[:])
		id := string(s.Certificate.RawIssuer) + "\x00" + key
		i, ok := index[id]
		if !ok {
			i = len(groups)
			index[id] = i
			groups = append(groups, keyGroup{issuer: s.Certificate.Issuer.CommonName, key: key})
		}
		if !slices.Contains(groups[i].members, s.Member) {
			groups[i].members = append(groups[i].members, s.Member)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].members) > len(groups[j].members) })
	return groups
}

// Execute reports the groups when there are several.
func (l *membersKeyDiffer) Execute(c *x509.Certificate) *zlint.LintResult {
	groups := l.groups()
	if len(groups) < 2 {
		return pass()
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%s (issuer %q, public key sha256 %s…)", strings.Join(g.members, ", "), g.issuer, g.key[:16]))
	}
	self := l.target().self()
	msg := fmt.Sprintf("the members of %s hold %d different %s: %s", l.target().Server.Server, len(groups),
		strings.TrimPrefix(certificateLabel(&self.Context, self.Kind()), "the ")+"s", strings.Join(parts, "; "))
	return l.result("%s", l.withConsequence(msg, "; "))
}

// Remediation is the profile's.
func (l *membersKeyDiffer) Remediation(c *x509.Certificate) string {
	return l.fixedOr("export the certificate with its private key from one member and import it on every other member")
}
