package lint

import (
	"time"

	"github.com/zmap/zcrypto/x509"
)

// DaysLeft is how many whole days remain between at and notAfter: the floor of the difference, so a certificate
// that expires in 23 hours has 0 days left and one that expired an hour ago -1. Every report and rule counts
// days with it, so the table, the JSON report, the Nagios line and the findings agree.
func DaysLeft(notAfter, at time.Time) int {
	d := notAfter.Sub(at)
	days := int(d / (24 * time.Hour))
	if d < 0 && d%(24*time.Hour) != 0 {
		days--
	}
	return days
}

// daysLeft is DaysLeft for a certificate.
func daysLeft(c *x509.Certificate, t time.Time) int { return DaysLeft(c.NotAfter, t) }

// expiryDate formats a certificate's expiry for messages.
func expiryDate(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") }

// judgedAt is the time validity is judged at: the configured one, else now.
func judgedAt(at time.Time) time.Time {
	if at.IsZero() {
		return time.Now()
	}
	return at
}
