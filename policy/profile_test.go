package policy

import (
	"reflect"
	"strings"
	"testing"
)

func TestProfilesValidate(t *testing.T) {
	ids := map[string]bool{}
	sources := map[string]bool{}
	for _, p := range Profiles() {
		if err := p.Validate(); err != nil {
			t.Errorf("%v", err)
		}
		if ids[p.ID] || sources[p.Source] {
			t.Errorf("%s: ID or source %s used twice", p.ID, p.Source)
		}
		ids[p.ID], sources[p.Source] = true, true
	}
	if !ids[DefaultProduct] {
		t.Fatalf("the default product %s has no profile", DefaultProduct)
	}
}

// validateCase breaks a fresh OCS 2007 R2 profile in one way; Validate must then report want.
type validateCase struct {
	name    string
	breakIt func(p *Profile)
	want    string
}

func runValidateCases(t *testing.T, cases []validateCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ocs2007r2()
			tc.breakIt(p)
			if err := p.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestValidateCatchesMistakes(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"unknown check rule", func(p *Profile) { p.Roles[0].Certificates[0].Names[0].Rule = "nope" }, `name rule "nope" is not one of the product's rules`},
		{"unknown template variable", func(p *Profile) { p.Roles[0].Certificates[0].Names[0].Names = []string{"{pool}"} }, `unknown variable`},
		{"unknown condition", func(p *Profile) { p.Roles[0].Certificates[0].Names[1].When = []Condition{"dns"} }, `unknown condition "dns"`},
		{"bad severity", func(p *Profile) { p.Rules[0].Severity = "fatal" }, `is not error, warn or notice`},
		{"private citation", func(p *Profile) { p.Rules[0].Citation = "reference/" + "REQUIREMENTS.md" }, `public source`},
		{"duplicate endpoint", func(p *Profile) {
			c := &p.Roles[0].Certificates[0]
			c.Endpoints = append(c.Endpoints, c.Endpoints[0])
		}, `a unique name and a port`},
		{"unknown option", func(p *Profile) { p.Roles[0].Options = []string{"web-farm"} }, `unknown option "web-farm"`},
		{"role without certificates", func(p *Profile) { p.Roles[0].Certificates = nil }, `has no certificate`},
	})
}

func TestProfilesAreFresh(t *testing.T) {
	a, b := Profiles()[0], Profiles()[0]
	a.Roles[0].Certificates[0].Names[0].Names[0] = "changed"
	if b.Roles[0].Certificates[0].Names[0].Names[0] == "changed" {
		t.Fatal("Profiles shares data between calls: a caller's change leaks")
	}
}

func TestRuleID(t *testing.T) {
	p := ocs2007r2()
	for rule, want := range map[string]string{
		"subject_cn_not_role_fqdn": "e_ocs_subject_cn_not_role_fqdn",
		"rsa_key_below_2048":       "w_ocs_rsa_key_below_2048",
		"public_ca":                "n_ocs_public_ca",
		"no_such_rule":             "",
	} {
		if got := p.RuleID(rule); got != want {
			t.Errorf("RuleID(%s) = %q, want %q", rule, got, want)
		}
	}
}

func TestExpand(t *testing.T) {
	ctx := Context{Role: EnterprisePool, FQDN: "pool01.contoso.com", Member: "fe01.contoso.com", WebFarm: "webpool01.contoso.com",
		SIPDomains: []string{"contoso.com", "fabrikam.com"}, SimpleURLs: SimpleURLs{Meet: []string{"meet.contoso.com"}, Dialin: "dialin.contoso.com"}}
	cases := map[string][]string{
		"{fqdn}":           {"pool01.contoso.com"},
		"sip.{sip_domain}": {"sip.contoso.com", "sip.fabrikam.com"},
		"{web_name}":       {"webpool01.contoso.com"},
		"{server_fqdn}":    {"fe01.contoso.com"},
		"{simple_urls}":    {"meet.contoso.com", "dialin.contoso.com"},
		"{admin}":          nil,
		"Literal.Name.":    {"literal.name"},
	}
	for tmpl, want := range cases {
		if got := ctx.Expand(tmpl); !reflect.DeepEqual(got, want) {
			t.Errorf("Expand(%q) = %q, want %q", tmpl, got, want)
		}
	}
	if got := ctx.Label("{fqdn}"); got != "the pool's FQDN" {
		t.Errorf("Label({fqdn}) = %q", got)
	}
}

func TestSameName(t *testing.T) {
	cases := []struct {
		cert, expected string
		same           bool
	}{
		{"pool01.contoso.com", "pool01.contoso.com", true},
		{"POOL01.Contoso.COM", "pool01.contoso.com", true},
		{"pool01.contoso.com.", "pool01.contoso.com", true},
		{"pool01.contoso.com ", "pool01.contoso.com", false},
		{"pool01.contoso.com\t", "pool01.contoso.com", false},
		{" pool01.contoso.com", "pool01.contoso.com", false},
		{"poo\u212a01.contoso.com", "pook01.contoso.com", false}, // the Kelvin sign folds to k under Unicode rules
		{"se01.contoso.co\u212a", "se01.contoso.cok", false},
		{"", "", false},
		{"pool01.contoso.com..", "pool01.contoso.com", false},
	}
	for _, tc := range cases {
		if got := SameName(tc.cert, tc.expected); got != tc.same {
			t.Errorf("SameName(%q, %q) = %v, want %v", tc.cert, tc.expected, got, tc.same)
		}
	}
	if NameProblem("pool01.contoso.com\t") != "it holds a tab" || NameProblem("pool01.contoso.com") != "" {
		t.Error("NameProblem does not name the tab")
	}
}

func TestSIPDomains(t *testing.T) {
	if got := SIPDomains([]string{"contoso.com", "Contoso.com.", " CONTOSO.COM", "fabrikam.com"}); !reflect.DeepEqual(got, []string{"contoso.com", "fabrikam.com"}) {
		t.Fatalf("got %q", got)
	}
	if msg := SIPDomainProblem("sip.contoso.com"); !strings.Contains(msg, "give the part after @ in users' SIP addresses, contoso.com") {
		t.Fatalf("sip.contoso.com: %q", msg)
	}
}
