package lint

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// wildcard: no wildcard name where the certificate may not have one (the profile's WildcardPolicy: never, or in
// the SAN only for simple URLs).
func init() {
	register("wildcard", func(r rule) zlint.CertificateLintInterface { return &wildcard{rule: r} })
}

type wildcard struct{ rule }

// policy is the wildcard policy of the certificate being judged: never, unless its profile says otherwise.
func (l *wildcard) policy() policy.WildcardPolicy {
	if cert, ok := l.ctx().CertificateSpec(); ok {
		return cert.Wildcards
	}
	return policy.WildcardNever
}

// offending lists the wildcard names the policy does not allow.
func (l *wildcard) offending(c *x509.Certificate) []string {
	var names []string
	if cn := subjectCN(c); strings.Contains(cn, "*") {
		names = append(names, cn)
	}
	if l.policy() == policy.WildcardNever {
		for _, n := range c.DNSNames {
			if strings.Contains(n, "*") {
				names = append(names, n)
			}
		}
	}
	return names
}

// CheckApplies to every server certificate.
func (l *wildcard) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for "*" where it may not be.
func (l *wildcard) Execute(c *x509.Certificate) *zlint.LintResult {
	names := l.offending(c)
	if len(names) == 0 {
		return pass()
	}
	if l.policy() == policy.WildcardNever {
		return l.result("wildcard name %s: %s does not support wildcard certificates here (services may not start)", quoteList(names), l.product.Name)
	}
	return l.result("wildcard Subject CN %s: a wildcard may stand only in the Subject Alternative Name, for the simple URLs", quoteList(names))
}

// Remediation asks for explicit names.
func (l *wildcard) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("%s that lists every name explicitly (the server or pool FQDN, the web names, sip.<domain>) instead of %s", l.request(), plainList(l.offending(c)))
}
