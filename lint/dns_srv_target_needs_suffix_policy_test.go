package lint

import "testing"

func TestDNSSRVTargetNeedsSuffixPolicy(t *testing.T) {
	runDNSCases(t, nameDNSSRVTargetNeedsSuffixPolicy, []dnsCase{
		{name: "one label below", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "outside is another rule's", zone: srvZone("_sipinternaltls._tcp", "pool01.fabrikam.com", 5061)},
		{name: "TCP is not subject to strict naming", zone: srvZone("_sipinternal._tcp", "pool01.retail.contoso.com", 5060)},
		{name: "two labels below", zone: srvZone("_sipinternaltls._tcp", "pool01.retail.contoso.com", 5061), want: 1,
			contains: []string{"pool01.retail.contoso.com:5061", "DisableStrictDNSNaming"}},
		{name: "external record too", zone: srvZone("_sip._tls", "access.dmz.contoso.com", 443), want: 1},
	})
}
