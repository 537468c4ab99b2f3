package lint

import (
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// expired, not_yet_valid, expiring_soon and expiring_critical: the certificate's validity at the time of the check
// (--at, default now) and the expiry windows.
func init() {
	register("expired", func(r rule) zlint.CertificateLintInterface { return &expired{rule: r} })
	register("not_yet_valid", func(r rule) zlint.CertificateLintInterface { return &notYetValid{rule: r} })
	register("expiring_soon", func(r rule) zlint.CertificateLintInterface { return &expiring{rule: r} })
	register("expiring_critical", func(r rule) zlint.CertificateLintInterface { return &expiring{rule: r, critical: true} })
}

// at is the time validity is judged at: the target's, else now.
func (r *rule) at() time.Time { return judgedAt(r.target().At) }

type expired struct{ rule }

// CheckApplies to every certificate.
func (l *expired) CheckApplies(c *x509.Certificate) bool { return true }

// Execute compares NotAfter with the time of the check.
func (l *expired) Execute(c *x509.Certificate) *zlint.LintResult {
	at := l.at()
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
	if !l.at().Before(c.NotBefore) {
		return pass()
	}
	return l.result("the certificate is not valid before %s: check the server's clock and the CA's", expiryDate(c.NotBefore))
}

// Remediation says what to check.
func (l *notYetValid) Remediation(c *x509.Certificate) string {
	return "check the clocks of the CA and this server; wait until " + expiryDate(c.NotBefore) + " or " + l.request()
}

// expiring is expiring_soon (the warning window) and expiring_critical (the critical window, when critical is set):
// a certificate valid now that expires within the window. The warning leaves the critical window to the other.
type expiring struct {
	rule
	critical bool
}

// window is how long before expiry the rule fires; 0 when it is not set.
func (l *expiring) window() time.Duration {
	if l.critical {
		return l.target().ExpiryCritical
	}
	return l.target().ExpiryWarning
}

// CheckApplies: the window is set and the certificate is valid now (and, for the warning, not in the critical
// window).
func (l *expiring) CheckApplies(c *x509.Certificate) bool {
	at := l.at()
	valid := !at.After(c.NotAfter) && !at.Before(c.NotBefore)
	return l.window() > 0 && valid && (l.critical || c.NotAfter.Sub(at) >= l.target().ExpiryCritical)
}

// Execute compares the time left with the window.
func (l *expiring) Execute(c *x509.Certificate) *zlint.LintResult {
	at := l.at()
	if c.NotAfter.Sub(at) >= l.window() {
		return pass()
	}
	urge := ""
	if l.critical {
		urge = ": renew it now"
	}
	return l.result("the certificate expires on %s, in %d days%s", expiryDate(c.NotAfter), daysLeft(c, at), urge)
}

// Remediation says to renew.
func (l *expiring) Remediation(c *x509.Certificate) string { return l.renew(c) }

// renew is the remediation for a certificate that expires soon or has expired.
func (r *rule) renew(c *x509.Certificate) string {
	return "renew: " + r.request() + " with the same names (" + subjectCN(c) + "), assign it to " + r.product.ShortName +
		" and to the web site in " + iisAssign + ", and on a pool do the same on every member"
}
