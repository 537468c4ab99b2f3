package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSSRVTargetOutsideSIPDomain = "e_ocs_dns_srv_target_outside_sip_domain"

func init() {
	registerDNSRule(nameDNSSRVTargetOutsideSIPDomain,
		"A sign-in SRV record (_sipinternaltls._tcp, _sipinternal._tcp, _sip._tls) points at a host outside the SIP domain: OCS 2007 R2 clients refuse it",
		citeSfBDNS+"; "+citeSchertzCU7+"; "+citeEdgeDNS,
		"point the SRV record at a host name inside the SIP domain (sip.<SIP domain>, an A record for the pool's address) and put that name on the pool certificate")
}

// checkSRVTargetOutsideSIPDomain: each sign-in SRV record's targets must be the SIP domain or inside it.
func checkSRVTargetOutsideSIPDomain(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	var out []Finding
	for _, svc := range autoConfigServices() {
		l := d.Service(svc)
		outside := recordsWhere(l, targetOutside(d.Domain))
		if len(outside) == 0 {
			continue
		}
		out = append(out, dnsFinding(nameDNSSRVTargetOutsideSIPDomain, fmt.Sprintf(
			"%s points at %s, outside the SIP domain %s: Communicator only signs in to a server whose name is in the user's SIP domain (a defence against SRV spoofing), so automatic sign-in fails for %s users",
			l.Name, targetList(outside), d.Domain, d.Domain), fmt.Sprintf(
			"create an A record sip.%s for the pool's address, point %s at sip.%s, and put sip.%s on the pool certificate",
			d.Domain, l.Name, d.Domain, d.Domain)))
	}
	return out
}
