package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

const nameKeyEncipherment = "w_ocs_key_usage_lacks_key_encipherment"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameKeyEncipherment,
			Description: "An RSA key's Key Usage should include keyEncipherment: TLS 1.0 RSA key exchange, all that Windows Server 2003 speaks, needs it",
			Citation:    citeKeyUsage,
			Source:      Source,
		},
		Lint: newKeyEncipherment,
	})
}

type keyEncipherment struct{}

func newKeyEncipherment() zlint.CertificateLintInterface { return &keyEncipherment{} }

// CheckApplies to RSA keys with a Key Usage extension.
func (l *keyEncipherment) CheckApplies(c *x509.Certificate) bool {
	_, isRSA := rsaBits(c)
	return isRSA && hasExtension(c, util.KeyUsageOID)
}

// Execute checks the keyEncipherment bit.
func (l *keyEncipherment) Execute(c *x509.Certificate) *zlint.LintResult {
	if c.KeyUsage&x509.KeyUsageKeyEncipherment != 0 {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Warn, Details: "the Key Usage lacks keyEncipherment: TLS with RSA key exchange (TLS 1.0 on Windows Server 2003) fails"}
}

// Remediation names the template setting.
func (l *keyEncipherment) Remediation(c *x509.Certificate) string {
	return wizardRequest + " from a template whose Key Usage includes Key Encipherment (Digital Signature + Key Encipherment, as the wizard requests)"
}
