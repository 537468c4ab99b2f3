package lint

import (
	"fmt"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

const nameDNSSIPDomainNotInDeployment = "w_ocs_dns_sip_domain_not_in_deployment"

func init() {
	registerDNSRule(nameDNSSIPDomainNotInDeployment,
		"A SIP domain's sign-in SRV records answer, so clients sign in with it, but the deployment file does not list it under sip_domains: the certificate rules that need every SIP domain (sip.<SIP domain> in the pool's SAN) miss it",
		citeAutoSignIn+"; "+citeLyncAutoSignIn,
		"add the SIP domain to sip_domains in the deployment file")
}

// checkSIPDomainNotInDeployment compares the SIP domains found in DNS with the deployment file's: a domain whose
// _sipinternaltls._tcp, _sipinternal._tcp or _sip._tls record answers is one users sign in with, and
// e_ocs_san_missing_sip_domain can only ask for sip.<domain> on the certificates when the file lists it.
func checkSIPDomainNotInDeployment(d *probe.SIPDomainObservation, in *DNSInput) []Finding {
	if in.ListedIn == "" {
		return nil
	}
	for _, listed := range in.Listed {
		if policy.SameName(listed, d.Domain) {
			return nil
		}
	}
	var found []string
	for _, svc := range autoConfigServices() {
		l := d.Service(svc)
		if records := usableRecords(l); len(records) > 0 {
			found = append(found, l.Name+" → "+targetList(records))
		}
	}
	if len(found) == 0 {
		return nil
	}
	return []Finding{dnsFinding(nameDNSSIPDomainNotInDeployment, fmt.Sprintf(
		"%s answers, so %s is a SIP domain clients sign in with, but %s does not list it under sip_domains: uclint check and uclint scan do not ask for sip.%s on the pool certificates (this DNS audit judged the servers its records lead to as if the file listed it)",
		plainList(found), d.Domain, in.ListedIn, d.Domain), fmt.Sprintf(
		"add %s to sip_domains in %s; if %s is no longer a SIP domain, delete its SRV records instead", d.Domain, in.ListedIn, d.Domain))}
}
