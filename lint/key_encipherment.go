package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

// key_encipherment and key_encipherment_rsa_kex: an RSA key whose Key Usage lacks keyEncipherment. It is a warning
// in general (TLS 1.0 with RSA key exchange, all that Windows Server 2003 speaks, needs it), and an error when the
// scan itself negotiated RSA key exchange with the endpoint: then it is not a risk but what happens.
func init() {
	register("key_encipherment", func(r rule) zlint.CertificateLintInterface { return &keyEncipherment{rule: r} })
	register("key_encipherment_rsa_kex", func(r rule) zlint.CertificateLintInterface {
		return &keyEncipherment{rule: r, negotiated: true}
	})
}

type keyEncipherment struct {
	rule
	negotiated bool // the error form: only when the endpoint negotiated RSA key exchange
}

// rsaKeyExchange reports whether the handshake that showed the certificate used RSA key exchange.
func rsaKeyExchange(t *Target) bool { return t.TLS != nil && t.TLS.RSAKeyExchange() }

// CheckApplies to RSA keys with a Key Usage extension; the warning where the error does not apply, and the
// error to endpoints that negotiated RSA key exchange.
func (l *keyEncipherment) CheckApplies(c *x509.Certificate) bool {
	_, isRSA := rsaBits(c)
	return isRSA && hasExtension(c, util.KeyUsageOID) && rsaKeyExchange(l.target()) == l.negotiated
}

// Execute checks the keyEncipherment bit.
func (l *keyEncipherment) Execute(c *x509.Certificate) *zlint.LintResult {
	if c.KeyUsage&x509.KeyUsageKeyEncipherment != 0 {
		return pass()
	}
	if l.negotiated {
		return l.result("the endpoint negotiated %s, RSA key exchange, but the Key Usage lacks keyEncipherment: clients that check Key Usage (Windows SChannel) refuse the handshake", l.target().TLS.Cipher)
	}
	return l.result("the Key Usage lacks keyEncipherment: TLS with RSA key exchange (TLS 1.0 on Windows Server 2003) fails")
}

// Remediation names the template setting.
func (l *keyEncipherment) Remediation(c *x509.Certificate) string {
	return l.request() + " from a template whose Key Usage includes Key Encipherment (Digital Signature + Key Encipherment, as the wizard requests)"
}
