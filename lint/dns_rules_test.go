package lint

import (
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

// dnsRuleNames are the DNS rules' IDs: a contract with reports, baselines and the documentation.
var dnsRuleNames = []string{
	"e_ocs_dns_no_autoconfig_record", "n_ocs_dns_autoconfig_winner", "e_ocs_dns_srv_target_outside_sip_domain",
	"w_ocs_dns_srv_target_needs_suffix_policy", "n_ocs_dns_srv_target_not_strict_name", "w_ocs_dns_multiple_autoconfig_srv",
	"w_ocs_dns_srv_target_is_cname", "n_ocs_dns_srv_port_unusual", "n_ocs_dns_tcp_autoconfig_present",
	"e_ocs_cert_name_mismatch_srv_target", "e_ocs_cert_name_mismatch_fallback_host", "w_ocs_san_missing_sipinternal_sipexternal",
	"e_ocs_dns_federation_target_outside_domain", "w_ocs_federation_sn_not_srv_target", "n_ocs_dns_phone_edition_443",
	"w_ocs_dns_sip_domain_not_in_deployment", "n_ocs_dns_certificate_sip_domain_unchecked",
}

// TestDNSRulesRegistered: every DNS rule is in the runner's list with its metadata, and none fires in the
// per-certificate pass.
func TestDNSRulesRegistered(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]zlint.LintMetadata{}
	for _, m := range r.Lints() {
		listed[m.Name] = m
	}
	for _, name := range dnsRuleNames {
		m, ok := listed[name]
		if !ok {
			t.Errorf("%s is not listed", name)
			continue
		}
		if m.Source != dnsSource || m.Description == "" || !strings.Contains(m.Citation, "http") || strings.Contains(m.Citation, "reference/") {
			t.Errorf("%s: metadata %+v: a description and a public citation (title and URL) are required", name, m)
		}
	}
	for _, cert := range []string{"pool01", "pool01-member-cn", "se01-wildcard"} {
		findings, err := r.Lint(input(t, cert, ctxPool))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			for _, name := range dnsRuleNames {
				if f.Lint == name {
					t.Errorf("%s fired in the per-certificate pass on %s", name, cert)
				}
			}
		}
	}
}

// TestCertNameIs: names compare as OCS compares them.
func TestCertNameIs(t *testing.T) {
	for _, tc := range []struct {
		cert, dns string
		want      bool
	}{
		{"pool01.contoso.com", "pool01.contoso.com", true},
		{"pool01.contoso.com", "pool01.contoso.com.", true}, // an absolute DNS name
		{"Pool01.CONTOSO.com", "pool01.contoso.com", true},
		{"pool01.contoso.com.", "pool01.contoso.com", true}, // the same absolute name; another rule warns
		{"pool01.contoso.com ", "pool01.contoso.com", false},
		{" pool01.contoso.com", "pool01.contoso.com", false},
		{"pool01.contoso.com\x00", "pool01.contoso.com", false},
		{"pool01\tcontoso.com", "pool01\\009contoso.com", false},
		{"pool 01.contoso.com", "pool\\03201.contoso.com", false}, // a space never matches, even when DNS holds one
		{"pool01.contoso.com", "pool01\\.contoso.com", false},     // one label holding a dot is another name
		{"*.contoso.com", "pool01.contoso.com", false},
		{"*.contoso.com", "*.contoso.com", true}, // literal: only the same string (OCS does not expand wildcards)
		{"pool01.conto\u017fo.com", "pool01.contoso.com", false},
		{"\u212apool.contoso.com", "kpool.contoso.com", false},
		{"", "", false},
		{"pool01.contoso.com", ".", false},
		{"pool01.contoso.com", "pool01..contoso.com", false},
		{"poo\\l01.contoso.com", "poo\\l01.contoso.com", false}, // escapes are DNS syntax, not certificate syntax
	} {
		if got := certNameIs(tc.cert, tc.dns); got != tc.want {
			t.Errorf("certNameIs(%q, %q) = %v, want %v", tc.cert, tc.dns, got, tc.want)
		}
	}
}

func TestDepthBelow(t *testing.T) {
	for _, tc := range []struct {
		name, domain string
		depth        int
		ok           bool
	}{
		{"contoso.com", "contoso.com", 0, true},
		{"contoso.com.", "Contoso.COM", 0, true},
		{"pool01.contoso.com", "contoso.com", 1, true},
		{"a.b.contoso.com", "contoso.com", 2, true},
		{"evilcontoso.com", "contoso.com", 0, false},
		{"contoso.com.evil.net", "contoso.com", 0, false},
		{"pool01\\.contoso.com", "contoso.com", 0, false},
		{"com", "contoso.com", 0, false},
		{".", "contoso.com", 0, false},
	} {
		depth, ok := depthBelow(tc.name, tc.domain)
		if depth != tc.depth || ok != tc.ok {
			t.Errorf("depthBelow(%q, %q) = %d, %v; want %d, %v", tc.name, tc.domain, depth, ok, tc.depth, tc.ok)
		}
	}
}
