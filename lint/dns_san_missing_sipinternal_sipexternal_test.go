package lint

import "testing"

func TestSANMissingSipinternalSipexternal(t *testing.T) {
	base := srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061)
	both := base + "sipinternal.contoso.com. A 192.0.2.10\nsipexternal.contoso.com. A 192.0.2.10\n"
	const srv = "_sipinternaltls._tcp.contoso.com"
	runPlaceCases(t, nameSANMissingSipinternalSipexternal, []placeCase{
		{name: "both in the SAN", zone: both, record: srv, port: 5061,
			cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com", "sipinternal.contoso.com", "sipexternal.contoso.com")},
		{name: "names not in DNS", zone: base, record: srv, port: 5061, cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com")},
		{name: "sipexternal missing", zone: both, record: srv, port: 5061,
			cert: certificate(t, "pool01.contoso.com", "pool01.contoso.com", "sipinternal.contoso.com"), want: 1,
			contains: []string{`"sipexternal.contoso.com" exists in DNS`}},
		{name: "a Subject CN is not the SAN", zone: base + "sipinternal.contoso.com. A 192.0.2.10\n", record: srv, port: 5061,
			cert: certificate(t, "sipinternal.contoso.com", "pool01.contoso.com"), want: 1},
	})
}
