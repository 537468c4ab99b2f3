package lint

import "testing"

func TestDNSSRVTargetOutsideSIPDomain(t *testing.T) {
	runDNSCases(t, nameDNSSRVTargetOutsideSIPDomain, []dnsCase{
		{name: "pool in the SIP domain", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "the SIP domain itself", zone: srvZone("_sipinternaltls._tcp", "contoso.com", 5061)},
		{name: "upper case", zone: srvZone("_sipinternaltls._tcp", "POOL01.CONTOSO.COM", 5061)},
		{name: "service not offered", zone: "_sipinternaltls._tcp.contoso.com. SRV 0 0 0 .\n"},
		{name: "another domain", zone: srvZone("_sipinternaltls._tcp", "pool01.fabrikam.com", 5061), want: 1,
			contains: []string{`_sipinternaltls._tcp.contoso.com points at "pool01.fabrikam.com:5061", outside the SIP domain contoso.com`}},
		{name: "a suffix that is not a label boundary", zone: srvZone("_sipinternaltls._tcp", "pool01.evilcontoso.com", 5061), want: 1},
		{name: "an escaped dot inside a label", zone: `_sipinternaltls._tcp.contoso.com. SRV 0 0 5061 pool01\.contoso.com.` + "\n", want: 1},
		{name: "every sign-in record is judged", want: 2,
			zone: srvZone("_sipinternal._tcp", "pool01.fabrikam.com", 5060) + "_sip._tls.contoso.com. SRV 0 0 443 sip.fabrikam.com.\n"},
		{name: "federation is another rule's", zone: srvZone("_sipfederationtls._tcp", "sip.fabrikam.com", 5061)},
	})
}
