package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameMD5 = "e_ocs_md5_signature"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameMD5,
			Description: "The certificate must not be signed with MD5 (or MD2)",
			Citation:    citeSignature,
			Source:      Source,
		},
		Lint: newMD5,
	})
}

type md5Signature struct{}

func newMD5() zlint.CertificateLintInterface { return &md5Signature{} }

// CheckApplies to every certificate.
func (l *md5Signature) CheckApplies(c *x509.Certificate) bool { return true }

// Execute checks the signature algorithm.
func (l *md5Signature) Execute(c *x509.Certificate) *zlint.LintResult {
	switch c.SignatureAlgorithm {
	case x509.MD5WithRSA, x509.MD2WithRSA:
		return &zlint.LintResult{Status: zlint.Error, Details: "the certificate is signed with " + c.SignatureAlgorithm.String() + ": broken, and rejected by later Microsoft servers"}
	}
	return &zlint.LintResult{Status: zlint.Pass}
}

// Remediation asks for a new certificate from a modern CA.
func (l *md5Signature) Remediation(c *x509.Certificate) string {
	return "have the CA administrator move the CA to SHA-1 or SHA-256 signatures, then " + wizardRequest
}
