package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameChainIncomplete = "w_ocs_chain_incomplete"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameChainIncomplete,
			Description: "The server does not send its intermediate certificates: the chain verifies only with intermediates from --ca-file",
			Citation:    citeIncomplete,
			Source:      Source,
		},
		Lint: newChainIncomplete,
	})
}

type chainIncomplete struct{ cfg chainConfig }

func newChainIncomplete() zlint.CertificateLintInterface { return &chainIncomplete{} }

// Configure implements zlint.Configurable.
func (l *chainIncomplete) Configure() interface{} { return &l.cfg }

// CheckApplies to certificates whose chain reaches a --ca-file anchor. The runner configures this rule only for
// certificates seen on a live endpoint: a file is not a server that fails to send its intermediates.
func (l *chainIncomplete) CheckApplies(c *x509.Certificate) bool {
	return l.cfg.Trust == trustCAFile
}

// Execute reports whether the presented chain was complete.
func (l *chainIncomplete) Execute(c *x509.Certificate) *zlint.LintResult {
	if !l.cfg.Incomplete {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Warn, Details: "the server sends only its own certificate, not the intermediate CA: clients that do not have the intermediate (outside the domain) fail"}
}

// Remediation says where the intermediate goes.
func (l *chainIncomplete) Remediation(c *x509.Certificate) string {
	return "import the issuing CA certificate into the server's Local Computer Intermediate Certification Authorities store (certlm.msc), then restart the OCS services and IIS"
}
