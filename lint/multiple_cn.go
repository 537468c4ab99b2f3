package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// multiple_cn: the Subject holds one CN.
func init() {
	register("multiple_cn", func(r rule) zlint.CertificateLintInterface { return &multipleCN{rule: r} })
}

type multipleCN struct{ rule }

// CheckApplies to every server certificate.
func (l *multipleCN) CheckApplies(c *x509.Certificate) bool { return true }

// Execute counts the CNs.
func (l *multipleCN) Execute(c *x509.Certificate) *zlint.LintResult {
	if cns := l.target().cns(c); len(cns) > 1 {
		return l.result("the Subject holds %d CNs, %s: which one a client or server takes as the name differs", len(cns), quoteList(cns))
	}
	return pass()
}

// Remediation asks for one CN.
func (l *multipleCN) Remediation(c *x509.Certificate) string {
	return l.request() + " whose Subject holds one CN, the role's FQDN; put any other name in the Subject Alternative Name"
}
