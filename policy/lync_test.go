package policy

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// lyncServer is a deployment file of one Lync Server 2013 server whose keys are body (indented four spaces).
func lyncServer(body string) string { return "product: lync2013\n" + withServer(body) }

// TestLoadLyncFixture reads the Lync fixtures' deployment file: its product, the role options, the simple URLs the
// servers inherit, and the places to look: each member's Default certificate on 5061 with the pool FQDN as server
// name, its Web internal certificate on 443 with the internal web FQDN, its Web external certificate on 4443 with
// the external web FQDN, and the OAuthTokenIssuer certificate from a file.
func TestLoadLyncFixture(t *testing.T) {
	d, err := Load(filepath.Join("..", "fixtures", "deployments", "lync2013.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Product.ID != "lync2013" || d.NoAutodiscover {
		t.Fatalf("product %s, autodiscover off %v", d.Product.ID, d.NoAutodiscover)
	}
	pool, _ := d.Server("lyncpool01")
	ctx := d.Context(pool)
	want := SimpleURLs{Meet: []string{"meet.contoso.com", "meet.fabrikam.com"}, Dialin: "dialin.contoso.com", Admin: "admin.contoso.com"}
	if ctx.Role != FrontEndPool || ctx.InternalWeb != "lyncwebint01.contoso.com" || ctx.ExternalWeb != "lyncwebext01.contoso.com" ||
		!reflect.DeepEqual(ctx.SimpleURLs, want) {
		t.Fatalf("pool context %+v", ctx)
	}
	targets, err := d.Targets([]string{"lyncpool01", "lyncse01"})
	if err != nil {
		t.Fatal(err)
	}
	got := targetLines(targets)
	wantTargets := []string{
		"lyncse01 - sip lyncse01.contoso.com:5061 lyncse01.contoso.com",
		"lyncse01 - web-internal lyncse01.contoso.com:443 lyncse01.contoso.com",
		"lyncse01 - web-external lyncse01.contoso.com:4443 lyncsewebext.contoso.com",
		"lyncpool01 lfe01.contoso.com sip lfe01.contoso.com:5061 lyncpool01.contoso.com",
		"lyncpool01 lfe01.contoso.com web-internal lfe01.contoso.com:443 lyncwebint01.contoso.com",
		"lyncpool01 lfe01.contoso.com web-external lfe01.contoso.com:4443 lyncwebext01.contoso.com",
		"lyncpool01 lfe02.contoso.com sip lfe02.contoso.com:5061 lyncpool01.contoso.com",
		"lyncpool01 lfe02.contoso.com web-internal lfe02.contoso.com:443 lyncwebint01.contoso.com",
		"lyncpool01 lfe02.contoso.com web-external lfe02.contoso.com:4443 lyncwebext01.contoso.com",
	}
	oauth := targets[3] // the Standard Edition server's files come after its endpoints
	got = append(got[:3:3], got[4:]...)
	if !reflect.DeepEqual(got, wantTargets) {
		t.Fatalf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantTargets, "\n"))
	}
	if oauth.Server != "lyncse01" || oauth.Context.Certificate != "oauth" || filepath.Base(oauth.File) != "lync-oauth.pem" || oauth.Address != "" {
		t.Fatalf("the OAuth certificate's target: %+v", oauth)
	}
	for _, tg := range targets {
		if tg.Context.Member != tg.Member {
			t.Errorf("%s: context member %q", targetLine(tg), tg.Context.Member)
		}
	}
}

