package lint

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

const nameDNSCertificateSIPDomainUnchecked = "n_ocs_dns_certificate_sip_domain_unchecked"

func init() {
	registerDNSRule(nameDNSCertificateSIPDomainUnchecked,
		"The certificate at a place DNS leads clients to carries sip.<domain> for a SIP domain whose DNS records were not looked up: the server serves a SIP domain the audit did not check",
		citeAutoSignIn+"; "+citeSfBEnvironment,
		"add the SIP domain to sip_domains in the deployment file (or name it to uclint dns), or take sip.<domain> off the certificate if the SIP domain is gone")
}

// UncheckedSIPDomains compares the sip.<domain> names in the SAN of the certificate presented at a place with the
// SIP domains the DNS audit looked up (checked): the SIP domains the certificate names that were not looked up
// give one notice, since whether their records lead clients to a server carrying their name went unchecked. nil
// when the certificate names no other SIP domain. listedIn names the deployment file the domains came from ("":
// the command line).
func UncheckedSIPDomains(p *Place, c *x509.Certificate, checked []string, listedIn string) *Finding {
	if p == nil || c == nil {
		return nil
	}
	var missing []string
	for _, name := range c.DNSNames {
		domain, ok := sipDomainOf(name)
		if !ok || containsName(checked, domain) || containsName(missing, domain) {
			continue
		}
		missing = append(missing, domain)
	}
	if len(missing) == 0 {
		return nil
	}
	where := "the SIP domains given"
	add := fmt.Sprintf("name them too (uclint dns %s %s)", strings.Join(checked, " "), strings.Join(missing, " "))
	if listedIn != "" {
		where = "sip_domains in " + listedIn
		add = fmt.Sprintf("add %s to %s", plainList(missing), where)
	}
	sips := make([]string, len(missing))
	for i, m := range missing {
		sips[i] = "sip." + m
	}
	f := dnsFinding(nameDNSCertificateSIPDomainUnchecked, fmt.Sprintf(
		"the certificate at %s (%s) also carries %s, but uclint did not look up %s (not among %s): whether its records lead clients to a server with its name was not checked",
		p.Address(), p.Record, quoteList(sips), plainList(missing), where), fmt.Sprintf(
		"%s, so that uclint checks the automatic sign-in records; a SIP domain no longer in use needs no sip. name on the next certificate (%s)",
		add, plainList(sips)))
	return &f
}

// sipDomainOf returns the SIP domain of a certificate name sip.<domain>: a name that a client's strict DNS naming
// accepts for that domain. ok is false for any other name (a wildcard, a name with a space or a control character,
// sip.<TLD>).
func sipDomainOf(name string) (string, bool) {
	n := strings.TrimSuffix(name, ".")
	if len(n) < 4 || !policy.EqualFoldASCII(n[:4], "sip.") || policy.NameProblem(n) != "" || strings.Contains(n, "*") {
		return "", false
	}
	domain := policy.NormalizeName(n[4:])
	if !strings.Contains(domain, ".") || policy.CheckFQDN(domain) != nil {
		return "", false
	}
	return domain, true
}

// containsName reports whether list holds name, compared as every rule compares names.
func containsName(list []string, name string) bool {
	for _, v := range list {
		if policy.SameName(v, name) {
			return true
		}
	}
	return false
}
