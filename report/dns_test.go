package report

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/uclint/uclint/lint"
)

// dnsReport is a finished report of 'uclint scan --dns' compared with a baseline: a scan target, a SIP domain
// whose lookups partly failed (an error, and findings from what answered), a SIP domain whose record leads outside
// it, the place a record leads to that the deployment file knows (pool01) twice (two SIP domains), a place it does
// not know, and a resolved DNS finding.
func dnsReport() *Report {
	tls12 := &TLS{Version: "TLSv1.2", Cipher: "TLS_RSA_WITH_AES_128_CBC_SHA", ClientCertRequested: true}
	poolSAN := []string{"pool01.contoso.com", "sip.contoso.com"}
	lookups := func(d, target string) []DNSLookup {
		return []DNSLookup{
			{Name: "_sipinternaltls._tcp." + d, Type: "SRV", Status: "found", Answers: []string{"0 0 5061 " + target + " (10.0.0.10)"}},
			{Name: "_sipinternal._tcp." + d, Type: "SRV", Status: "nxdomain"},
			{Name: "_sip._tls." + d, Type: "SRV", Status: "failed", Error: "SRV _sip._tls." + d + ": DNS server 10.0.0.53:53 answered SERVFAIL (server failure)"},
			{Name: "sip." + d, Type: "A/AAAA", Status: "found", CNAMEs: []string{"pool01.contoso.com"}, Answers: []string{"10.0.0.10"}},
		}
	}
	r := &Report{
		Started: "2026-06-01T02:15:00Z", DurationSeconds: 2.25, ExpiryWarningDays: 30, ExpiryCriticalDays: 7,
		Targets: []Target{
			{Server: "pool01", Member: "fe01.contoso.com", Endpoint: "sip", Address: "fe01.contoso.com:5061", Role: "enterprise-pool", TLS: tls12,
				Certificate: cert("pool01.contoso.com", poolSAN, "2044-01-01T00:00:00Z", 6423)},
			{SIPDomain: "contoso.com", Endpoint: "dns", Address: "10.0.0.53:53",
				Error: "DNS lookups failed, so the SIP domain contoso.com was checked only in part: SRV _sip._tls.contoso.com: DNS server 10.0.0.53:53 answered SERVFAIL (server failure)",
				DNS: &DNS{Servers: "10.0.0.53:53", Lookups: lookups("contoso.com", "pool01.contoso.com"),
					Communicator: "_sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061", PhoneEdition: "_sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061"},
				Findings: []Finding{finding("n_ocs_dns_autoconfig_winner", lint.Notice, "Office Communicator 2007 R2 signs in through _sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061", "nothing to do", MarkKnown)}},
			{Server: "pool01", Endpoint: "sip", Address: "10.0.0.10:5061", SIPDomain: "contoso.com", Place: "pool01.contoso.com:5061", Role: "enterprise-pool", TLS: tls12,
				DNS:         &DNS{Servers: "10.0.0.53:53", Records: []string{"_sipinternaltls._tcp.contoso.com"}, Clients: []string{"Office Communicator 2007 R2", "Communicator Phone Edition"}, Addresses: []string{"10.0.0.10"}},
				Certificate: cert("pool01.contoso.com", poolSAN, "2044-01-01T00:00:00Z", 6423)},
			{SIPDomain: "fabrikam.com", Endpoint: "dns", Address: "10.0.0.53:53",
				DNS: &DNS{Servers: "10.0.0.53:53", Lookups: lookups("fabrikam.com", "pool01.contoso.com")[:2],
					Communicator: "_sipinternaltls._tcp.fabrikam.com → pool01.contoso.com:5061", PhoneEdition: "_sipinternaltls._tcp.fabrikam.com → pool01.contoso.com:5061"},
				Findings: []Finding{
					finding("e_ocs_dns_srv_target_outside_sip_domain", lint.Error, `_sipinternaltls._tcp.fabrikam.com points at "pool01.contoso.com:5061", outside the SIP domain fabrikam.com`, "point it at sip.fabrikam.com", MarkKnown),
					finding("w_ocs_dns_sip_domain_not_in_deployment", lint.Warn, "fabrikam.com is not listed under sip_domains", "add fabrikam.com to sip_domains", MarkNew),
				}},
			{Server: "pool01", Endpoint: "sip", Address: "10.0.0.10:5061", SIPDomain: "fabrikam.com", Place: "pool01.contoso.com:5061", Role: "enterprise-pool", TLS: tls12,
				DNS:         &DNS{Servers: "10.0.0.53:53", Records: []string{"_sipinternaltls._tcp.fabrikam.com"}, Addresses: []string{"10.0.0.10"}},
				Certificate: cert("pool01.contoso.com", poolSAN, "2044-01-01T00:00:00Z", 6423),
				Findings:    []Finding{finding("e_ocs_san_missing_sip_domain", lint.Error, `the Subject Alternative Name lacks "sip.fabrikam.com"`, "add sip.fabrikam.com", MarkNew)}},
			{Server: "sip.fabrikam.com", Endpoint: "web", SIPDomain: "fabrikam.com", Place: "sip.fabrikam.com:443",
				DNS:   &DNS{Servers: "10.0.0.53:53", Records: []string{"sip.fabrikam.com"}, Addresses: []string{"10.0.0.20"}, Optional: false},
				Error: "sip.fabrikam.com:443 (10.0.0.20:443), reached through the fallback name sip.fabrikam.com: no TLS answer within 5s"},
		},
		Resolved: []Resolved{{SIPDomain: "contoso.com", Endpoint: "dns", Lint: "w_ocs_dns_srv_target_is_cname", Status: lint.Warn, Details: "an alias"}},
	}
	r.Finish()
	return r
}

