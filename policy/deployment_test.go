package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const validFile = `sip_domains: [contoso.com, Fabrikam.COM.]
automatic_client_configuration: true
trust: {ca_files: [ca.pem]}
expiry_warning_days: 45
expiry_critical_days: 5
servers:
  - name: se01
    role: standard-edition
    fqdn: SE01.contoso.com.
  - name: se02
    role: standard-edition
    fqdn: se02.contoso.com
    endpoints: {sip: "10.0.0.12:5061"}
  - name: pool01
    role: enterprise-pool
    fqdn: pool01.contoso.com
    web_farm: https://webpool01.contoso.com/
    members:
      - fqdn: fe01.contoso.com
      - fqdn: fe02.contoso.com
        endpoints: {sip: "[2001:db8::12]:5061", web: "fe02.contoso.com:8443"}
  - name: dir01
    role: director
    fqdn: dir01.contoso.com
    client_logon: true
  - name: dirpool01
    role: director-pool
    fqdn: dirpool01.contoso.com
    members:
      - fqdn: dir11.contoso.com
`

// writeDeployment writes a deployment file and a CA file beside it, and returns the file's path.
func writeDeployment(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ca.pem"), []byte("placeholder"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "deployment.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadValid(t *testing.T) {
	path := writeDeployment(t, validFile)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.SIPDomains, ",") != "contoso.com,fabrikam.com" || !d.AutoConfig || d.ExpiryWarningDays != 45 || d.ExpiryCriticalDays != 5 {
		t.Fatalf("%+v", d)
	}
	if want := filepath.Join(filepath.Dir(path), "ca.pem"); len(d.CAFiles) != 1 || d.CAFiles[0] != want {
		t.Fatalf("CA files %v, want %s (relative to the deployment file)", d.CAFiles, want)
	}
	pool, ok := d.Server("POOL01")
	if !ok || pool.WebFarm != "webpool01.contoso.com" || len(pool.Members) != 2 || pool.Line != 14 {
		t.Fatalf("pool01: %+v", pool)
	}
	if se01, _ := d.Server("se01"); se01.FQDN != "se01.contoso.com" {
		t.Fatalf("fqdn not normalized: %q", se01.FQDN)
	}
	ctx := d.Context(pool)
	if ctx.Role != EnterprisePool || ctx.FQDN != "pool01.contoso.com" || len(ctx.SIPDomains) != 2 || !ctx.AutoConfig {
		t.Fatalf("context %+v", ctx)
	}
}

