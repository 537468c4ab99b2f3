package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameSHA1 = "w_ocs_sha1_signature"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name: nameSHA1,
			Description: "A SHA-1 signature works with every OCS 2007 R2 client but is weak; plan SHA-2 once clients " +
				"on Windows XP SP2 / Server 2003 SP2 have KB938397 and KB968730",
			Citation: citeSignature,
			Source:   Source,
		},
		Lint: newSHA1,
	})
}

type sha1Signature struct{}

func newSHA1() zlint.CertificateLintInterface { return &sha1Signature{} }

// CheckApplies to every certificate.
func (l *sha1Signature) CheckApplies(c *x509.Certificate) bool { return true }

// Execute checks the signature algorithm.
func (l *sha1Signature) Execute(c *x509.Certificate) *zlint.LintResult {
	switch c.SignatureAlgorithm {
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return &zlint.LintResult{Status: zlint.Warn, Details: "the certificate is signed with SHA-1 (" + c.SignatureAlgorithm.String() + ")"}
	}
	return &zlint.LintResult{Status: zlint.Pass}
}

// Remediation explains the trade-off.
func (l *sha1Signature) Remediation(c *x509.Certificate) string {
	return "once every Communicator client has the SHA-2 hotfixes (KB938397, KB968730), issue from a SHA-256 CA and " + wizardRequest
}
