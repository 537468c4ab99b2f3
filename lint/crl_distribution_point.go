package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// crl_distribution_point: the certificate names where its CRL is.
func init() {
	register("crl_distribution_point", func(r rule) zlint.CertificateLintInterface { return &crlDP{rule: r} })
}

type crlDP struct{ rule }

// CheckApplies to every server certificate.
func (l *crlDP) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for a CRL distribution point.
func (l *crlDP) Execute(c *x509.Certificate) *zlint.LintResult {
	if len(c.CRLDistributionPoints) > 0 {
		return pass()
	}
	return l.result("the certificate has no CRL distribution point: servers and clients that check revocation reject it")
}

// Remediation points at the CA's extensions.
func (l *crlDP) Remediation(c *x509.Certificate) string {
	return "have the CA administrator add a CRL distribution point (CDP) to the CA's extensions (CA properties > Extensions), then " + l.request()
}