// TestDNSGoldens pins what each format writes for a report with targets of the DNS audit.
func TestDNSGoldens(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			golden(t, "dns."+format+".golden", render(t, dnsReport(), format, Options{Live: true}))
		})
	}
}

// TestDNSSchema: a report with every DNS field set matches docs/report.schema.json; a lookup of an unknown type or
// a stray field in dns does not.
func TestDNSSchema(t *testing.T) {
	doc := render(t, dnsReport(), FormatJSON, Options{})
	for _, field := range []string{`"sip_domain": "fabrikam.com"`, `"place": "pool01.contoso.com:5061"`, `"lookups":`, `"communicator":`, `"records":`, `"addresses":`, `"cnames":`} {
		if !strings.Contains(doc, field) {
			t.Fatalf("the report lacks %s", field)
		}
	}
	if err := validate(t, []byte(doc)); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	for _, bad := range []struct{ old, new string }{
		{`"type": "SRV"`, `"type": "MX"`},
		{`"communicator":`, `"outlook": "x", "communicator":`},
		{`"place": "pool01.contoso.com:5061"`, `"place": ""`},
	} {
		if err := validate(t, []byte(strings.Replace(doc, bad.old, bad.new, 1))); err == nil {
			t.Errorf("%s accepted", bad.new)
		}
	}
}

// TestDNSBaselineIdentity: a target of the DNS audit is the same target tomorrow by its SIP domain and place, not
// its address; the same place reached from two SIP domains is two targets; the keys of other targets are what
// they were (an older baseline still matches them).
func TestDNSBaselineIdentity(t *testing.T) {
	previous := dnsReport()
	r := dnsReport()
	for i := range r.Targets {
		r.Targets[i].Address = "192.0.2.99:5061" // DNS now gives another address
	}
	r.Compare(previous)
	if r.NewProblems() != 0 || len(r.Resolved) != 0 {
		t.Fatalf("new %d, resolved %v", r.NewProblems(), r.Resolved)
	}
	contoso, fabrikam := &r.Targets[2], &r.Targets[4]
	if targetKey(contoso) == targetKey(fabrikam) || targetKey(&r.Targets[1]) == targetKey(&r.Targets[3]) {
		t.Fatal("two SIP domains' targets share a key")
	}
	if got := targetKey(&r.Targets[0]); got != "\x00pool01\x00fe01.contoso.com\x00sip" {
		t.Fatalf("the key of a scan target changed: %q", got)
	}
	// The finding fabrikam.com's place had is gone tomorrow: resolved, naming the SIP domain and the place.
	r = dnsReport()
	r.Targets[4].Findings = nil
	r.Compare(previous)
	if len(r.Resolved) != 1 || r.Resolved[0].SIPDomain != "fabrikam.com" || r.Resolved[0].Place != "pool01.contoso.com:5061" ||
		r.Resolved[0].Lint != "e_ocs_san_missing_sip_domain" {
		t.Fatalf("resolved %+v", r.Resolved)
	}
	if table := render(t, r, FormatTable, Options{Live: true}); !strings.Contains(table, "SIP domain fabrikam.com pool01 sip pool01.contoso.com:5061: e_ocs_san_missing_sip_domain (error)") {
		t.Fatalf("the resolved finding does not name its place:\n%s", table)
	}
	// A baseline round trip through JSON keeps every DNS finding known.
	path := filepath.Join(t.TempDir(), "last.json")
	if err := os.WriteFile(path, []byte(render(t, dnsReport(), FormatJSON, Options{})), 0o600); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	r = dnsReport()
	r.Compare(loaded)
	for _, tg := range r.Targets {
		for _, f := range tg.Findings {
			if f.Baseline != MarkKnown {
				t.Errorf("%s %s: %s is %s", tg.SIPDomain, tg.Place, f.Lint, f.Baseline)
			}
		}
	}
}

