package lint

import "testing"

func TestFederationSNNotSRVTarget(t *testing.T) {
	zone := srvZone("_sipfederationtls._tcp", "sip.contoso.com", 5061)
	const srv = "_sipfederationtls._tcp.contoso.com"
	runPlaceCases(t, nameFederationSNNotSRVTarget, []placeCase{
		{name: "target as Subject Name", zone: zone, record: srv, port: 5061, cert: certificate(t, "sip.contoso.com", "sip.contoso.com", "sip.fabrikam.com")},
		{name: "in neither: the name mismatch rule's", zone: zone, record: srv, port: 5061, cert: certificate(t, "access.contoso.com")},
		{name: "SAN only", zone: zone, record: srv, port: 5061, cert: certificate(t, "access.contoso.com", "access.contoso.com", "sip.contoso.com"), want: 1,
			contains: []string{"Subject Alternative Name only", "public IM providers"}},
	})
}
