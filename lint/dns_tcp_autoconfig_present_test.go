package lint

import "testing"

func TestDNSTCPAutoConfigPresent(t *testing.T) {
	runDNSCases(t, nameDNSTCPAutoConfigPresent, []dnsCase{
		{name: "TLS only", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "TCP declared not offered", zone: "_sipinternal._tcp.contoso.com. SRV 0 0 0 .\n"},
		{name: "TCP offered", zone: srvZone("_sipinternal._tcp", "pool01.contoso.com", 5060), want: 1,
			contains: []string{"_sipinternal._tcp.contoso.com points at \"pool01.contoso.com:5060\""}},
	})
}
