package lint

import (
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// trailing_dot: no CN or SAN DNS name ends in a dot. The name rules count "pool01.contoso.com." as
// "pool01.contoso.com" (it is the same absolute DNS name), and this rule warns that a client comparing names
// strictly may not.
func init() {
	register("trailing_dot", func(r rule) zlint.CertificateLintInterface { return &trailingDot{rule: r} })
}

type trailingDot struct{ rule }

// dottedNames lists the CNs and SAN DNS names of c that end in a dot, each once.
func (l *trailingDot) dottedNames(c *x509.Certificate) []string {
	var out []string
	for _, names := range [][]string{l.target().cns(c), c.DNSNames} {
		for _, n := range names {
			if strings.HasSuffix(n, ".") && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// CheckApplies to every server certificate.
func (l *trailingDot) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for names ending in a dot.
func (l *trailingDot) Execute(c *x509.Certificate) *zlint.LintResult {
	if names := l.dottedNames(c); len(names) > 0 {
		return l.result("%s end in a dot: clients that compare names strictly will not match them", quoteList(names))
	}
	return pass()
}

// Remediation asks for the names without the dot.
func (l *trailingDot) Remediation(c *x509.Certificate) string {
	var plain []string
	for _, n := range l.dottedNames(c) {
		plain = append(plain, strings.TrimSuffix(n, "."))
	}
	return "at the next renewal, " + l.request() + " with " + plainList(plain) + " written without the trailing dot"
}
