package lint

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
)

// Where a remediation sends the administrator, named with the tools of every Windows Server the products run on:
// Windows Server 2003 and 2008 have no certlm.msc, and IIS 6 has no Bindings dialog.
const (
	// certStore is how to open the server's certificate stores.
	certStore = trust.CertificatesSnapIn
	// iisAssign is how to assign a certificate to the IIS web site.
	iisAssign = "IIS Manager (IIS 6 on Windows Server 2003: Web Site Properties > Directory Security > Server Certificate; " +
		"IIS 7 and later: Bindings > https > SSL certificate)"
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

// GeneralRemediation is the fix a rule gives whatever the certificate, when it has one: a product rule's fixed
// remediation, a DNS rule's general fix, or the fix for any of zlint's own lints (p: the product whose request
// tool it names). It is "" for a rule whose fix depends on the certificate: 'uclint explain' shows it on the
// rule's failing example.
func GeneralRemediation(l *zlint.CertificateLint, p *policy.Profile) string {
	if !isOurs(l.Source) {
		return zlintRemediation(l, p)
	}
	inst := l.Lint()
	if r, ok := inst.(targeted); ok {
		fix := r.ruleOf().fixed()
		if strings.Contains(fix, "{names}") {
			return "" // it names the certificate's own names: each finding gives it
		}
		return fix
	}
	return remediationOf(inst, nil) // the DNS rules: a fix that needs no certificate
}
