package policy

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// perimeterFile describes every perimeter role, with the options each takes.
const perimeterFile = `sip_domains: [contoso.com, fabrikam.com]
servers:
  - name: edge01
    role: edge
    fqdn: edge01.contoso.com
    access_edge_fqdn: sip.contoso.com
    webconf_edge_fqdn: https://webconf.contoso.com/
    federation: yes
    public_im_connectivity: [MSN, aol]
    anonymous_conferencing: true
    files: {av-auth: edge01-av.pfx}
  - name: edge02
    role: edge
    fqdn: edge02.contoso.com
    access_edge_fqdn: sip.fabrikam.com
    public_im_connectivity: yahoo
    endpoints: {internal: "10.0.1.2:5061", access: "192.0.2.10:443"}
  - name: edgearray01
    role: edge-array
    fqdn: edge-int.contoso.com
    access_edge_fqdn: sip.contoso.com
    webconf_edge_fqdn: webconf.contoso.com
    members:
      - fqdn: edge11.contoso.com
        files: {av-auth: av/edge11.pfx}
      - fqdn: edge12.contoso.com
        endpoints: {internal: "10.0.1.12:5061", access: "192.0.2.12:443"}
        files: {av-auth: av/edge12.pfx}
  - name: cwa01
    role: cwa
    fqdn: cwa01.contoso.com
    cwa_url: https://im.contoso.com/
  - name: med01
    role: mediation-server
    fqdn: med01.contoso.com
  - name: gw01
    role: media-gateway
    fqdn: gw01.contoso.com
    endpoints: {sip: "gw01.contoso.com:5067"}
  - name: isa01
    role: reverse-proxy
    fqdn: isa01.contoso.com
    external_web_fqdn: ocsweb.contoso.com
    cwa_url: https://im.contoso.com/
`

func TestParsePerimeter(t *testing.T) {
	path := writeDeployment(t, perimeterFile)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	edge, _ := d.Server("edge01")
	want := Perimeter{AccessEdge: "sip.contoso.com", WebConfEdge: "webconf.contoso.com", Federation: true,
		PublicIM: []string{ProviderMSN, ProviderAOL}, Anonymous: true}
	if !reflect.DeepEqual(edge.Perimeter, want) {
		t.Errorf("edge01: %+v, want %+v", edge.Perimeter, want)
	}
	if edge.Files["av-auth"] != filepath.Join(filepath.Dir(path), "edge01-av.pfx") {
		t.Errorf("edge01 files: %v", edge.Files)
	}
	if e2, _ := d.Server("edge02"); !reflect.DeepEqual(e2.PublicIM, []string{ProviderYahoo}) || e2.Federation {
		t.Errorf("edge02: %+v", e2.Perimeter)
	}
	array, _ := d.Server("edgearray01")
	if len(array.Members) != 2 || array.Members[1].Files["av-auth"] != filepath.Join(filepath.Dir(path), "av", "edge12.pfx") {
		t.Errorf("edgearray01 members: %+v", array.Members)
	}
	if c, _ := d.Server("cwa01"); c.CWAHost != "im.contoso.com" {
		t.Errorf("cwa01: %+v", c.Perimeter)
	}
	rp, _ := d.Server("isa01")
	ctx := d.Context(rp)
	if rp.ExternalWeb != "ocsweb.contoso.com" || ctx.CWAHost != "im.contoso.com" || ctx.Role != ReverseProxy {
		t.Errorf("isa01: %+v", ctx)
	}
	ctx = d.Context(edge)
	ctx.PublicIM[0] = "changed"
	if edge2, _ := d.Server("edge01"); edge2.PublicIM[0] != ProviderMSN {
		t.Error("a context shares the deployment's provider list")
	}
}

