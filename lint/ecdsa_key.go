package lint

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// ecdsa_key: an elliptic-curve key, where a product's pages disagree on whether it works (Skype for Business
// Server lists ECDH_P256/P384/P521 as supported, yet such a key lives only in a CNG key provider, which it does not
// support). The profile's Consequence names both readings.
func init() {
	register("ecdsa_key", func(r rule) zlint.CertificateLintInterface { return &ecdsaKey{rule: r} })
}

type ecdsaKey struct{ rule }

// CheckApplies to every server certificate.
func (l *ecdsaKey) CheckApplies(c *x509.Certificate) bool { return true }

// Execute warns on an ECDSA key.
func (l *ecdsaKey) Execute(c *x509.Certificate) *zlint.LintResult {
	if keyAlgorithm(c) != "ecdsa" {
		return pass()
	}
	curve := "elliptic curve"
	if k, ok := c.PublicKey.(*ecdsa.PublicKey); ok && k.Curve != nil {
		curve = k.Curve.Params().Name
	}
	return l.result("%s", l.withConsequence(fmt.Sprintf("the key is ECDSA (%s)", curve), ": "))
}

// Remediation asks for an RSA key.
func (l *ecdsaKey) Remediation(c *x509.Certificate) string {
	return "unless you have tested this key with every client and server role, " + l.request() + " with an RSA key (2048 bits) from a CryptoAPI provider (Microsoft RSA SChannel Cryptographic Provider)"
}
