package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// rsa_min, rsa_recommended and rsa_max: the RSA modulus size against the product's limits (policy.Crypto), which a
// certificate of the profile may override (the OAuth certificate).
func init() {
	register("rsa_min", func(r rule) zlint.CertificateLintInterface {
		return &rsaSize{rule: r, limit: func(c policy.Crypto) int { return c.RSAErrorBelow }, below: true}
	})
	register("rsa_recommended", func(r rule) zlint.CertificateLintInterface {
		return &rsaSize{rule: r, limit: func(c policy.Crypto) int { return c.RSAWarnBelow }, below: true,
			floor: func(c policy.Crypto) int { return c.RSAErrorBelow }}
	})
	register("rsa_max", func(r rule) zlint.CertificateLintInterface {
		return &rsaSize{rule: r, limit: func(c policy.Crypto) int { return c.RSAWarnAbove }}
	})
}

// rsaSize compares the modulus with one limit of the profile: a key below it (below) or above it fails. floor, when
// set, is a smaller limit another rule judges: keys under it are left to that rule.
type rsaSize struct {
	rule
	limit, floor func(policy.Crypto) int
	below        bool
}

func (l *rsaSize) crypto() policy.Crypto {
	cert, _ := l.ctx().CertificateSpec()
	return l.product.CryptoFor(cert)
}

// CheckApplies to RSA keys when the profile sets the limit.
func (l *rsaSize) CheckApplies(c *x509.Certificate) bool {
	bits, ok := rsaBits(c)
	if !ok || l.limit(l.crypto()) == 0 {
		return false
	}
	return l.floor == nil || bits >= l.floor(l.crypto())
}

// Execute compares the modulus size with the limit; a certificate's own limits add their note (where they come
// from, or that Microsoft's pages disagree on them).
func (l *rsaSize) Execute(c *x509.Certificate) *zlint.LintResult {
	bits, _ := rsaBits(c)
	crypto := l.crypto()
	limit := l.limit(crypto)
	note := ""
	if crypto.Note != "" {
		note = "; " + crypto.Note
	}
	switch {
	case l.below && bits < limit && l.spec.Severity == "error":
		return l.result("the RSA key is only %d bits: below the %d-bit minimum%s", bits, limit, note)
	case l.below && bits < limit:
		return l.result("the RSA key is %d bits; %d or more is recommended%s", bits, limit, note)
	case !l.below && bits > limit:
		return l.result("the RSA key is %d bits: %s supports RSA keys of up to %d bits%s", bits, l.product.Name, limit, note)
	}
	return pass()
}

// Remediation names the key length to pick.
func (l *rsaSize) Remediation(c *x509.Certificate) string {
	if l.spec.Severity == "warn" && l.below {
		return "at the next renewal, " + l.request() + " and choose a 2048-bit key length"
	}
	return l.request() + " and choose a 2048-bit key length"
}
