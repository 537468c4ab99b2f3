package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameRSABelow2048 = "w_ocs_rsa_key_below_2048"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameRSABelow2048,
			Description: "RSA keys should be 2048 bits or more (1024, the OCS wizard's default, works but is weak)",
			Citation:    citeKeyLength,
			Source:      Source,
		},
		Lint: newRSABelow2048,
	})
}

type rsaBelow2048 struct{}

func newRSABelow2048() zlint.CertificateLintInterface { return &rsaBelow2048{} }

// CheckApplies to RSA keys of 1024 bits or more (smaller ones are e_ocs_rsa_key_below_1024's).
func (l *rsaBelow2048) CheckApplies(c *x509.Certificate) bool {
	bits, ok := rsaBits(c)
	return ok && bits >= 1024
}

// Execute compares the modulus size with 2048.
func (l *rsaBelow2048) Execute(c *x509.Certificate) *zlint.LintResult {
	if bits, _ := rsaBits(c); bits < 2048 {
		return &zlint.LintResult{Status: zlint.Warn, Details: fmt.Sprintf("the RSA key is %d bits; 2048 or more is recommended", bits)}
	}
	return &zlint.LintResult{Status: zlint.Pass}
}

// Remediation names the key length to pick.
func (l *rsaBelow2048) Remediation(c *x509.Certificate) string {
	return "at the next renewal, " + wizardRequest + " and choose a 2048-bit key length"
}
