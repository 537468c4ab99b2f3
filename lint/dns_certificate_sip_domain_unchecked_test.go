package lint

import (
	"strings"
	"testing"
)

func TestDNSCertificateSIPDomainUnchecked(t *testing.T) {
	obs := observe(t, srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061), nil, "contoso.com")
	p := findPlace(t, Places(&obs[0]), "_sipinternaltls._tcp.contoso.com", 5061)
	for _, tc := range []struct {
		name     string
		sans     []string
		checked  []string
		listedIn string
		want     []string // the SIP domains named; nil: no finding
	}{
		{name: "every sip. name checked", sans: []string{"pool01.contoso.com", "sip.contoso.com", "SIP.Fabrikam.com"}, checked: []string{"contoso.com", "fabrikam.com"}},
		{name: "one not looked up", sans: []string{"pool01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}, checked: []string{"contoso.com"},
			want: []string{"fabrikam.com"}},
		{name: "from the deployment file", sans: []string{"sip.contoso.com", "sip.fabrikam.com", "sip.litware.com."}, checked: []string{"contoso.com"},
			listedIn: "contoso.yaml", want: []string{"fabrikam.com", "litware.com"}},
		{name: "names that are not a SIP domain's", sans: []string{"sip.com", "sip.*.contoso.com", "sip.fab rikam.com", "sipinternal.fabrikam.com", "sip.fabrikam\x00.com", "pool01.sip.fabrikam.com"},
			checked: []string{"contoso.com"}},
		{name: "the same domain twice", sans: []string{"sip.fabrikam.com", "SIP.FABRIKAM.COM"}, checked: []string{"contoso.com"}, want: []string{"fabrikam.com"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := UncheckedSIPDomains(p, certificate(t, "pool01.contoso.com", tc.sans...), tc.checked, tc.listedIn)
			if tc.want == nil {
				if f != nil {
					t.Fatalf("unexpected finding: %+v", f)
				}
				return
			}
			if f == nil {
				t.Fatal("no finding")
			}
			checkFinding(t, *f, nameDNSCertificateSIPDomainUnchecked, []string{"pool01.contoso.com:5061", plainList(tc.want)})
			if tc.listedIn != "" && !strings.Contains(f.Remediation, "sip_domains in contoso.yaml") {
				t.Errorf("remediation %q", f.Remediation)
			}
			if tc.listedIn == "" && !strings.Contains(f.Remediation, "uclint dns contoso.com "+strings.Join(tc.want, " ")) {
				t.Errorf("remediation %q", f.Remediation)
			}
		})
	}
	if UncheckedSIPDomains(p, nil, nil, "") != nil || UncheckedSIPDomains(nil, certificate(t, "x.contoso.com", "sip.fabrikam.com"), nil, "") != nil {
		t.Error("nothing to judge gives no finding")
	}
}
