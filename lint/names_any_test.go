package lint

import (
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

// TestLyncdiscoverAcrossCertificates judges lyncdiscover names across a server's certificates: on either the
// Default or the Web internal certificate will do; on neither is an error when both were seen, a notice on the Web
// internal certificate alone, nothing on the Default certificate alone; a name under another domain is left to the
// warning.
func TestLyncdiscoverAcrossCertificates(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	const member = "lfe01.contoso.com"
	cert := func(name string) *x509.Certificate { l, _ := leaf(t, name); return l }
	server := func(product string, kinds ...string) []Seen {
		var out []Seen
		for i := 0; i+1 < len(kinds); i += 2 {
			out = append(out, Seen{Server: "lyncpool01", Member: member, Certificate: cert(kinds[i+1]),
				Context: lyncCtx(t, product, policy.FrontEndPool, kinds[i], member)})
		}
		return out
	}
	for _, product := range lyncProducts {
		id := "e_" + product + "_san_missing_lyncdiscover"
		cases := []struct {
			name  string
			certs []Seen
			want  map[int]Severity // index → the finding's severity; absent: no finding
		}{
			{"both certificates: on the Web internal one", server(product, "default", "lync-fe01-default", "web-internal", "lync-fe01-web-internal", "web-external", "lync-fe01-web-external"), nil},
			{"both: on neither", server(product, "default", "lync-fe01-default", "web-internal", "lync-fe01-mistake-no-lyncdiscoverinternal"), map[int]Severity{1: Error}},
			{"both: on the Default one (the Lync Server 2013 Autodiscover summary)", server(product, "default", "lync-fe01-combined", "web-internal", "lync-fe01-mistake-no-lyncdiscoverinternal"), nil},
			{"Web internal alone, without it", server(product, "web-internal", "lync-fe01-mistake-no-lyncdiscoverinternal"), map[int]Severity{0: Notice}},
			{"Default alone, without it: the Web internal certificate may have it", server(product, "default", "lync-fe01-default"), nil},
			{"under the internal AD domain: the warning's, not this rule's", server(product, "default", "lync-fe01-default", "web-internal", "lync-fe01-mistake-lyncdiscover-local"), nil},
			{"wildcard SAN covers them", server(product, "default", "lync-fe01-default", "web-internal", "lync-fe01-web-wildcard", "web-external", "lync-fe01-web-external"), nil},
			{"on no certificate: each name reported once, on the most specific certificate", server(product, "default", "lync-fe01-default", "web-internal", "lync-fe01-mistake-no-member", "web-external", "lync-fe01-mistake-no-member"), map[int]Severity{1: Error, 2: Error}},
			{"another member's certificates are not this member's", append(server(product, "default", "lync-fe01-combined"),
				Seen{Server: "lyncpool01", Member: "lfe02.contoso.com", Certificate: cert("lync-fe01-mistake-no-lyncdiscoverinternal"),
					Context: lyncCtx(t, product, policy.FrontEndPool, "web-internal", "lfe02.contoso.com")}), map[int]Severity{1: Notice}},
		}
		for _, tc := range cases {
			t.Run(product+"/"+tc.name, func(t *testing.T) {
				got := r.DeploymentFindings(tc.certs)
				for i := range tc.certs {
					var sev Severity
					for _, f := range got[i] {
						if f.Lint != id {
							t.Errorf("certificate %d: unexpected %s", i, f.Lint)
							continue
						}
						sev = f.Status
						if f.Remediation == "" || !strings.Contains(f.Details, "lyncdiscover") {
							t.Errorf("certificate %d: %+v", i, f)
						}
					}
					if sev != tc.want[i] {
						t.Errorf("certificate %d: got %v (%+v), want %v", i, sev, got[i], tc.want[i])
					}
				}
			})
		}
	}
}

// TestLyncAutodiscoverOff: with autodiscover: false the lyncdiscover names are not required.
func TestLyncAutodiscoverOff(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	var certs []Seen
	for kind, name := range map[string]string{"default": "lync-fe01-default", "web-internal": "lync-fe01-mistake-no-lyncdiscoverinternal"} {
		ctx := lyncCtx(t, "lync2013", policy.FrontEndPool, kind, "lfe01.contoso.com")
		ctx.NoAutodiscover = true
		l, _ := leaf(t, name)
		certs = append(certs, Seen{Server: "p", Member: "lfe01.contoso.com", Certificate: l, Context: ctx})
	}
	if got := r.DeploymentFindings(certs); len(got) > 0 {
		t.Fatalf("autodiscover off: %+v", got)
	}
}
