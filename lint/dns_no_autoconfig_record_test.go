package lint

import (
	"testing"

	"github.com/uclint/uclint/internal/dnstest"
)

func TestDNSNoAutoConfigRecord(t *testing.T) {
	const nothing = "www.contoso.com. A 192.0.2.80\n"
	runDNSCases(t, nameDNSNoAutoConfigRecord, []dnsCase{
		{name: "SRV record", autoConfig: true, zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)},
		{name: "fallback name only", autoConfig: true, zone: "sip.contoso.com. A 192.0.2.10\n"},
		{name: "nothing", autoConfig: true, zone: nothing, want: 1,
			contains: []string{"_sipinternaltls._tcp.contoso.com", "_sip._tls.contoso.com", "sipexternal.contoso.com", "users must enter the server name by hand"}},
		{name: "only a record declaring the service not offered", autoConfig: true, want: 1,
			zone: nothing + "_sipinternaltls._tcp.contoso.com. SRV 0 0 0 .\n"},
		{name: "automatic sign-in not used", zone: nothing},
		{name: "a lookup failed: nothing can be concluded", autoConfig: true, zone: nothing,
			setup: func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.ServFail) }},
	})
}

// srvZone is a zone with one SRV record of contoso.com and an A record for its target.
func srvZone(service, target string, port uint16) string {
	return service + ".contoso.com. SRV 0 0 " + itoa(port) + " " + target + ".\n" + target + ". A 192.0.2.10\n"
}

func itoa(n uint16) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
