package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameMissingCRLDP = "e_ocs_missing_crl_distribution_point"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameMissingCRLDP,
			Description: "Every OCS server certificate must have a CRL distribution point",
			Citation:    citeCRLDP,
			Source:      Source,
		},
		Lint: newMissingCRLDP,
	})
}

type missingCRLDP struct{}

func newMissingCRLDP() zlint.CertificateLintInterface { return &missingCRLDP{} }

// CheckApplies to every server certificate.
func (l *missingCRLDP) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for a CRL distribution point URL.
func (l *missingCRLDP) Execute(c *x509.Certificate) *zlint.LintResult {
	if len(c.CRLDistributionPoints) > 0 {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: "the certificate has no CRL distribution point: OCS servers and clients that check revocation reject it"}
}

// Remediation points at the CA's extensions.
func (l *missingCRLDP) Remediation(c *x509.Certificate) string {
	return "have the CA administrator add a CRL distribution point (CDP) to the CA's extensions, then " + wizardRequest
}
