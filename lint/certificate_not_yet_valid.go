package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameNotYetValid = "e_ocs_certificate_not_yet_valid"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameNotYetValid,
			Description: "The certificate must already be valid at the time of the check (--at, default now)",
			Citation:    citeValidity,
			Source:      Source,
		},
		Lint: newNotYetValid,
	})
}

type notYetValid struct{ cfg atConfig }

func newNotYetValid() zlint.CertificateLintInterface { return &notYetValid{} }

// Configure implements zlint.Configurable.
func (l *notYetValid) Configure() interface{} { return &l.cfg }

// CheckApplies to every certificate.
func (l *notYetValid) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares NotBefore with the time of the check.
func (l *notYetValid) Execute(c *x509.Certificate) *zlint.LintResult {
	if !judgedAt(l.cfg.At).Before(c.NotBefore) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"the certificate is not valid before %s: check the server's clock and the CA's", expiryDate(c.NotBefore))}
}

// Remediation says what to check.
func (l *notYetValid) Remediation(c *x509.Certificate) string {
	return "check the clocks of the CA and this server; wait until " + expiryDate(c.NotBefore) + " or " + wizardRequest
}
