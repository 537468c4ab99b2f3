package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameChainUntrusted = "e_ocs_chain_untrusted"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameChainUntrusted,
			Description: "The certificate must chain to a trust anchor: a --ca-file root or a system root (not self-signed, not an unknown CA)",
			Citation:    citeTrust,
			Source:      Source,
		},
		Lint: newChainUntrusted,
	})
}

type chainUntrusted struct{ cfg chainConfig }

func newChainUntrusted() zlint.CertificateLintInterface { return &chainUntrusted{} }

// Configure implements zlint.Configurable.
func (l *chainUntrusted) Configure() interface{} { return &l.cfg }

// CheckApplies when the runner checked the chain.
func (l *chainUntrusted) CheckApplies(c *x509.Certificate) bool { return l.cfg.Trust != "" }

// Execute reports the runner's verdict.
func (l *chainUntrusted) Execute(c *x509.Certificate) *zlint.LintResult {
	if l.cfg.Trust != trustUntrusted {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: l.cfg.Reason}
}

// Remediation depends on why.
func (l *chainUntrusted) Remediation(c *x509.Certificate) string {
	return "if the certificate comes from your Enterprise CA, pass its root with --ca-file (clients need it in Trusted Root Certification Authorities); otherwise " +
		wizardRequest + " from your Enterprise CA"
}
