package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// names_any_domain: a name of a names_any rule ("lyncdiscoverinternal.{sip_domain}") carried under a domain that is
// not a SIP domain, such as lyncdiscoverinternal.contoso.local. Clients look the name up under their SIP domain,
// but one of Microsoft's pages writes lyncdiscoverinternal.<internal domain name>: a warning, never an error, and
// names_any does not count such a name as missing.
func init() {
	register("names_any_domain", func(r rule) zlint.CertificateLintInterface { return &namesAnyDomain{rule: r} })
}

type namesAnyDomain struct{ rule }

// labels are the first labels of the names any certificate of the server may carry under a SIP domain
// ("lyncdiscoverinternal", "lyncdiscover"), from the name rules of the certificate being judged whose conditions
// hold.
func (l *namesAnyDomain) labels() []string {
	ctx := l.ctx()
	cert, ok := ctx.CertificateSpec()
	if !ok || len(ctx.SIPDomains) == 0 {
		return nil
	}
	var out []string
	for _, n := range cert.Names {
		if n.Where != policy.InSANOfAny || !ctx.HoldsAll(n.When) {
			continue
		}
		for _, t := range n.Names {
			if label, ok := strings.CutSuffix(t, ".{sip_domain}"); ok && !strings.ContainsAny(label, "{}.") {
				out = append(out, label)
			}
		}
	}
	return out
}

// offending lists the SAN names that carry one of the labels under a domain that is not a SIP domain.
func (l *namesAnyDomain) offending(c *x509.Certificate) []string {
	labels := l.labels()
	var out []string
	for _, n := range c.DNSNames {
		if slices.ContainsFunc(labels, func(label string) bool { return labelUnderOtherDomain(n, label, l.ctx().SIPDomains) }) {
			out = append(out, n)
		}
	}
	return out
}

// CheckApplies when the SIP domains are known and the certificate may carry such names.
func (l *namesAnyDomain) CheckApplies(c *x509.Certificate) bool { return len(l.labels()) > 0 }

// Execute looks for the names under other domains.
func (l *namesAnyDomain) Execute(c *x509.Certificate) *zlint.LintResult {
	names := l.offending(c)
	if len(names) == 0 {
		return pass()
	}
	return l.result("%s", l.withConsequence(fmt.Sprintf("the SAN holds %s, under a domain that is not a SIP domain (%s)",
		quoteList(names), strings.Join(l.ctx().SIPDomains, ", ")), ": "))
}

// Remediation names the names clients look up.
func (l *namesAnyDomain) Remediation(c *x509.Certificate) string {
	var want []string
	for _, label := range l.labels() {
		for _, d := range l.ctx().SIPDomains {
			name := label + "." + d
			if !hasSANDNS(c, name) && !coveredByWildcard(c, name) {
				want = append(want, name)
			}
		}
	}
	if len(want) == 0 {
		return "nothing to add: the names under each SIP domain are there too; the others may go at the next renewal"
	}
	return fmt.Sprintf("check which names your DNS publishes; clients look up the names under their SIP domain: %s and add %s to the Subject Alternative Name", l.request(), plainList(want))
}
