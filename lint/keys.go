package lint

import (
	"github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
)

// rsaBits returns the RSA modulus size of the certificate's key, and false when the key is not RSA.
func rsaBits(c *x509.Certificate) (int, bool) {
	key, ok := c.PublicKey.(*rsa.PublicKey)
	if !ok || key == nil || key.N == nil {
		return 0, false
	}
	return key.N.BitLen(), true
}