// TestDNSPrometheusLabels: with targets of the DNS audit, every target sample has the same label names (the
// textfile collector refuses a family whose samples differ), each target's set is unique, and a report without
// them keeps its labels.
func TestDNSPrometheusLabels(t *testing.T) {
	out := render(t, dnsReport(), FormatPrometheus, Options{Live: true})
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	seen := map[string]bool{}
	for _, m := range families["uclint_target_status"].GetMetric() {
		var names, values []string
		for _, l := range m.GetLabel() {
			names = append(names, l.GetName())
			values = append(values, l.GetValue())
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{"endpoint", "file", "member", "place", "server", "sip_domain"}) {
			t.Errorf("labels %v", names)
		}
		key := strings.Join(values, "\x00")
		if seen[key] {
			t.Errorf("two targets share the labels %v", values)
		}
		seen[key] = true
	}
	if len(seen) != 6 {
		t.Fatalf("%d targets", len(seen))
	}
	if strings.Contains(render(t, scanReport(), FormatPrometheus, Options{Live: true}), "sip_domain") {
		t.Fatal("a report without DNS targets grew labels")
	}
}

// TestDNSJUnitAndTable: one JUnit suite per SIP domain; a SIP domain whose lookups partly failed is an error that
// still shows what was judged, in JUnit and in the table.
func TestDNSJUnitAndTable(t *testing.T) {
	var suites junitSuites
	if err := xml.Unmarshal([]byte(render(t, dnsReport(), FormatJUnit, Options{Live: true})), &suites); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range suites.Suites {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "pool01,SIP domain contoso.com,SIP domain fabrikam.com" {
		t.Fatalf("suites %v", names)
	}
	dns := suites.Suites[1].Cases[0]
	if dns.Error == nil || !strings.Contains(dns.Error.Message, "SERVFAIL") || !strings.Contains(dns.SystemOut, "n_ocs_dns_autoconfig_winner") {
		t.Fatalf("contoso.com dns: %+v", dns)
	}
	if place := suites.Suites[2].Cases[1]; place.Name != "SIP domain fabrikam.com pool01 sip pool01.contoso.com:5061 (10.0.0.10:5061)" || place.Failure == nil {
		t.Fatalf("place: %+v", place)
	}
	table := render(t, dnsReport(), FormatTable, Options{Live: true})
	for _, want := range []string{"SIP DOMAIN", "SIP domain contoso.com dns (10.0.0.53:53): error", "answered SERVFAIL", "n_ocs_dns_autoconfig_winner",
		"SIP domain fabrikam.com pool01 sip pool01.contoso.com:5061 (10.0.0.10:5061): fail"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	quiet := render(t, dnsReport(), FormatTable, Options{Live: true, Quiet: true})
	if strings.Contains(quiet, "e_ocs_dns_srv_target_outside_sip_domain") || !strings.Contains(quiet, "w_ocs_dns_sip_domain_not_in_deployment") {
		t.Fatalf("quiet: only what is new:\n%s", quiet)
	}
}

// TestDialled: the address dialled is left out when it is the place itself, compared with ASCII letters folded
// only: "ſip" (U+017F, which Unicode folds to "s") is another name than "sip".
func TestDialled(t *testing.T) {
	for _, c := range []struct{ place, address, want string }{
		{"sip.contoso.com:5061", "", "sip.contoso.com:5061"},
		{"sip.contoso.com:5061", "SIP.Contoso.com:5061", "sip.contoso.com:5061"},
		{"sip.contoso.com:5061", "10.0.0.10:5061", "sip.contoso.com:5061 (10.0.0.10:5061)"},
		{"sip.contoso.com:5061", "\u017Fip.contoso.com:5061", "sip.contoso.com:5061 (\u017Fip.contoso.com:5061)"},
	} {
		if got := dialled(&Target{Place: c.place, Address: c.address}); got != c.want {
			t.Errorf("place %q, address %q: %q, want %q", c.place, c.address, got, c.want)
		}
	}
}
