package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// md5: MD5 (or MD2) signatures anywhere in the chain, the root included.
func init() { register("md5", func(r rule) zlint.CertificateLintInterface { return &md5Sig{rule: r} }) }

type md5Sig struct{ rule }

func (l *md5Sig) found(c *x509.Certificate) []signed {
	return signedWith(c, l.target(), true, x509.MD5WithRSA, x509.MD2WithRSA)
}

// CheckApplies to every certificate.
func (l *md5Sig) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for MD5 in the chain.
func (l *md5Sig) Execute(c *x509.Certificate) *zlint.LintResult {
	if list := l.found(c); len(list) > 0 {
		return l.result("signed with a broken hash: %s; later Microsoft servers refuse such a chain (Schannel 36888)", describeSigned(list))
	}
	return pass()
}

// Remediation asks for a modern CA.
func (l *md5Sig) Remediation(c *x509.Certificate) string {
	return "have the CA administrator renew the CA certificates with SHA-1 or SHA-256 signatures, then " + l.request()
}
