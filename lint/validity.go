package lint

import (
	"fmt"
	"math"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// daysLeft is how many whole days remain before c expires at t (negative when expired).
func daysLeft(c *x509.Certificate, t time.Time) int {
	return int(math.Floor(c.NotAfter.Sub(t).Hours() / 24))
}

// expiryDate formats a certificate's expiry for messages.
func expiryDate(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") }

// renewText is the remediation for a certificate that expires soon or has expired.
func renewText(c *x509.Certificate) string {
	return fmt.Sprintf("renew: %s with the same names (%s), install it, assign it to OCS and IIS, and on a pool to every member", wizardRequest, subjectCN(c))
}

// judgedAt is the time validity is judged at: the configured one, else now.
func judgedAt(at time.Time) time.Time {
	if at.IsZero() {
		return time.Now()
	}
	return at
}
