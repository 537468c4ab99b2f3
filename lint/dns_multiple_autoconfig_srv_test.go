package lint

import "testing"

func TestDNSMultipleAutoConfigSRV(t *testing.T) {
	const twoDomainsOnePool = `
_sipinternaltls._tcp.contoso.com.  SRV 0 0 5061 sip.contoso.com.
_sipinternaltls._tcp.fabrikam.com. SRV 0 0 5061 sip.fabrikam.com.
sip.contoso.com.  A 192.0.2.10
sip.fabrikam.com. A 192.0.2.10
`
	const twoPools = `
_sipinternaltls._tcp.contoso.com.  SRV 0 0 5061 pool01.contoso.com.
_sipinternaltls._tcp.fabrikam.com. SRV 0 0 5061 pool02.fabrikam.com.
pool01.contoso.com.  A 192.0.2.10
pool02.fabrikam.com. A 192.0.2.20
`
	runDNSCases(t, nameDNSMultipleAutoConfigSRV, []dnsCase{
		{name: "one target", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "two SIP domains, one pool", zone: twoDomainsOnePool, domains: []string{"contoso.com", "fabrikam.com"}},
		{name: "two targets", want: 1, zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061) +
			"_sipinternaltls._tcp.contoso.com. SRV 10 0 5061 pool02.contoso.com.\npool02.contoso.com. A 192.0.2.20\n",
			contains: []string{"has 2 targets", "pool01.contoso.com:5061", "pool02.contoso.com:5061"}},
		{name: "two SIP domains, two pools", zone: twoPools, domains: []string{"contoso.com", "fabrikam.com"}, want: 1,
			contains: []string{"2 different pools: pool01.contoso.com (contoso.com); pool02.fabrikam.com (fabrikam.com)"}},
	})
}
