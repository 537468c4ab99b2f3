package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

const nameMissingServerAuth = "e_ocs_missing_server_auth_eku"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameMissingServerAuth,
			Description: "An Extended Key Usage extension must include Server Authentication (1.3.6.1.5.5.7.3.1)",
			Citation:    citeEKU,
			Source:      Source,
		},
		Lint: newMissingServerAuth,
	})
}

type missingServerAuth struct{}

func newMissingServerAuth() zlint.CertificateLintInterface { return &missingServerAuth{} }

// CheckApplies: the certificate has an EKU extension (without one, every usage is allowed).
func (l *missingServerAuth) CheckApplies(c *x509.Certificate) bool {
	return hasExtension(c, util.EkuSynOid)
}

// Execute looks for Server Authentication (or anyExtendedKeyUsage) in the EKU.
func (l *missingServerAuth) Execute(c *x509.Certificate) *zlint.LintResult {
	for _, u := range c.ExtKeyUsage {
		if u == x509.ExtKeyUsageServerAuth || u == x509.ExtKeyUsageAny {
			return &zlint.LintResult{Status: zlint.Pass}
		}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: "the Extended Key Usage lacks Server Authentication (1.3.6.1.5.5.7.3.1): SChannel will not use the certificate for TLS"}
}

// Remediation names the template to use.
func (l *missingServerAuth) Remediation(c *x509.Certificate) string {
	return wizardRequest + " from a template with Server Authentication in its Application Policies (the Web Server template has it)"
}
