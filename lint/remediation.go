package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// remediator is implemented by uclint's rules: the one-line fix, in the admin's terms, for a certificate the rule
// flagged. The rule is configured for the target before it is asked.
type remediator interface {
	Remediation(c *x509.Certificate) string
}

// remediation returns the fix for a finding of lint l on c: the rule's own text for uclint's rules, a general one
// for zlint's.
func remediation(l *zlint.CertificateLint, c *x509.Certificate, config zlint.Configuration) string {
	instance := l.Lint()
	if r, ok := instance.(remediator); ok {
		if err := config.MaybeConfigure(instance, l.Name); err == nil {
			return r.Remediation(c)
		}
	}
	return fmt.Sprintf("the issuing CA built a certificate that breaks %s (%s): have the CA administrator fix the certificate template, then request a new certificate with the Certificate Wizard", l.Source, l.Citation)
}

// wizardRequest is how every OCS 2007 R2 admin gets a new certificate.
const wizardRequest = "request a new certificate with the OCS Certificate Wizard"
