package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameRSABelow1024 = "e_ocs_rsa_key_below_1024"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameRSABelow1024,
			Description: "RSA keys must be at least 1024 bits",
			Citation:    citeKeyLength,
			Source:      Source,
		},
		Lint: newRSABelow1024,
	})
}

type rsaBelow1024 struct{}

func newRSABelow1024() zlint.CertificateLintInterface { return &rsaBelow1024{} }

// CheckApplies to RSA keys.
func (l *rsaBelow1024) CheckApplies(c *x509.Certificate) bool {
	_, ok := rsaBits(c)
	return ok
}

// Execute compares the modulus size with 1024.
func (l *rsaBelow1024) Execute(c *x509.Certificate) *zlint.LintResult {
	if bits, _ := rsaBits(c); bits < 1024 {
		return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf("the RSA key is only %d bits: below the 1024-bit minimum", bits)}
	}
	return &zlint.LintResult{Status: zlint.Pass}
}

// Remediation names the key length to pick.
func (l *rsaBelow1024) Remediation(c *x509.Certificate) string {
	return wizardRequest + " and choose a 2048-bit key length"
}
