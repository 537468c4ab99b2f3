package lint

import (
	"testing"

	"github.com/uclint/uclint/internal/dnstest"
)

func TestDNSSIPDomainNotInDeployment(t *testing.T) {
	const zone = "_sipinternaltls._tcp.fabrikam.com. SRV 0 0 5061 sip.fabrikam.com.\nsip.fabrikam.com. A 192.0.2.10\n" +
		"_sip._tls.litware.com. SRV 0 0 443 sip.litware.com.\nsip.litware.com. A 192.0.2.11\n" +
		"_sipfederationtls._tcp.northwind.com. SRV 0 0 5061 sip.northwind.com.\nsip.northwind.com. A 192.0.2.12\n" +
		"_sipinternaltls._tcp.tailspin.com. SRV 0 0 0 .\n"
	for _, tc := range []struct {
		name     string
		domain   string
		listed   []string
		listedIn string
		setup    func(z *dnstest.Zone)
		want     int
		contains []string
	}{
		{name: "sign-in record, not listed", domain: "fabrikam.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml", want: 1,
			contains: []string{`_sipinternaltls._tcp.fabrikam.com → "sip.fabrikam.com:5061" answers`, "contoso.yaml does not list it", "sip.fabrikam.com"}},
		{name: "listed, another case and a trailing dot", domain: "fabrikam.com", listed: []string{"contoso.com", "Fabrikam.COM."}, listedIn: "contoso.yaml"},
		{name: "no deployment file", domain: "fabrikam.com"},
		{name: "external sign-in record counts", domain: "litware.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml", want: 1},
		{name: "federation alone is no sign-in", domain: "northwind.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml"},
		{name: "service declared not offered", domain: "tailspin.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml"},
		{name: "no records at all", domain: "adatum.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml"},
		{name: "a lookup that failed is no record", domain: "fabrikam.com", listed: []string{"contoso.com"}, listedIn: "contoso.yaml",
			setup: func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.fabrikam.com", dnstest.ServFail) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obs := observe(t, zone, tc.setup, tc.domain)
			all := DNSFindings(DNSInput{Domains: obs, Listed: tc.listed, ListedIn: tc.listedIn})
			got := findingsOf(all[0].Findings, nameDNSSIPDomainNotInDeployment)
			if len(got) != tc.want {
				t.Fatalf("%d findings, want %d: %+v", len(got), tc.want, got)
			}
			for _, f := range got {
				checkFinding(t, f, nameDNSSIPDomainNotInDeployment, tc.contains)
			}
		})
	}
}