func TestTargets(t *testing.T) {
	d, err := Load(writeDeployment(t, validFile))
	if err != nil {
		t.Fatal(err)
	}
	targets, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range targets {
		got = append(got, strings.Join([]string{tg.Server, tg.Member, tg.Endpoint, tg.Address, tg.SNI}, " "))
	}
	want := []string{
		"se01  sip se01.contoso.com:5061 se01.contoso.com",
		"se01  web se01.contoso.com:443 se01.contoso.com",
		"se02  sip 10.0.0.12:5061 se02.contoso.com",
		"pool01 fe01.contoso.com sip fe01.contoso.com:5061 pool01.contoso.com",
		"pool01 fe01.contoso.com web fe01.contoso.com:443 webpool01.contoso.com",
		"pool01 fe02.contoso.com sip [2001:db8::12]:5061 pool01.contoso.com",
		"pool01 fe02.contoso.com web fe02.contoso.com:8443 webpool01.contoso.com",
		"dir01  sip dir01.contoso.com:5061 dir01.contoso.com",
		"dirpool01 dir11.contoso.com sip dir11.contoso.com:5061 dirpool01.contoso.com",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	only, err := d.Targets([]string{"dir01"})
	if err != nil || len(only) != 1 || only[0].Context.Role != Director || !only[0].Context.ClientLogon {
		t.Fatalf("--server dir01: %+v %v", only, err)
	}
	if _, err := d.Targets([]string{"nope"}); err == nil || !strings.Contains(err.Error(), "se01, se02, pool01, dir01, dirpool01") {
		t.Fatalf("unknown server: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	server := func(body string) string {
		return "sip_domains: [contoso.com]\nservers:\n  - name: s1\n" + body
	}
	cases := []struct {
		name, file string
		line       int
		want       string
	}{
		{"empty file", "", 0, "the deployment file is empty"},
		{"not YAML", "servers: [\n", 1, "not valid YAML"},
		{"no servers", "sip_domains: [contoso.com]\n", 1, "no servers"},
		{"unknown top-level key", "sip_domain: [contoso.com]\nservers: []\n", 1, `unknown key "sip_domain"`},
		{"unknown server key", server("    role: director\n    fqdn: d.contoso.com\n    fdqn: x\n"), 6, `unknown key "fdqn"`},
		{"wrong type", "sip_domains: contoso.com\nservers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n", 1, "sip_domains must be a list"},
		{"wrong bool", "automatic_client_configuration: sometimes\nservers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n", 1, "must be true or false"},
		{"missing name", "servers:\n  - role: director\n    fqdn: d.contoso.com\n", 2, "a server without a name"},
		{"missing fqdn", server("    role: director\n"), 3, `server "s1" has no fqdn`},
		{"missing role", server("    fqdn: d.contoso.com\n"), 3, "has no role"},
		{"unknown role", server("    role: enterprise\n    fqdn: d.contoso.com\n"), 4, `unknown role "enterprise"; use one of standard-edition`},
		{"short fqdn", server("    role: director\n    fqdn: dir01\n"), 5, "short (NetBIOS-style) name"},
		{"underscore fqdn", server("    role: director\n    fqdn: dir_01.contoso.com\n"), 5, "only letters, digits and hyphens"},
		{"bad SIP domain", "sip_domains: [contoso]\nservers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n", 1, "SIP domain"},
		{"pool without members", server("    role: enterprise-pool\n    fqdn: p.contoso.com\n"), 3, "a pool needs members"},
		{"members under a non-pool role", server("    role: standard-edition\n    fqdn: s.contoso.com\n    members:\n      - fqdn: a.contoso.com\n"), 7, "members apply to an enterprise-pool or director-pool only"},
		{"duplicate server", "servers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n  - {name: A, role: director, fqdn: b.contoso.com}\n", 3, "described twice (first on line 2)"},
		{"duplicate member", server("    role: director-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: a.contoso.com\n      - fqdn: A.contoso.com\n"), 8, "listed twice"},
		{"web farm on a director", server("    role: director\n    fqdn: d.contoso.com\n    web_farm: w.contoso.com\n"), 6, "web_farm applies to an enterprise-pool only"},
		{"client logon on a standard edition server", server("    role: standard-edition\n    fqdn: s.contoso.com\n    client_logon: true\n"), 6, "client_logon applies to a director"},
		{"bad address", server("    role: director\n    fqdn: d.contoso.com\n    endpoints: {sip: \"d.contoso.com\"}\n"), 6, "is not host:port"},
		{"bad port", server("    role: director\n    fqdn: d.contoso.com\n    endpoints: {sip: \"d.contoso.com:99999\"}\n"), 6, "port must be a number from 1 to 65535"},
		{"unknown endpoint", server("    role: director\n    fqdn: d.contoso.com\n    endpoints: {ftp: \"d.contoso.com:21\"}\n"), 6, `unknown key "ftp"`},
		{"web endpoint on a director", server("    role: director\n    fqdn: d.contoso.com\n    endpoints: {web: \"d.contoso.com:443\"}\n"), 6, "a Director has no Web Components"},
		{"negative days", "expiry_warning_days: -1\nservers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n", 1, "whole number of days"},
		{"missing CA file", "trust: {ca_files: [nope.pem]}\nservers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n", 1, "nope.pem"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeDeployment(t, tc.file)
			_, err := Load(path)
			if err == nil {
				t.Fatal("no error")
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is not a *FileError", err)
			}
			if fe.Path != path || fe.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %q (line %d), want line %d and %q", err, fe.Line, tc.line, tc.want)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	_, err := Parse([]byte("servers:\n  - {name: a, role: nope, fqdn: a.contoso.com}\n  - {name: b, role: director, fqdn: b}\n"), "d.yaml")
	if err == nil || !strings.Contains(err.Error(), "d.yaml:2:") || !strings.Contains(err.Error(), "d.yaml:3:") {
		t.Fatalf("want both problems, got %v", err)
	}
}

func TestAddressTarget(t *testing.T) {
	ctx := Context{Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com"}
	cases := []struct{ in, endpoint, address, sni string }{
		{"fe01.contoso.com", "sip", "fe01.contoso.com:5061", "pool01.contoso.com"},
		{"fe01.contoso.com:443", "web", "fe01.contoso.com:443", "webpool01.contoso.com"},
		{"10.0.0.11:5061", "sip", "10.0.0.11:5061", "pool01.contoso.com"},
		{"[2001:db8::11]:5061", "sip", "[2001:db8::11]:5061", "pool01.contoso.com"},
	}
	for _, tc := range cases {
		got, err := AddressTarget(tc.in, ctx, "")
		if err != nil || got.Endpoint != tc.endpoint || got.Address != tc.address || got.SNI != tc.sni {
			t.Errorf("%s: %+v %v", tc.in, got, err)
		}
	}
	if got, _ := AddressTarget("fe01.contoso.com:5061", Context{}, ""); got.SNI != "fe01.contoso.com" {
		t.Errorf("without a role the SNI is the host: %+v", got)
	}
	if got, _ := AddressTarget("127.0.0.1:5061", Context{}, ""); got.SNI != "" {
		t.Errorf("no SNI for an IP address: %+v", got)
	}
	if _, err := AddressTarget("fe01.contoso.com:http", ctx, ""); err == nil {
		t.Error("a named port is not accepted")
	}
}

func TestCheckFQDNAndWebFarm(t *testing.T) {
	for _, ok := range []string{"se01.contoso.com", "SE01.Contoso.com.", "a-b.c"} {
		if err := CheckFQDN(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "se01", "10.0.0.1", "*.contoso.com", "-a.contoso.com", "a..com", "müller.contoso.com", "a.123"} {
		if CheckFQDN(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for in, want := range map[string]string{"https://WebPool01.contoso.com/": "webpool01.contoso.com", "webpool01.contoso.com": "webpool01.contoso.com", "webpool01.contoso.com:443": "webpool01.contoso.com"} {
		if got, err := WebFarmHost(in); err != nil || got != want {
			t.Errorf("%s: %q %v", in, got, err)
		}
	}
}

// FuzzParse feeds arbitrary bytes to the deployment parser: it must never panic, and every error it returns is a
// FileError (or several joined).
func FuzzParse(f *testing.F) {
	f.Add([]byte(validFile))
	f.Add([]byte("servers:\n  - {name: a, role: nope}\n"))
	f.Add([]byte("servers: [\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(data, "fuzz.yaml")
		if err == nil {
			return
		}
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("error %v is not a FileError", err)
		}
	})
}
