package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameExpiringCritical = "e_ocs_certificate_expiring_critical"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameExpiringCritical,
			Description: "The certificate expires within --expiry-critical (default 7 days)",
			Citation:    citeValidity,
			Source:      Source,
		},
		Lint: newExpiringCritical,
	})
}

type expiringCritical struct{ cfg validityConfig }

func newExpiringCritical() zlint.CertificateLintInterface { return &expiringCritical{} }

// Configure implements zlint.Configurable.
func (l *expiringCritical) Configure() interface{} { return &l.cfg }

// CheckApplies: a critical window is set and the certificate is valid now.
func (l *expiringCritical) CheckApplies(c *x509.Certificate) bool {
	at := judgedAt(l.cfg.At)
	return l.cfg.critical() > 0 && !at.After(c.NotAfter) && !at.Before(c.NotBefore)
}

// Execute compares the time left with the critical window.
func (l *expiringCritical) Execute(c *x509.Certificate) *zlint.LintResult {
	at := judgedAt(l.cfg.At)
	if c.NotAfter.Sub(at) >= l.cfg.critical() {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"the certificate expires on %s, in %d days: renew it now", expiryDate(c.NotAfter), daysLeft(c, at))}
}

// Remediation says to renew.
func (l *expiringCritical) Remediation(c *x509.Certificate) string { return renewText(c) }
