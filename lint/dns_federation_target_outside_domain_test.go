package lint

import "testing"

func TestDNSFederationTargetOutsideDomain(t *testing.T) {
	runDNSCases(t, nameDNSFederationTargetOutsideDomain, []dnsCase{
		{name: "sip. of the SIP domain", zone: srvZone("_sipfederationtls._tcp", "sip.contoso.com", 5061)},
		{name: "deeper in the namespace", zone: srvZone("_sipfederationtls._tcp", "access.edge.contoso.com", 5061)},
		{name: "another namespace", zone: srvZone("_sipfederationtls._tcp", "edge.contoso-hosting.net", 5061), want: 1,
			contains: []string{"edge.contoso-hosting.net:5061", "outside the namespace of contoso.com"}},
	})
}
