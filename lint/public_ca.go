package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const namePublicCA = "n_ocs_public_ca"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        namePublicCA,
			Description: "The chain ends in a system root rather than a --ca-file anchor: an Enterprise CA is recommended for internal servers",
			Citation:    citePublicCA,
			Source:      Source,
		},
		Lint: newPublicCA,
	})
}

type publicCA struct{ cfg chainConfig }

func newPublicCA() zlint.CertificateLintInterface { return &publicCA{} }

// Configure implements zlint.Configurable.
func (l *publicCA) Configure() interface{} { return &l.cfg }

// CheckApplies when the chain is trusted.
func (l *publicCA) CheckApplies(c *x509.Certificate) bool {
	return l.cfg.Trust == trustCAFile || l.cfg.Trust == trustSystem
}

// Execute notes a chain that ends in a system root.
func (l *publicCA) Execute(c *x509.Certificate) *zlint.LintResult {
	if l.cfg.Trust != trustSystem {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Notice, Details: fmt.Sprintf("the chain ends in the system root %q, not in a --ca-file (Enterprise CA) anchor", l.cfg.Reason)}
}

// Remediation explains the choice.
func (l *publicCA) Remediation(c *x509.Certificate) string {
	return "nothing to fix if this is intended; otherwise pass your Enterprise root with --ca-file, or issue internal server certificates from your Enterprise CA (KB929395 lists the public CAs that work with OCS)"
}