func TestParseErrorsPerimeter(t *testing.T) {
	edge := func(body string) string {
		return withServer("    role: edge\n    fqdn: edge01.contoso.com\n" + body)
	}
	runErrorCases(t, []errorCase{
		{"Edge without its Access Edge FQDN", "sip_domains: [contoso.com]\nservers:\n  - name: s1 #<\n    role: edge\n    fqdn: edge01.contoso.com\n", 0,
			`server "s1" has no access_edge_fqdn; add the Access Edge's external FQDN, e.g. access_edge_fqdn: sip.contoso.com`},
		{"CWA without its URL", "sip_domains: [contoso.com]\nservers:\n  - name: s1 #<\n    role: cwa\n    fqdn: cwa01.contoso.com\n", 0,
			"has no cwa_url; add the URL users open Communicator Web Access at"},
		{"reverse proxy without the external web farm", "servers:\n  - name: s1 #<\n    role: reverse-proxy\n    fqdn: isa01.contoso.com\n", 0,
			"has no external_web_fqdn"},
		{"the key without _fqdn", edge("    access_edge: sip.contoso.com #<\n"), 0, `unknown key "access_edge"; did you mean "access_edge_fqdn"?`},
		{"the key without _url", "servers:\n  - name: s1\n    role: cwa\n    fqdn: cwa01.contoso.com\n    cwa: https://im.contoso.com/ #<\n", 0, `unknown key "cwa"; did you mean "cwa_url"?`},
		{"invalid Access Edge FQDN", edge("    access_edge_fqdn: sip_contoso #<\n"), 0, `access_edge_fqdn "sip_contoso"`},
		{"federation not a boolean", edge("    access_edge_fqdn: sip.contoso.com\n    federation: partners #<\n"), 0, `federation is "partners"; write true or false`},
		{"unknown public IM provider", edge("    access_edge_fqdn: sip.contoso.com\n    public_im_connectivity: [msn, icq] #<\n"), 0,
			`unknown provider "icq"; use msn (Windows Live), aol or yahoo`},
		{"provider listed twice", edge("    access_edge_fqdn: sip.contoso.com\n    public_im_connectivity:\n      - aol\n      - AOL #<\n"), 0, "aol is listed twice"},
		{"no providers", edge("    access_edge_fqdn: sip.contoso.com\n    public_im_connectivity: [] #<\n"), 0, "public_im_connectivity is empty"},
		{"an Edge option on a Standard Edition server", withServer("    role: standard-edition\n    fqdn: se01.contoso.com\n    federation: true #<\n"), 0,
			"federation applies to an edge or edge-array only; remove it"},
		{"the CWA URL on an Edge Server", edge("    access_edge_fqdn: sip.contoso.com\n    cwa_url: https://im.contoso.com/ #<\n"), 0,
			"cwa_url applies to a cwa or reverse-proxy only"},
		{"an endpoint of another role", edge("    access_edge_fqdn: sip.contoso.com\n    endpoints: {internal: \"10.0.0.1:5061\", mtls: \"10.0.0.1:5061\"} #<\n"), 0,
			"an Edge Server has no mtls endpoint; remove it (its endpoints: internal, access, federation, webconf)"},
		{"a file of another kind", edge("    access_edge_fqdn: sip.contoso.com\n    files: {oauth: a.pfx} #<\n"), 0,
			`unknown key "oauth"; use one of internal, access, webconf, av-auth`},
		{"files of a member of a pool of another role", withServer("    role: enterprise-pool\n    fqdn: pool01.contoso.com\n    members:\n      - fqdn: fe01.contoso.com\n        files: {av-auth: a.pfx} #<\n"), 0,
			`unknown key "av-auth"; use one of default, web`},
		{"a CWA listener without the CWA URL", "servers:\n  - name: s1\n    role: reverse-proxy\n    fqdn: isa01.contoso.com\n    external_web_fqdn: ocsweb.contoso.com\n    endpoints: {web: \"192.0.2.1:443\", cwa: \"192.0.2.2:443\"} #<\n", 0,
			`server "s1": the cwa endpoint serves the name cwa_url gives, which is missing; add the URL users open Communicator Web Access at`},
		{"an array member's Web Conferencing Edge without its FQDN", "servers:\n  - name: s1\n    role: edge-array\n    fqdn: edge-int.contoso.com\n    access_edge_fqdn: sip.contoso.com\n    members:\n      - fqdn: edge02.contoso.com #<\n        endpoints: {webconf: \"192.0.2.3:443\"}\n", 0,
			`server "s1" member edge02.contoso.com: the webconf endpoint serves the name webconf_edge_fqdn gives`},
		{"Edge array without members", "servers:\n  - name: s1 #<\n    role: edge-array\n    fqdn: edge-int.contoso.com\n    access_edge_fqdn: sip.contoso.com\n", 0,
			"list each Edge Server's internal FQDN under members"},
	})
}

