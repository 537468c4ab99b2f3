package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/probe"
)

const nameDNSPhoneEdition443 = "n_ocs_dns_phone_edition_443"

func init() {
	registerDNSRule(nameDNSPhoneEdition443,
		"Communicator Phone Edition also tries the fallback names on port 443: what answers there",
		citePhoneQueries,
		"make sure that what answers on port 443 of the fallback names is a server phones may sign in to, with the name on its certificate")
}

// checkPhoneEdition443 reports the certificate a phone finds on 443 of a fallback name.
func checkPhoneEdition443(d *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if !p.Fallback() || p.Port != portSIPHTTPS {
		return nil
	}
	verdict := fmt.Sprintf("which carries %s", p.Host)
	remediation := "nothing to do if phones may sign in there"
	if !certCarries(c, p.Host) {
		verdict = fmt.Sprintf("which lacks %s: a phone that gets there refuses it", p.Host)
		remediation = fmt.Sprintf("if phones should never reach %s, nothing to do; otherwise put %s on that server's certificate", p.Address(), p.Host)
	}
	when := "phones get there when no SRV record answers and the SIP port 5061 does not"
	if plan := PlanAutoConfig(d); plan.PhoneEdition != nil && !plan.PhoneEdition.Fallback {
		when = fmt.Sprintf("phones get there only when %s does not answer", plan.PhoneEdition.Record)
	}
	f := dnsFinding(nameDNSPhoneEdition443, fmt.Sprintf(
		"Communicator Phone Edition also tries %s (after port 5061; %s): the certificate there has %s, %s",
		p.Address(), when, certNames(c), verdict), remediation)
	return &f
}
