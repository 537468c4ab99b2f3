package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSFederationTargetOutsideDomain = "e_ocs_dns_federation_target_outside_domain"

func init() {
	registerDNSRule(nameDNSFederationTargetOutsideDomain,
		"_sipfederationtls._tcp.<SIP domain> points at a host outside the SIP domain's namespace: federated partners refuse the Access Edge",
		citeEdgeDNS2007+"; "+citeEdgeDNS+"; "+citeShudnowPIC,
		"point _sipfederationtls._tcp.<SIP domain> at the Access Edge under a name in the SIP domain (sip.<SIP domain>) and put that name on the Access Edge certificate")
}

// checkFederationTargetOutsideDomain: the federation SRV must point at a name in the SIP domain's namespace.
func checkFederationTargetOutsideDomain(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	l := d.Service(probe.ServiceFederation)
	outside := recordsWhere(l, targetOutside(d.Domain))
	if len(outside) == 0 {
		return nil
	}
	return []Finding{dnsFinding(nameDNSFederationTargetOutsideDomain, fmt.Sprintf(
		"%s points at %s, outside the namespace of %s: federated partners and public IM providers accept an Access Edge only under a name in the SIP domain they looked up",
		l.Name, targetList(outside), d.Domain), fmt.Sprintf(
		"create sip.%s as an A record for the Access Edge's external address, point %s at it (port 5061), and make sip.%s the Access Edge certificate's Subject Name",
		d.Domain, l.Name, d.Domain))}
}
