package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// chain_untrusted: the certificate chains to a trust anchor through CAs that are valid, may issue it and allow
// Server Authentication. The runner's path validation (lint/trust) gives the verdict; this rule reports its
// decisive reason: which certificate is missing, a self-signed server certificate, a signature that does not
// verify, an issuer that is not a CA, a path length exceeded, a CA expired or not yet valid, a name constraint, the
// EKU of a CA.
func init() {
	register("chain_untrusted", func(r rule) zlint.CertificateLintInterface { return &chainUntrusted{rule: r} })
}

type chainUntrusted struct{ rule }

// CheckApplies when the runner checked the chain.
func (l *chainUntrusted) CheckApplies(c *x509.Certificate) bool { return l.target().Trust != nil }

// Execute reports the decisive reason of an untrusted chain.
func (l *chainUntrusted) Execute(c *x509.Certificate) *zlint.LintResult {
	v := l.target().Trust
	if v.Trusted() {
		return pass()
	}
	if len(v.Problems) == 0 {
		return l.result("no chain to a trust anchor")
	}
	return l.result("%s", v.Problems[0].Details)
}

// Remediation is the decisive problem's own.
func (l *chainUntrusted) Remediation(c *x509.Certificate) string {
	if v := l.target().Trust; v != nil && len(v.Problems) > 0 && v.Problems[0].Remediation != "" {
		return v.Problems[0].Remediation
	}
	return "if the certificate comes from your Enterprise CA, pass its root with --ca-file (clients and servers need it in Trusted Root Certification Authorities: by Group Policy, or with " +
		certStore + "); otherwise " + l.request() + " from your Enterprise CA"
}
