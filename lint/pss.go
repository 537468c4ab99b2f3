package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// pss: RSASSA-PSS signatures anywhere in the chain.
func init() { register("pss", func(r rule) zlint.CertificateLintInterface { return &pssSig{rule: r} }) }

type pssSig struct{ rule }

// found lists the certificates signed with RSASSA-PSS, recognised by the signature OID whatever its parameters
// (zcrypto names only the SHA-2 parameter sets).
func (l *pssSig) found(c *x509.Certificate) []signed {
	var out []signed
	for _, s := range chainOf(c, l.target()) {
		if s.cert.SignatureAlgorithmOID.Equal(oidRSAPSS) {
			out = append(out, s)
		}
	}
	return out
}

// CheckApplies to every certificate.
func (l *pssSig) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for PSS in the chain.
func (l *pssSig) Execute(c *x509.Certificate) *zlint.LintResult {
	if list := l.found(c); len(list) > 0 {
		return l.result("signed with RSASSA-PSS: %s; it is not supported and breaks sign-in", describeSigned(list))
	}
	return pass()
}

// Remediation names the CA setting.
func (l *pssSig) Remediation(c *x509.Certificate) string {
	return "have the CA administrator turn off the alternate signature format (AlternateSignatureAlgorithm=0 in the CA's CAPolicy.inf, then renew the CA certificate), then " + l.request()
}
