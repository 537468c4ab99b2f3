package lint

import "testing"

func TestCertNameMismatchFallbackHost(t *testing.T) {
	zone := "sip.contoso.com. A 192.0.2.10\nsipinternal.contoso.com. A 192.0.2.10\n" + srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)
	pool := certificate(t, "pool01.contoso.com", "pool01.contoso.com")
	runPlaceCases(t, nameCertNameMismatchFallbackHost, []placeCase{
		{name: "name in the SAN", zone: zone, record: "sip.contoso.com", port: 5061, cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com", "sip.contoso.com")},
		{name: "name as Subject CN", zone: zone, record: "sipinternal.contoso.com", port: 5061, cert: certificate(t, "sipinternal.contoso.com")},
		{name: "name missing", zone: zone, record: "sipinternal.contoso.com", port: 5061, cert: pool, want: 1,
			contains: []string{"sipinternal.contoso.com resolves", `the certificate at sipinternal.contoso.com:5061 carries Subject CN "pool01.contoso.com"`}},
		{name: "port 443 is the phone rule's", zone: zone, record: "sip.contoso.com", port: 443, cert: pool},
		{name: "SRV targets are another rule's", zone: zone, record: "_sipinternaltls._tcp.contoso.com", port: 5061, cert: certificate(t, "fe01.contoso.com")},
	})
}
