package lint

import "testing"

func TestDNSSRVPortUnusual(t *testing.T) {
	runDNSCases(t, nameDNSSRVPortUnusual, []dnsCase{
		{name: "documented ports", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061) +
			"_sip._tls.contoso.com. SRV 0 0 443 sip.contoso.com.\n_sipfederationtls._tcp.contoso.com. SRV 0 0 5061 sip.contoso.com.\n"},
		{name: "internal TLS on 5062", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5062), want: 1,
			contains: []string{"pool01.contoso.com:5062", "not port 5061"}},
		{name: "external sign-in on 5061", zone: srvZone("_sip._tls", "sip.contoso.com", 5061), want: 1,
			contains: []string{"not port 443"}},
	})
}