func TestTargetsPerimeter(t *testing.T) {
	path := writeDeployment(t, perimeterFile)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	var endpoints, files []string
	for _, tg := range targets {
		if tg.File != "" {
			rel, err := filepath.Rel(filepath.Dir(path), tg.File)
			if err != nil {
				t.Fatal(err)
			}
			member := tg.Member
			if member == "" {
				member = "-"
			}
			files = append(files, strings.Join([]string{tg.Server, member, tg.Context.Certificate, filepath.ToSlash(rel)}, " "))
			continue
		}
		endpoints = append(endpoints, targetLine(tg)+" "+tg.Context.Certificate)
	}
	wantEndpoints := []string{
		// An Edge Server: the internal interface on its FQDN, the external ones at their external FQDNs.
		"edge01 - internal edge01.contoso.com:5061 edge01.contoso.com internal",
		"edge01 - access sip.contoso.com:443 sip.contoso.com access",
		"edge01 - federation sip.contoso.com:5061 sip.contoso.com access",
		"edge01 - webconf webconf.contoso.com:443 webconf.contoso.com webconf",
		// Explicit endpoints: only those given.
		"edge02 - internal 10.0.1.2:5061 edge02.contoso.com internal",
		"edge02 - access 192.0.2.10:443 sip.fabrikam.com access",
		// An Edge array: the internal interface on each member (SNI the VIP FQDN); a member's own external
		// addresses; the external endpoints no member gives dialled once, at the external FQDNs.
		"edgearray01 edge11.contoso.com internal edge11.contoso.com:5061 edge-int.contoso.com internal",
		"edgearray01 edge12.contoso.com internal 10.0.1.12:5061 edge-int.contoso.com internal",
		"edgearray01 edge12.contoso.com access 192.0.2.12:443 sip.contoso.com access",
		"edgearray01 - federation sip.contoso.com:5061 sip.contoso.com access",
		"edgearray01 - webconf webconf.contoso.com:443 webconf.contoso.com webconf",
		// Communicator Web Access: HTTPS with the URL host as SNI, MTLS with the server FQDN.
		"cwa01 - web cwa01.contoso.com:443 im.contoso.com web",
		"cwa01 - mtls cwa01.contoso.com:5061 cwa01.contoso.com mtls",
		"med01 - sip med01.contoso.com:5061 med01.contoso.com default",
		"gw01 - sip gw01.contoso.com:5067 gw01.contoso.com default",
		// The reverse proxy: each listener at the name it publishes.
		"isa01 - web ocsweb.contoso.com:443 ocsweb.contoso.com web",
		"isa01 - cwa im.contoso.com:443 im.contoso.com cwa",
	}
	if !reflect.DeepEqual(endpoints, wantEndpoints) {
		t.Errorf("endpoints:\n%s\nwant\n%s", strings.Join(endpoints, "\n"), strings.Join(wantEndpoints, "\n"))
	}
	wantFiles := []string{
		"edge01 - av-auth edge01-av.pfx",
		"edgearray01 edge11.contoso.com av-auth av/edge11.pfx",
		"edgearray01 edge12.contoso.com av-auth av/edge12.pfx",
	}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files:\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	for _, tg := range targets {
		if tg.Member != "" && tg.Context.Member != tg.Member {
			t.Errorf("%s: the context is not the member's: %+v", targetLine(tg), tg.Context)
		}
	}
}