func TestParseLyncKeys(t *testing.T) {
	d, err := Parse([]byte(`product: sfb2019
sip_domains: [contoso.com]
autodiscover: false
simple_urls: {meet: https://meet.contoso.com, dialin: https://dialin.contoso.com/}
servers:
  - {name: se, role: standard-edition, fqdn: se.contoso.com}
  - {name: dir, role: director, fqdn: dir.contoso.com, simple_urls: {meet: [https://meet.fabrikam.com]}}
  - {name: ocs, product: ocs2007r2, role: standard-edition, fqdn: ocs.contoso.com}
`), "d.yaml")
	if err != nil {
		t.Fatal(err)
	}
	se, dir, ocs := d.Context(d.Servers[0]), d.Context(d.Servers[1]), d.Context(d.Servers[2])
	if !se.NoAutodiscover || se.Holds(WhenAutodiscover) {
		t.Error("autodiscover: false does not reach the context")
	}
	if !reflect.DeepEqual(se.SimpleURLs, SimpleURLs{Meet: []string{"meet.contoso.com"}, Dialin: "dialin.contoso.com"}) {
		t.Errorf("the deployment's simple URLs: %+v", se.SimpleURLs)
	}
	if !reflect.DeepEqual(dir.SimpleURLs, SimpleURLs{Meet: []string{"meet.fabrikam.com"}}) {
		t.Errorf("a server's own simple URLs replace the deployment's: %+v", dir.SimpleURLs)
	}
	if len(ocs.SimpleURLs.Hosts()) != 0 || ocs.Profile().ID != "ocs2007r2" {
		t.Errorf("an OCS server takes no simple URLs: %+v", ocs)
	}
	on, err := Parse([]byte("product: lync2010\nservers: [{name: se, role: standard-edition, fqdn: se.contoso.com}]\n"), "d.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c := on.Context(on.Servers[0]); c.NoAutodiscover || !c.Holds(WhenAutodiscover) {
		t.Error("automatic discovery is on unless the file says otherwise")
	}
}

