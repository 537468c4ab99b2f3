package lint

import "testing"

func TestCertNameMismatchSRVTarget(t *testing.T) {
	zone := srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061) + "sip.contoso.com. A 192.0.2.10\n" +
		"_sipfederationtls._tcp.contoso.com. SRV 0 0 5061 access.contoso.com.\naccess.contoso.com. A 198.51.100.5\n"
	const srv = "_sipinternaltls._tcp.contoso.com"
	runPlaceCases(t, nameCertNameMismatchSRVTarget, []placeCase{
		{name: "target as Subject CN", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com")},
		{name: "target in the SAN", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool", "fe01.contoso.com", "pool01.contoso.com")},
		{name: "another case", zone: zone, record: srv, port: 5061, cert: certificate(t, "POOL01.Contoso.COM")},
		{name: "a member's certificate", zone: zone, record: srv, port: 5061, cert: certificate(t, "fe01.contoso.com", "fe01.contoso.com"), want: 1,
			contains: []string{`_sipinternaltls._tcp.contoso.com points clients at pool01.contoso.com:5061`, `Subject CN "fe01.contoso.com"`}},
		{name: "wildcard", zone: zone, record: srv, port: 5061, cert: certificate(t, "*.contoso.com", "*.contoso.com"), want: 1},
		{name: "trailing dot on the certificate: the same name (w_ocs_name_trailing_dot warns)", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com."), want: 0},
		{name: "trailing space", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com "), want: 1},
		{name: "Unicode long s (folds to s outside ASCII)", zone: zone, record: srv, port: 5061, cert: certificate(t, "pool01.conto\u017fo.com"), want: 1},
		{name: "Kelvin sign", zone: srvZone("_sipinternaltls._tcp", "kpool.contoso.com", 5061), record: srv, port: 5061,
			cert: certificate(t, "\u212apool.contoso.com"), want: 1},
		{name: "fallback names are another rule's", zone: zone, record: "sip.contoso.com", port: 5061, cert: certificate(t, "fe01.contoso.com")},
		{name: "federation target", zone: zone, record: "_sipfederationtls._tcp.contoso.com", port: 5061, cert: certificate(t, "sip.contoso.com"), want: 1},
	})
}