func TestAddressTargetPerimeter(t *testing.T) {
	ctx := Context{Role: Edge, FQDN: "edge01.contoso.com", Perimeter: Perimeter{AccessEdge: "sip.contoso.com"}}
	for _, tc := range []struct{ addr, endpoint, want, kind string }{
		{"192.0.2.10:443", "", "access 192.0.2.10:443 sip.contoso.com", "access"},
		{"192.0.2.10:5061", "federation", "federation 192.0.2.10:5061 sip.contoso.com", "access"},
		{"10.0.1.2", "", "internal 10.0.1.2:5061 edge01.contoso.com", "internal"},
	} {
		tg, err := AddressTarget(tc.addr, ctx, tc.endpoint)
		if err != nil {
			t.Fatal(err)
		}
		if got := tg.Endpoint + " " + tg.Address + " " + tg.SNI; got != tc.want || tg.Context.Certificate != tc.kind {
			t.Errorf("%s: %s (%s), want %s (%s)", tc.addr, got, tg.Context.Certificate, tc.want, tc.kind)
		}
	}
	if _, err := AddressTarget("10.0.1.2", Context{Role: Edge, FQDN: "edge01.contoso.com", Certificate: "av-auth"}, ""); err == nil ||
		!strings.Contains(err.Error(), "not presented on any endpoint; check it from a file") {
		t.Errorf("the A/V certificate on an address: %v", err)
	}
}

func TestValidateCatchesPerimeterMistakes(t *testing.T) {
	edge := func(p *Profile) *RoleSpec { r, _ := p.Role(string(Edge)); return r }
	cwa := func(p *Profile) *RoleSpec { r, _ := p.Role(string(CWA)); return r }
	runValidateCases(t, []validateCase{
		{"required option not an option", func(p *Profile) { edge(p).Required = []string{OptionCWAURL} }, `required option "cwa_url"`},
		{"unknown requirement", func(p *Profile) { edge(p).Certificates[3].Rules[0].Rule = "nope" }, `requirement "nope"`},
		{"unknown requirement condition", func(p *Profile) { edge(p).Certificates[1].Rules[0].WhenAny = []Condition{"partners"} }, `unknown condition "partners"`},
		{"other reading on a SAN rule", func(p *Profile) {
			cwa(p).Certificates[0].Names[1].OtherNames = []string{"{fqdn}"}
			cwa(p).Certificates[0].Names[1].OtherRule = "cwa_cn_server_fqdn"
		}, "Subject Names only"},
		{"other reading without a rule", func(p *Profile) { cwa(p).Certificates[0].Names[0].OtherRule = "" }, "go together"},
		{"other rule unknown", func(p *Profile) { cwa(p).Certificates[0].Names[0].OtherRule = "nope" }, `other rule "nope"`},
		{"bad host template", func(p *Profile) { edge(p).Certificates[1].Endpoints[0].Host = "{access}" }, "Host: template"},
	})
}

// TestPerimeterConditions: the declarations hold as the requirements read them.
func TestPerimeterConditions(t *testing.T) {
	ctx := Context{Role: Edge, FQDN: "edge01.contoso.com", Certificate: "access",
		Perimeter: Perimeter{AccessEdge: "sip.contoso.com", PublicIM: []string{ProviderAOL}}}
	if !ctx.Holds(WhenPublicIM) || !ctx.Holds(WhenAOL) || ctx.Holds(WhenFederation) || ctx.Holds(WhenAnonymous) {
		t.Errorf("conditions of %+v", ctx.Perimeter)
	}
	if _, ok := ctx.Requirement("edge_external_private_ca"); !ok {
		t.Error("public IM connectivity: the Access Edge is held to a public CA")
	}
	if _, ok := ctx.Requirement("edge_aol_pic_missing_client_auth"); !ok {
		t.Error("AOL: the Access Edge is held to the client EKU")
	}
	ctx.PublicIM = []string{ProviderMSN}
	if _, ok := ctx.Requirement("edge_aol_pic_missing_client_auth"); ok {
		t.Error("Windows Live only: no client EKU")
	}
	ctx.PublicIM = nil
	if _, ok := ctx.Requirement("edge_external_private_ca"); ok {
		t.Error("nothing declared: no public CA expected")
	}
	if got := ctx.Expand("{access_edge_fqdn}"); !reflect.DeepEqual(got, []string{"sip.contoso.com"}) || ctx.Label("{cwa_host}") != "the Communicator Web Access URL's host" {
		t.Errorf("expand %v, label %q", got, ctx.Label("{cwa_host}"))
	}
}
