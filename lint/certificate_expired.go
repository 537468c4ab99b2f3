package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameExpired = "e_ocs_certificate_expired"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameExpired,
			Description: "The certificate must not have expired at the time of the check (--at, default now)",
			Citation:    citeValidity,
			Source:      Source,
		},
		Lint: newExpired,
	})
}

type expired struct{ cfg atConfig }

func newExpired() zlint.CertificateLintInterface { return &expired{} }

// Configure implements zlint.Configurable.
func (l *expired) Configure() interface{} { return &l.cfg }

// CheckApplies to every certificate.
func (l *expired) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares NotAfter with the time of the check.
func (l *expired) Execute(c *x509.Certificate) *zlint.LintResult {
	at := judgedAt(l.cfg.At)
	if !at.After(c.NotAfter) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"the certificate expired on %s (%d days ago): clients and other servers refuse it", expiryDate(c.NotAfter), -daysLeft(c, at))}
}

// Remediation says to renew.
func (l *expired) Remediation(c *x509.Certificate) string { return renewText(c) }
