package lint

import "testing"

func TestDNSSRVTargetNotStrictName(t *testing.T) {
	zone := srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)
	const srv = "_sipinternaltls._tcp.contoso.com"
	runPlaceCases(t, nameDNSSRVTargetNotStrictName, []placeCase{
		{name: "sip. on the certificate", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com", "sip.contoso.com")},
		{name: "target is sip.", zone: srvZone("_sipinternaltls._tcp", "sip.contoso.com", 5061), record: srv, port: 5061, cert: certificate(t, "sip.contoso.com")},
		{name: "target deeper is another rule's", zone: srvZone("_sipinternaltls._tcp", "pool01.retail.contoso.com", 5061), record: srv, port: 5061,
			cert: certificate(t, "pool01.retail.contoso.com")},
		{name: "pool name without sip.", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com"), want: 1,
			contains: []string{"lacks sip.contoso.com", "uncertain"}},
		{name: "federation is another rule's", zone: srvZone("_sipfederationtls._tcp", "access.contoso.com", 5061),
			record: "_sipfederationtls._tcp.contoso.com", port: 5061, cert: certificate(t, "access.contoso.com")},
	})
}
