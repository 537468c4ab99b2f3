package lint

import "testing"

func TestDNSSRVTargetIsCNAME(t *testing.T) {
	runDNSCases(t, nameDNSSRVTargetIsCNAME, []dnsCase{
		{name: "A record", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "alias", want: 1, zone: "_sipinternaltls._tcp.contoso.com. SRV 0 0 5061 sip.contoso.com.\nsip.contoso.com. CNAME pool01.contoso.com.\npool01.contoso.com. A 192.0.2.10\n",
			contains: []string{"sip.contoso.com (→ pool01.contoso.com)"}},
		{name: "federation alias", want: 1, zone: "_sipfederationtls._tcp.contoso.com. SRV 0 0 5061 sip.contoso.com.\nsip.contoso.com. CNAME access1.contoso.com.\naccess1.contoso.com. A 198.51.100.5\n"},
	})
}
