package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

// server_auth_eku: an EKU extension includes Server Authentication.
func init() {
	register("server_auth_eku", func(r rule) zlint.CertificateLintInterface { return &serverAuthEKU{rule: r} })
}

type serverAuthEKU struct{ rule }

// CheckApplies: the certificate has an EKU extension (without one, every usage is allowed).
func (l *serverAuthEKU) CheckApplies(c *x509.Certificate) bool {
	return hasExtension(c, util.EkuSynOid)
}

// Execute looks for Server Authentication (or anyExtendedKeyUsage) in the EKU.
func (l *serverAuthEKU) Execute(c *x509.Certificate) *zlint.LintResult {
	if allowsEKU(c, x509.ExtKeyUsageServerAuth) {
		return pass()
	}
	return l.result("the Extended Key Usage lacks Server Authentication (1.3.6.1.5.5.7.3.1): SChannel will not use the certificate for TLS")
}

// Remediation names the template to use.
func (l *serverAuthEKU) Remediation(c *x509.Certificate) string {
	return l.request() + " from a template with Server Authentication in its Application Policies (the Web Server template has it)"
}