func TestParseErrorsLync(t *testing.T) {
	pool := "    role: frontend-pool\n    fqdn: p.contoso.com\n"
	runErrorCases(t, []errorCase{
		{"unknown product", "product: lync2016 #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `product: unknown product "lync2016"; use one of ocs2007r2, lync2010, lync2013, sfb2015, sfb2019`},
		{"an OCS role under Lync", lyncServer("    role: enterprise-pool #<\n    fqdn: p.contoso.com\n"), 0, `unknown role "enterprise-pool"; use one of standard-edition, frontend-pool, director, director-pool (the roles of lync2013)`},
		{"autodiscover not a boolean", "autodiscover: maybe #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `autodiscover is "maybe"; write true or false`},
		{"autodiscover empty", "autodiscover: #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, "autodiscover has no value; give one, or remove the key"},
		{"simple_urls a list", "simple_urls: [https://meet.contoso.com] #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, "simple_urls must be a mapping of key: value lines"},
		{"simple_urls key misspelt", "simple_urls:\n  meeting: https://meet.contoso.com #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `simple_urls: unknown key "meeting"; use one of meet, dialin, admin`},
		{"simple URL a short name", "simple_urls:\n  dialin: https://dialin/ #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `"dialin" is a short (NetBIOS-style) name`},
		{"a meet URL empty", "simple_urls:\n  meet: [https://meet.contoso.com, ''] #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, "simple_urls: meet is empty; give a meeting URL"},
		{"internal web FQDN on a Standard Edition server", lyncServer("    role: standard-edition\n    fqdn: s.contoso.com\n    internal_web_fqdn: w.contoso.com #<\n"), 0, "internal_web_fqdn applies to a frontend-pool or director-pool only; remove it"},
		{"internal web FQDN a short name", lyncServer(pool + "    internal_web_fqdn: webint #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, `"webint" is a short (NetBIOS-style) name`},
		{"external web FQDN empty", lyncServer(pool + "    external_web_fqdn: '' #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, "external_web_fqdn is empty; give the external web services FQDN"},
		{"simple URLs on an OCS server", withServer("    role: standard-edition\n    fqdn: s.contoso.com\n    simple_urls: {dialin: https://dialin.contoso.com} #<\n"), 0, "simple_urls applies to a standard-edition, frontend-pool, director or director-pool only; remove it"},
		{"the OCS web endpoint on a Lync member", lyncServer(pool + "    members:\n      - fqdn: fe01.contoso.com\n        endpoints: {web: '10.0.0.11:443'} #<\n"), 0, "a Front End pool has no web endpoint; remove it (its endpoints: sip, web-internal, web-external)"},
		{"a bad web-external endpoint", lyncServer(pool + "    members:\n      - fqdn: fe01.contoso.com\n        endpoints: {web-external: '10.0.0.11'} #<\n"), 0, `web-external endpoint: address "10.0.0.11" is not host:port`},
		{"a file of an unknown kind", lyncServer("    role: director\n    fqdn: d.contoso.com\n    files: {web: d.pem} #<\n"), 0, `unknown key "web"; use one of default, web-internal, web-external, oauth`},
		{"an OAuth file under Lync Server 2010", "product: lync2010\nservers:\n  - name: s1\n    role: director\n    fqdn: d.contoso.com\n    files: {oauth: o.pem} #<\n", 0, `unknown key "oauth"; use one of default, web-internal, web-external`},
	})
}

// TestLyncProfiles checks what the tables give each product: the roles, the endpoints, the OAuthTokenIssuer
// certificate from Lync Server 2013 on with its key limits, and the rules that differ between versions.
func TestLyncProfiles(t *testing.T) {
	for _, id := range []string{"lync2010", "lync2013", "sfb2015", "sfb2019"} {
		p, err := Product(id)
		if err != nil {
			t.Fatal(err)
		}
		if p.RoleNames() != "standard-edition, frontend-pool, director, director-pool" {
			t.Errorf("%s roles: %s", id, p.RoleNames())
		}
		pool, _ := p.Role(string(FrontEndPool))
		if got := strings.Join(pool.EndpointNames(), " "); got != "sip web-internal web-external" {
			t.Errorf("%s endpoints: %s", id, got)
		}
		for _, c := range pool.Certificates {
			if c.Kind != "oauth" && c.Exportable != ExportableNo {
				t.Errorf("%s %s: internal servers' keys are non-exportable", id, c.Kind)
			}
		}
		oauth, hasOAuth := pool.Certificate("oauth")
		if hasOAuth != (id != "lync2010") {
			t.Errorf("%s: OAuthTokenIssuer certificate %v", id, hasOAuth)
		}
		if hasOAuth {
			limits := p.CryptoFor(oauth)
			wantErr := map[string]int{"lync2013": 1024, "sfb2015": 2048, "sfb2019": 2048}[id]
			if limits.RSAErrorBelow != wantErr || limits.RSAWarnBelow != 2048 || len(oauth.Endpoints) != 0 || oauth.Exportable != ExportableRequired {
				t.Errorf("%s OAuth: %+v", id, oauth)
			}
		}
		_, order := p.Rule("wildcard_san_before_fqdn")
		if order != (id == "lync2010") {
			t.Errorf("%s: the wildcard-before-FQDN rule %v; only Lync Server 2010's page states it", id, order)
		}
		for _, r := range p.Rules {
			if (strings.Contains(r.Description, "Microsoft's pages disagree") || strings.Contains(r.Description, "its example")) && r.Severity != "warn" {
				t.Errorf("%s %s: Microsoft's inconsistencies are warnings", id, r.Rule)
			}
		}
	}
}

func TestValidateCatchesNamesAnyMistakes(t *testing.T) {
	p := lync2013()
	c := &p.Roles[0].Certificates[0]
	for i := range c.Names {
		if c.Names[i].Where == InSANOfAny {
			c.Names[i].Where = InSAN
		}
	}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), `need the "names" check`) {
		t.Fatalf("got %v", err)
	}
	p = lync2013()
	p.Roles[0].Certificates[0].Names[0].Where = InSANOfAny
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), `need the "names_any" check`) {
		t.Fatalf("got %v", err)
	}
}

func TestExpandWebName(t *testing.T) {
	ctx := Context{Role: FrontEndPool, Product: lync2013(), FQDN: "pool.contoso.com"}
	if got := ctx.Expand("{web_name}"); !reflect.DeepEqual(got, []string{"pool.contoso.com"}) {
		t.Errorf("without an internal web FQDN: %q", got)
	}
	ctx.InternalWeb = "webint.contoso.com"
	if got := ctx.Expand("{web_name}"); !reflect.DeepEqual(got, []string{"webint.contoso.com"}) || ctx.Label("{web_name}") != "the internal web services FQDN" {
		t.Errorf("with an internal web FQDN: %q, %q", got, ctx.Label("{web_name}"))
	}
}
