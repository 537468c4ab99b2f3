package lint

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// shares_key: a certificate that must have a key of its own (an Edge Server's A/V authentication certificate)
// has the same public key as another of the server's certificates (its internal, Access Edge or Web Conferencing
// Edge certificate): it was made from the same key pair, or is the same certificate. It runs in the
// deployment-level pass (Runner.DeploymentFindings).
func init() {
	register("shares_key", func(r rule) zlint.CertificateLintInterface { return &sharesKey{rule: r} })
}

type sharesKey struct{ rule }

func (*sharesKey) scope() Scope { return ScopeDeployment }

// CheckApplies in the deployment-level pass, to a certificate the deployment holds to the rule.
func (l *sharesKey) CheckApplies(c *x509.Certificate) bool {
	if l.target().Server == nil {
		return false
	}
	_, ok := l.requirement()
	return ok
}

// Execute compares the public key with those of the server's certificates of other kinds.
func (l *sharesKey) Execute(c *x509.Certificate) *zlint.LintResult {
	t := l.target()
	self := t.self()
	var shared []string
	for i := range t.Server.Seen {
		other := &t.Server.Seen[i]
		if other.Kind() == self.Kind() || !bytes.Equal(other.Certificate.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) {
			continue
		}
		place := fmt.Sprintf("%s (%s)", certificateLabel(&other.Context, other.Kind()), other.Where())
		if bytes.Equal(other.Certificate.Raw, c.Raw) {
			place += ", the very same certificate"
		}
		if !slices.Contains(shared, place) {
			shared = append(shared, place)
		}
	}
	if len(shared) == 0 {
		return pass()
	}
	msg := fmt.Sprintf("%s (%s) has the public key of %s", certificateLabel(&self.Context, self.Kind()), self.Where(), strings.Join(shared, "; "))
	return l.result("%s", l.withConsequence(msg, "; "))
}

// Remediation is the profile's.
func (l *sharesKey) Remediation(c *x509.Certificate) string {
	return l.fixedOr(l.request() + " with a key pair of its own")
}
