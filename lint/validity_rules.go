package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// expired, not_yet_valid, expiring_soon and expiring_critical: the certificate's validity at the time of the check
// (--at, default now) and the expiry windows.
func init() {
	register("expired", func(r rule) zlint.CertificateLintInterface { return &expired{rule: r} })
	register("not_yet_valid", func(r rule) zlint.CertificateLintInterface { return &notYetValid{rule: r} })
	register("expiring_soon", func(r rule) zlint.CertificateLintInterface { return &expiringSoon{rule: r} })
	register("expiring_critical", func(r rule) zlint.CertificateLintInterface { return &expiringCritical{rule: r} })
}

type expired struct{ rule }

// CheckApplies to every certificate.
func (l *expired) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares NotAfter with the time of the check.
func (l *expired) Execute(c *x509.Certificate) *zlint.LintResult {
	at := judgedAt(l.target().At)
	if !at.After(c.NotAfter) {
		return pass()
	}
	return l.result("the certificate expired on %s (%d days ago): clients and other servers refuse it", expiryDate(c.NotAfter), -daysLeft(c, at))
}

// Remediation says to renew.
func (l *expired) Remediation(c *x509.Certificate) string { return l.renew(c) }

type notYetValid struct{ rule }

// CheckApplies to every certificate.
func (l *notYetValid) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares NotBefore with the time of the check.
func (l *notYetValid) Execute(c *x509.Certificate) *zlint.LintResult {
	if !judgedAt(l.target().At).Before(c.NotBefore) {
		return pass()
	}
	return l.result("the certificate is not valid before %s: check the server's clock and the CA's", expiryDate(c.NotBefore))
}

// Remediation says what to check.
func (l *notYetValid) Remediation(c *x509.Certificate) string {
	return "check the clocks of the CA and this server; wait until " + expiryDate(c.NotBefore) + " or " + l.request()
}

type expiringSoon struct{ rule }

// CheckApplies: a warning window is set and the certificate is valid now and not in the critical window.
func (l *expiringSoon) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	at := judgedAt(t.At)
	return t.ExpiryWarning > 0 && !at.After(c.NotAfter) && !at.Before(c.NotBefore) && c.NotAfter.Sub(at) >= t.ExpiryCritical
}

// Execute compares the time left with the warning window.
func (l *expiringSoon) Execute(c *x509.Certificate) *zlint.LintResult {
	t := l.target()
	at := judgedAt(t.At)
	if c.NotAfter.Sub(at) >= t.ExpiryWarning {
		return pass()
	}
	return l.result("the certificate expires on %s, in %d days", expiryDate(c.NotAfter), daysLeft(c, at))
}

// Remediation says to renew.
func (l *expiringSoon) Remediation(c *x509.Certificate) string { return l.renew(c) }

type expiringCritical struct{ rule }

// CheckApplies: a critical window is set and the certificate is valid now.
func (l *expiringCritical) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	at := judgedAt(t.At)
	return t.ExpiryCritical > 0 && !at.After(c.NotAfter) && !at.Before(c.NotBefore)
}

// Execute compares the time left with the critical window.
func (l *expiringCritical) Execute(c *x509.Certificate) *zlint.LintResult {
	t := l.target()
	at := judgedAt(t.At)
	if c.NotAfter.Sub(at) >= t.ExpiryCritical {
		return pass()
	}
	return l.result("the certificate expires on %s, in %d days: renew it now", expiryDate(c.NotAfter), daysLeft(c, at))
}

// Remediation says to renew.
func (l *expiringCritical) Remediation(c *x509.Certificate) string { return l.renew(c) }

// renew is the remediation for a certificate that expires soon or has expired.
func (r *rule) renew(c *x509.Certificate) string {
	return "renew: " + r.request() + " with the same names (" + subjectCN(c) + "), assign it to " + r.product.ShortName +
		" and to the web site in " + iisAssign + ", and on a pool do the same on every member"
}
