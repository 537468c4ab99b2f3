package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

// client_auth_eku: a certificate that must also authenticate as a client (the Access Edge external certificate with
// public IM connectivity to AOL) has an EKU extension without Client Authentication.
func init() {
	register("client_auth_eku", func(r rule) zlint.CertificateLintInterface { return &clientAuthEKU{rule: r} })
}

type clientAuthEKU struct{ rule }

// CheckApplies when the deployment holds the certificate to the rule and it has an EKU extension (without one,
// every usage is allowed).
func (l *clientAuthEKU) CheckApplies(c *x509.Certificate) bool {
	_, ok := l.requirement()
	return ok && hasExtension(c, util.EkuSynOid)
}

// Execute looks for Client Authentication (or anyExtendedKeyUsage) in the EKU.
func (l *clientAuthEKU) Execute(c *x509.Certificate) *zlint.LintResult {
	if allowsEKU(c, x509.ExtKeyUsageClientAuth) {
		return pass()
	}
	return l.result("the Extended Key Usage lacks Client Authentication (1.3.6.1.5.5.7.3.2), and the deployment declares public IM connectivity with AOL, which authenticates the Access Edge as a client: AOL users cannot exchange IM or presence with yours")
}

// Remediation is the profile's.
func (l *clientAuthEKU) Remediation(c *x509.Certificate) string {
	return l.fixedOr(l.request() + " with both Server Authentication and Client Authentication in its Extended Key Usage")
}
