package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameExpiringSoon = "w_ocs_certificate_expiring_soon"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameExpiringSoon,
			Description: "The certificate expires within --expiry-warning (default 30 days) but not yet within --expiry-critical",
			Citation:    citeValidity,
			Source:      Source,
		},
		Lint: newExpiringSoon,
	})
}

type expiringSoon struct{ cfg validityConfig }

func newExpiringSoon() zlint.CertificateLintInterface { return &expiringSoon{} }

// Configure implements zlint.Configurable.
func (l *expiringSoon) Configure() interface{} { return &l.cfg }

// CheckApplies: a warning window is set and the certificate is valid now and not in the critical window.
func (l *expiringSoon) CheckApplies(c *x509.Certificate) bool {
	at := judgedAt(l.cfg.At)
	return l.cfg.warning() > 0 && !at.After(c.NotAfter) && !at.Before(c.NotBefore) &&
		c.NotAfter.Sub(at) >= l.cfg.critical()
}

// Execute compares the time left with the warning window.
func (l *expiringSoon) Execute(c *x509.Certificate) *zlint.LintResult {
	at := judgedAt(l.cfg.At)
	if c.NotAfter.Sub(at) >= l.cfg.warning() {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Warn, Details: fmt.Sprintf(
		"the certificate expires on %s, in %d days", expiryDate(c.NotAfter), daysLeft(c, at))}
}

// Remediation says to renew.
func (l *expiringSoon) Remediation(c *x509.Certificate) string { return renewText(c) }
