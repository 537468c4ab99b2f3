package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// chain_incomplete: a live endpoint does not send the intermediates that lead to a trust anchor: the chain verifies
// only with certificates the server did not send. The details say what the server sent and why it does not lead to
// an anchor (only its own certificate, an expired pre-renewal copy of the CA, a cross-signed CA, a CA with the
// right name and another key). A file is not a server that fails to send its intermediates, so the rule applies to
// live endpoints only.
func init() {
	register("chain_incomplete", func(r rule) zlint.CertificateLintInterface { return &chainIncomplete{rule: r} })
}

type chainIncomplete struct{ rule }

// CheckApplies to certificates seen on a live endpoint whose chain is trusted, unless the certificate is held to a
// rule of its own about the chain it sends (chain_not_sent: a media gateway).
func (l *chainIncomplete) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	return t.live() && t.Trust.Trusted() && l.requiredRuleOf("chain_not_sent") == ""
}

// Execute reports whether the presented chain was complete.
func (l *chainIncomplete) Execute(c *x509.Certificate) *zlint.LintResult {
	v := l.target().Trust
	if !v.Incomplete() {
		return pass()
	}
	return l.result("%s", v.IncompleteDetails())
}

// Remediation says what to import (and which stale copy to delete), with the tools of Windows Server 2003/2008 and
// later.
func (l *chainIncomplete) Remediation(c *x509.Certificate) string {
	return l.target().Trust.IncompleteRemediation()
}
