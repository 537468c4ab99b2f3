package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// chain_untrusted: the certificate chains to a trust anchor. The runner's chain check (Trust) gives the verdict and
// its reason; this rule reports it.
func init() {
	register("chain_untrusted", func(r rule) zlint.CertificateLintInterface { return &chainUntrusted{rule: r} })
}

type chainUntrusted struct{ rule }

// CheckApplies when the runner checked the chain.
func (l *chainUntrusted) CheckApplies(c *x509.Certificate) bool { return l.target().Trust != nil }

// Execute reports the runner's verdict.
func (l *chainUntrusted) Execute(c *x509.Certificate) *zlint.LintResult {
	v := l.target().Trust
	if v.Trust != trustUntrusted {
		return pass()
	}
	return l.result("%s", v.Reason)
}

// Remediation depends on why.
func (l *chainUntrusted) Remediation(c *x509.Certificate) string {
	return "if the certificate comes from your Enterprise CA, pass its root with --ca-file (clients and servers need it in Trusted Root Certification Authorities: by Group Policy, or with " +
		certStore + "); otherwise " + l.request() + " from your Enterprise CA"
}
