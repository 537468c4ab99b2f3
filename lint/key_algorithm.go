package lint

import (
	"slices"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// key_algorithm: the key is of an algorithm the product works with (OCS 2007 R2: RSA only).
func init() {
	register("key_algorithm", func(r rule) zlint.CertificateLintInterface { return &keyAlg{rule: r} })
}

type keyAlg struct{ rule }

// CheckApplies to every server certificate.
func (l *keyAlg) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares the key algorithm with the product's.
func (l *keyAlg) Execute(c *x509.Certificate) *zlint.LintResult {
	cert, _ := l.ctx().CertificateSpec()
	allowed := l.product.CryptoFor(cert).KeyAlgorithms
	if alg := keyAlgorithm(c); !slices.Contains(allowed, alg) {
		return l.result("the key is %s: %s works only with %s keys from a CryptoAPI provider", keyAlgorithmName(alg), l.product.Name, keyAlgorithmName(allowed[0]))
	}
	return pass()
}

// Remediation asks for an RSA key.
func (l *keyAlg) Remediation(c *x509.Certificate) string {
	return l.request() + " with an RSA key (2048 bits) from the Microsoft RSA SChannel Cryptographic Provider"
}
