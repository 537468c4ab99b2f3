package lint

import (
	"net"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// cn_fqdn: the Subject CN is a fully qualified DNS name.
func init() {
	register("cn_fqdn", func(r rule) zlint.CertificateLintInterface { return &cnFQDN{rule: r} })
}

type cnFQDN struct{ rule }

// CheckApplies to every server certificate.
func (l *cnFQDN) CheckApplies(c *x509.Certificate) bool { return true }

// Execute checks the CN's form.
func (l *cnFQDN) Execute(c *x509.Certificate) *zlint.LintResult {
	cn := subjectCN(c)
	if cn == "" {
		return l.result("the Subject has no CN: the server's or pool's FQDN belongs there")
	}
	if why := policy.NameProblem(cn); why != "" {
		return l.result("the Subject CN %q is not a DNS name: %s", cn, why)
	}
	if err := policy.CheckFQDNIn(cn, l.ctx().Domain()); err != nil {
		return l.result("the Subject CN is not a fully qualified DNS name: %v", err)
	}
	return pass()
}

// Remediation asks for the FQDN, an example built from the certificate's own names where it has one.
func (l *cnFQDN) Remediation(c *x509.Certificate) string {
	example := l.ctx().FQDN
	if example == "" {
		for _, n := range c.DNSNames {
			if policy.CheckFQDN(n) == nil && policy.NameProblem(n) == "" {
				example = n
				break
			}
		}
	}
	if cn := subjectCN(c); example == "" && policy.CheckFQDN(cn) != nil && policy.NameProblem(cn) == "" && l.ctx().Domain() != "" &&
		!strings.Contains(cn, ".") && net.ParseIP(cn) == nil {
		example = policy.ExampleName(cn, l.ctx().Domain()) // a short name: the same name in the administrator's domain
	}
	if example != "" {
		return l.request() + " with the fully qualified name (e.g. " + example + ") as Subject Name, not a short name or an IP address"
	}
	return l.request() + " with the server's or pool's fully qualified domain name as Subject Name, not a short name or an IP address"
}
