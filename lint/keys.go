package lint

import (
	"slices"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
)

// oidRSAPSS is RSASSA-PSS, whatever its parameters.
var oidRSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}

// rsaBits returns the RSA modulus size of the certificate's key, and false when the key is not RSA.
func rsaBits(c *x509.Certificate) (int, bool) {
	key, ok := c.PublicKey.(*rsa.PublicKey)
	if !ok || key == nil || key.N == nil {
		return 0, false
	}
	return key.N.BitLen(), true
}

// allowsEKU reports whether the certificate's Extended Key Usage holds usage, or anyExtendedKeyUsage.
func allowsEKU(c *x509.Certificate, usage x509.ExtKeyUsage) bool {
	return slices.Contains(c.ExtKeyUsage, usage) || slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageAny)
}

// keyAlgorithm names the certificate's key algorithm as the profiles do: "rsa", "ecdsa", "ed25519", "dsa",
// "x25519", or "unknown".
func keyAlgorithm(c *x509.Certificate) string {
	switch c.PublicKeyAlgorithm {
	case x509.RSA:
		return "rsa"
	case x509.ECDSA:
		return "ecdsa"
	case x509.Ed25519:
		return "ed25519"
	case x509.X25519:
		return "x25519"
	case x509.DSA:
		return "dsa"
	default:
		return "unknown"
	}
}

// keyAlgorithmName is how a key algorithm is named to an administrator.
func keyAlgorithmName(alg string) string {
	switch alg {
	case "rsa":
		return "RSA"
	case "ecdsa":
		return "ECDSA (elliptic curve)"
	case "ed25519":
		return "Ed25519"
	case "x25519":
		return "X25519"
	case "dsa":
		return "DSA"
	}
	return "an unknown algorithm"
}
