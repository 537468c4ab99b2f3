package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// remediator is implemented by uclint's rules: the one-line fix, in the admin's terms, for a certificate the rule
// flagged. The rule has its target when it is asked.
type remediator interface {
	Remediation(c *x509.Certificate) string
}

// remediationOf is a rule instance's fix for c.
func remediationOf(inst zlint.CertificateLintInterface, c *x509.Certificate) (fix string) {
	defer func() {
		if recover() != nil {
			fix = ""
		}
	}()
	if r, ok := inst.(remediator); ok {
		return r.Remediation(c)
	}
	return ""
}

// zlintRemediation is the fix for a finding of one of zlint's own lints: the certificate breaks a standard, so the
// CA's template must change.
func zlintRemediation(l *zlint.CertificateLint, p *policy.Profile) string {
	return fmt.Sprintf("the issuing CA built a certificate that breaks %s (%s): have the CA administrator fix the certificate template, then request a new certificate with %s", l.Source, l.Citation, p.RequestTool)
}
