package policy

import (
	"reflect"
	"strings"
	"testing"
)

// targetLine is a target in one line: "SERVER MEMBER ENDPOINT ADDRESS SNI", "-" for an empty member or SNI.
func targetLine(t Target) string {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	return strings.Join([]string{t.Server, dash(t.Member), t.Endpoint, t.Address, dash(t.SNI)}, " ")
}

func targetLines(targets []Target) []string {
	lines := make([]string, 0, len(targets))
	for _, t := range targets {
		lines = append(lines, targetLine(t))
	}
	return lines
}

func TestTargets(t *testing.T) {
	d, err := Load(writeDeployment(t, validFile))
	if err != nil {
		t.Fatal(err)
	}
	all := []string{
		// Standard Edition: sip and web on the server FQDN.
		"se01 - sip se01.contoso.com:5061 se01.contoso.com",
		"se01 - web se01.contoso.com:443 se01.contoso.com",
		// Explicit endpoints replace the defaults: only sip is scanned.
		"se02 - sip 10.0.0.12:5061 se02.contoso.com",
		// Enterprise pool: each member, SNI the pool FQDN (sip) or the web farm (web).
		"pool01 fe01.contoso.com sip fe01.contoso.com:5061 pool01.contoso.com",
		"pool01 fe01.contoso.com web fe01.contoso.com:443 webpool01.contoso.com",
		"pool01 fe02.contoso.com sip [2001:db8::12]:5061 pool01.contoso.com",
		"pool01 fe02.contoso.com web fe02.contoso.com:8443 webpool01.contoso.com",
		"pool01 fe03.contoso.com web 10.0.0.13:443 webpool01.contoso.com",
		// Enterprise pool without a web farm: web SNI the pool FQDN.
		"pool02 fe21.contoso.com sip fe21.contoso.com:5061 pool02.contoso.com",
		"pool02 fe21.contoso.com web fe21.contoso.com:443 pool02.contoso.com",
		// Director: sip only.
		"dir01 - sip dir01.contoso.com:5061 dir01.contoso.com",
		"dir02 - sip dir02:15061 dir02.contoso.com",
		// Director pool: sip on each member, SNI the pool FQDN.
		"dirpool01 dir11.contoso.com sip dir11.contoso.com:5061 dirpool01.contoso.com",
		"dirpool01 dir12.contoso.com sip 10.0.0.22:5061 dirpool01.contoso.com",
	}
	cases := []struct {
		name    string
		servers []string
		want    []string
	}{
		{"all", nil, all},
		{"all, empty filter", []string{}, all},
		{"one pool, any case", []string{"POOL01"}, all[3:8]},
		{"file order, not flag order", []string{"dirpool01", "se01"}, append(append([]string{}, all[0:2]...), all[12:]...)},
		{"each once", []string{"dir01", "DIR01", "dir01"}, all[10:11]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			targets, err := d.Targets(tc.servers)
			if err != nil {
				t.Fatal(err)
			}
			if got := targetLines(targets); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestTargetsContext(t *testing.T) {
	d, err := Load(writeDeployment(t, validFile))
	if err != nil {
		t.Fatal(err)
	}
	targets, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		s, ok := d.Server(tg.Server)
		if !ok {
			t.Fatalf("%s: no such server", targetLine(tg))
		}
		want := d.Context(s)
		want.Member = tg.Member
		want.Certificate = map[string]string{"sip": "default", "web": "web"}[tg.Endpoint]
		if !reflect.DeepEqual(tg.Context, want) {
			t.Errorf("%s: context %+v, want %+v", targetLine(tg), tg.Context, want)
		}
		if err := CheckAddress(tg.Address); err != nil {
			t.Errorf("%s: %v", targetLine(tg), err)
		}
	}
}

func TestTargetsUnknownServer(t *testing.T) {
	d, err := Parse([]byte("servers:\n  - {name: se01, role: standard-edition, fqdn: se01.contoso.com}\n  - {name: dir01, role: director, fqdn: dir01.contoso.com}\n"), "contoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Targets([]string{"se01", "pool01", "fe01"})
	want := `contoso.yaml: no server named "pool01", "fe01"; use one of se01, dir01`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestTargetsBuiltInCode(t *testing.T) {
	// A Deployment built in code, not read from a file: the default product, explicit endpoints taken as they are
	// (an endpoint the role does not have is not scanned).
	d := &Deployment{Servers: []Server{
		{Name: "p", Role: DirectorPool, FQDN: "p.contoso.com", Members: []Member{{FQDN: "m1.contoso.com", Endpoints: Endpoints{"sip": "m1.contoso.com:15061", "web": "m1.contoso.com:443"}}}},
		{Name: "e", Role: EnterprisePool, FQDN: "e.contoso.com"},
	}}
	targets, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := targetLines(targets), []string{"p m1.contoso.com sip m1.contoso.com:15061 p.contoso.com"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAddressTarget(t *testing.T) {
	pool := Context{Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com"}
	director := Context{Role: Director, FQDN: "dir01.contoso.com"}
	cases := []struct {
		name     string
		addr     string
		ctx      Context
		endpoint string
		want     string // targetLine
	}{
		{"name, no port: sip on 5061", "fe01.contoso.com", pool, "", "fe01.contoso.com - sip fe01.contoso.com:5061 pool01.contoso.com"},
		{"port 443: web, SNI the web farm", "fe01.contoso.com:443", pool, "", "fe01.contoso.com - web fe01.contoso.com:443 webpool01.contoso.com"},
		{"other port: sip", "fe01.contoso.com:8443", pool, "", "fe01.contoso.com - sip fe01.contoso.com:8443 pool01.contoso.com"},
		{"web asked, no port: 443", "fe01.contoso.com", pool, WebEndpoint, "fe01.contoso.com - web fe01.contoso.com:443 webpool01.contoso.com"},
		{"web asked on another port", "fe01.contoso.com:4443", pool, WebEndpoint, "fe01.contoso.com - web fe01.contoso.com:4443 webpool01.contoso.com"},
		{"sip asked on 443", "fe01.contoso.com:443", pool, SIPEndpoint, "fe01.contoso.com - sip fe01.contoso.com:443 pool01.contoso.com"},
		{"IPv4 with a role: SNI the role's FQDN", "10.0.0.21", director, "", "10.0.0.21 - sip 10.0.0.21:5061 dir01.contoso.com"},
		{"web without a web farm: SNI the FQDN", "10.0.0.11:443", Context{Role: EnterprisePool, FQDN: "pool01.contoso.com"}, "", "10.0.0.11 - web 10.0.0.11:443 pool01.contoso.com"},
		{"no role: SNI the host, normalized", "FE01.Contoso.com.:5061", Context{}, "", "FE01.Contoso.com. - sip FE01.Contoso.com.:5061 fe01.contoso.com"},
		{"no role, IPv4: no SNI", "127.0.0.1:5061", Context{}, "", "127.0.0.1 - sip 127.0.0.1:5061 -"},
		{"no role, bracketed IPv6 with a port", "[2001:db8::11]:443", Context{}, "", "2001:db8::11 - web [2001:db8::11]:443 -"},
		{"bare IPv6", "2001:db8::11", Context{}, "", "2001:db8::11 - sip [2001:db8::11]:5061 -"},
		{"bracketed IPv6 without a port", "[2001:db8::11]", director, "", "2001:db8::11 - sip [2001:db8::11]:5061 dir01.contoso.com"},
		{"short name", "localhost:5061", Context{}, "", "localhost - sip localhost:5061 localhost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AddressTarget(tc.addr, tc.ctx, tc.endpoint)
			if err != nil {
				t.Fatal(err)
			}
			if targetLine(got) != tc.want {
				t.Fatalf("got  %s\nwant %s", targetLine(got), tc.want)
			}
			want := tc.ctx
			if want.Role != "" {
				want.Certificate = map[string]string{"sip": "default", "web": "web"}[got.Endpoint]
			}
			if !reflect.DeepEqual(got.Context, want) {
				t.Fatalf("context %+v, want %+v", got.Context, tc.ctx)
			}
		})
	}
}

func TestAddressTargetErrors(t *testing.T) {
	cases := []struct{ addr, endpoint, want string }{
		{"fe01.contoso.com:http", "", "the port must be a number from 1 to 65535"},
		{"fe01.contoso.com:0", "", "the port must be a number from 1 to 65535"},
		{"fe01.contoso.com:", "", "ends in a colon without a port"},
		{"", "", "has no host"},
		{":5061", "", "has no host"},
		{"[fe01.contoso.com]:5061", "", "only IPv6 addresses go in brackets"},
		{"fe01.contoso.com:5061:1", "", "is not HOST or HOST:PORT"},
		{"https://fe01.contoso.com/", "", "is a URL; give host:port"},
		{"fe_01.contoso.com", "", `label "fe_01"`},
		{"fe01.contoso.com", "ftp", `unknown endpoint "ftp"; use sip or web`},
	}
	for _, tc := range cases {
		if got, err := AddressTarget(tc.addr, Context{}, tc.endpoint); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("AddressTarget(%q, %q) = %+v, %v; want an error with %q", tc.addr, tc.endpoint, got, err, tc.want)
		}
	}
}

func TestCheckAddress(t *testing.T) {
	for _, ok := range []string{"fe01.contoso.com:5061", "FE01.contoso.com.:443", "10.0.0.11:1", "[2001:db8::11]:65535", "[::ffff:10.0.0.1]:5061", "[fe80::1%eth0]:5061", "localhost:5061", "fe01:5061"} {
		if err := CheckAddress(ok); err != nil {
			t.Errorf("CheckAddress(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"fe01.contoso.com", "fe01.contoso.com:65536", "fe01.contoso.com:-1", "fe01.contoso.com:005061", "2001:db8::11:5061", "[10.0.0.1]:5061", "[fe01.contoso.com]:5061", "12345:5061", "fe01..contoso.com:5061", "*.contoso.com:443", ":443"} {
		if err := CheckAddress(bad); err == nil {
			t.Errorf("CheckAddress(%q) accepted", bad)
		}
	}
}
