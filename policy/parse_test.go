package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// errorCase is a deployment file with one problem. The problem's line is the one marked "#<", else line.
type errorCase struct {
	name string
	file string
	line int
	want string // a fragment of the message
}

// markedLine returns the 1-based line of file that holds the marker "#<", or 0.
func markedLine(file string) int {
	for i, l := range strings.Split(file, "\n") {
		if strings.Contains(l, "#<") {
			return i + 1
		}
	}
	return 0
}

// withServer is a deployment file with one server whose keys are body (indented four spaces).
func withServer(body string) string {
	return "sip_domains: [contoso.com]\nservers:\n  - name: s1\n" + body
}

func runErrorCases(t *testing.T, cases []errorCase) {
	t.Helper()
	dir := testDir(t)
	path := filepath.Join(dir, "deployment.yaml")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			line := tc.line
			if line == 0 {
				line = markedLine(tc.file)
			}
			if line == 0 {
				t.Fatal("the case marks no line")
			}
			d, err := Parse([]byte(tc.file), path)
			if err == nil {
				t.Fatalf("no error; parsed %+v", d)
			}
			if d != nil {
				t.Error("a Deployment as well as an error")
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is not a *FileError", err)
			}
			if fes := FileErrors(err); len(fes) != 1 {
				t.Errorf("want one problem, got %d:\n%v", len(fes), err)
			}
			if fe.Path != path || fe.Line != line || !strings.Contains(fe.Msg, tc.want) {
				t.Fatalf("got %q\nwant line %d and %q", err, line, tc.want)
			}
			if !strings.HasPrefix(err.Error(), fe.Path+":") || !strings.Contains(fe.Msg, "; ") {
				t.Errorf("%q is not FILE:LINE: what is wrong; what to change", err)
			}
		})
	}
}

func TestParseErrorsFile(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"empty file", "", 1, "the deployment file is empty"},
		{"only comments", "# servers come later\n", 1, "the deployment file is empty"},
		{"only a document marker", "---\n", 1, "the deployment file is empty"},
		{"unclosed bracket", "sip_domains: [contoso.com #<\nservers: []\n", 0, "not valid YAML: did not find expected ',' or ']'"},
		{"unclosed quote", "servers:\n  - name: 'se01 #<\n", 0, "not valid YAML"},
		{"tab indentation", "servers:\n\t- name: se01 #<\n", 0, "indent with spaces"},
		{"tab after spaces", "servers:\n  - name: se01\n \t role: director #<\n", 0, "indent with spaces"},
		{"not UTF-8", "servers:\n  - name: se\xff01 #<\n", 0, "not UTF-8 text"},
		{"control character", "servers:\n  - name: se\x0101 #<\n", 0, "control character U+0001"},
		{"two documents", "servers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n---\nservers: [] #<\n", 0, "a second YAML document"},
		{"a list, not a mapping", "- name: se01 #<\n", 0, "the deployment file must be a mapping"},
		{"a scalar, not a mapping", "se01.contoso.com #<\n", 0, "the deployment file must be a mapping"},
		{"no servers key", "sip_domains: [contoso.com] #<\n", 0, "no servers; describe at least one"},
		{"servers empty", "sip_domains: [contoso.com]\nservers: [] #<\n", 0, "no servers"},
		{"servers without value", "sip_domains: [contoso.com]\nservers: #<\n", 0, "servers has no value"},
	})
}

func TestParseErrorsKeys(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"unknown top-level key, a typo", "sip_domain: [contoso.com] #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `unknown key "sip_domain"; did you mean "sip_domains"?`},
		{"unknown top-level key", "dns_servers: [10.0.0.1] #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `unknown key "dns_servers"; use one of sip_domains, automatic_client_configuration, trust`},
		{"unknown server key, transposed", withServer("    role: director\n    fqdn: d.contoso.com\n    fdqn: d.contoso.com #<\n"), 0, `server "s1": unknown key "fdqn"; did you mean "fqdn"?`},
		{"unknown server key, wrong case", withServer("    Role: director #<\n    fqdn: d.contoso.com\n"), 0, `server "s1": unknown key "Role"; did you mean "role"?`},
		{"unknown member key", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: fe01.contoso.com\n        pool: p #<\n"), 0, `server "s1" member fe01.contoso.com: unknown key "pool"; use one of fqdn, endpoints`},
		{"unknown trust key", "trust: {ca_file: [ca.pem]} #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `trust: unknown key "ca_file"; did you mean "ca_files"?`},
		{"unknown endpoint key", withServer("    role: director\n    fqdn: d.contoso.com\n    endpoints:\n      ftp: d.contoso.com:21 #<\n"), 0, `server "s1": endpoints: unknown key "ftp"; use one of sip`},
		{"key twice", withServer("    role: director\n    fqdn: d.contoso.com\n    fqdn: e.contoso.com #<\n"), 0, `key "fqdn" appears twice (first on line 5)`},
		{"merge key", "servers:\n  - &b {name: d1, role: director, fqdn: d1.contoso.com}\n  - <<: *b #<\n    name: d2\n    role: director\n    fqdn: d2.contoso.com\n", 0, `server "d2": merge keys (<<) are not supported; write the keys out`},
		{"alias", "sip_domains: &d [contoso.com]\nservers:\n  - name: d\n    role: director\n    fqdn: *d #<\n", 0, "is an alias (*d); write the value out"},
		{"a value left empty", withServer("    role: director\n    fqdn: #<\n"), 0, `server "s1": fqdn has no value; give one, or remove the key`},
		{"a value left null", withServer("    role: ~ #<\n    fqdn: d.contoso.com\n"), 0, `server "s1": role has no value`},
	})
}

func TestParseErrorsTypes(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"sip_domains not a list", "sip_domains: contoso.com #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `sip_domains must be a list, not "contoso.com"; write [contoso.com]`},
		{"servers a mapping", "servers: #<\n  name: d\n  role: director\n  fqdn: d.contoso.com\n", 0, "servers must be a list, not a mapping"},
		{"server a string", "servers:\n  - se01.contoso.com #<\n", 0, `server #1 must be a mapping of key: value lines, not "se01.contoso.com"`},
		{"name a list", withServer("    role: director\n    fqdn: [d.contoso.com] #<\n"), 0, `server "s1": fqdn is a list; give a single value`},
		{"boolean not true or false", "sip_domains: [contoso.com]\nautomatic_client_configuration: sometimes #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `automatic_client_configuration is "sometimes"; write true or false`},
		{"client_logon not true or false", withServer("    role: director\n    fqdn: d.contoso.com\n    client_logon: 1 #<\n"), 0, `server "s1": client_logon is "1"; write true or false`},
		{"days not a number", "expiry_warning_days: thirty #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `expiry_warning_days is "thirty"; give a whole number of days from 0 to 3650`},
		{"days a fraction", "expiry_critical_days: 7.5 #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, "give a whole number of days"},
		{"trust a list", "trust: [ca.pem] #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, "trust must be a mapping"},
		{"ca_files a string", "trust: {ca_files: ca.pem} #<\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n", 0, `trust: ca_files must be a list, not "ca.pem"; write [ca.pem]`},
		{"members a string", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members: fe01.contoso.com #<\n"), 0, `server "s1": members must be a list`},
		{"member a string", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - fe01.contoso.com #<\n"), 0, "a member is a mapping; write - fqdn: fe01.contoso.com"},
		{"endpoints a list", withServer("    role: director\n    fqdn: d.contoso.com\n    endpoints: [d.contoso.com:5061] #<\n"), 0, `server "s1": endpoints must be a mapping`},
		{"endpoint a list", withServer("    role: director\n    fqdn: d.contoso.com\n    endpoints: {sip: [a, b]} #<\n"), 0, `server "s1": sip endpoint is a list; give a single value`},
	})
}

func TestParseErrorsServers(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"missing name", "servers:\n  - role: director #<\n    fqdn: d.contoso.com\n", 0, "server #1 has no name; add name:"},
		{"empty name", "servers:\n  - name: '' #<\n    role: director\n    fqdn: d.contoso.com\n", 0, "server #1: name is empty"},
		{"missing role", "servers:\n  - name: d #<\n    fqdn: d.contoso.com\n", 0, `server "d" has no role; add role: (one of standard-edition, enterprise-pool, director, director-pool, edge, edge-array, cwa, mediation-server, media-gateway, reverse-proxy)`},
		{"unknown role", "servers:\n  - name: pool01\n    role: enterprise #<\n    fqdn: pool01.contoso.com\n    members: [{fqdn: fe01.contoso.com}]\n", 0, `server "pool01": unknown role "enterprise"; use one of standard-edition, enterprise-pool, director, director-pool`},
		{"missing fqdn", "servers:\n  - name: pool01 #<\n    role: enterprise-pool\n    members: [{fqdn: fe01.contoso.com}]\n", 0, `server "pool01" has no fqdn; add fqdn: (the pool's FQDN)`},
		{"empty fqdn", withServer("    role: director\n    fqdn: \"\" #<\n"), 0, `server "s1": fqdn is empty; give the Director's FQDN`},
		{"short fqdn", withServer("    role: director\n    fqdn: dir01 #<\n"), 0, `server "s1": fqdn "dir01" is a short (NetBIOS-style) name; use the fully qualified name`},
		{"underscore in fqdn", withServer("    role: director\n    fqdn: dir_01.contoso.com #<\n"), 0, "only letters, digits and hyphens are allowed"},
		{"IP address as fqdn", withServer("    role: director\n    fqdn: 10.0.0.21 #<\n"), 0, "is an IP address, not a DNS name"},
		{"wildcard fqdn", withServer("    role: standard-edition\n    fqdn: '*.contoso.com' #<\n"), 0, `label "*"`},
		{"duplicate server name", "servers:\n  - {name: dir01, role: director, fqdn: a.contoso.com}\n  - {name: DIR01, role: director, fqdn: b.contoso.com} #<\n", 0, `server "DIR01" is described twice (first on line 2); give each server a unique name`},
		{"client_logon on a Standard Edition server", withServer("    role: standard-edition\n    fqdn: s.contoso.com\n    client_logon: true #<\n"), 0, "client_logon applies to a director or director-pool only; remove it"},
		{"client_logon on an enterprise pool", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    client_logon: false #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, "client_logon applies to a director or director-pool only"},
	})
}

func TestParseErrorsPools(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"invalid web farm", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    web_farm: https://webpool01/ #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, `web farm "https://webpool01/": "webpool01" is a short (NetBIOS-style) name`},
		{"empty web farm", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    web_farm: '' #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, "web_farm is empty; give the internal web farm FQDN or URL"},
		{"web farm on a Director", withServer("    role: director\n    fqdn: d.contoso.com\n    web_farm: w.contoso.com #<\n"), 0, "web_farm applies to an enterprise-pool only; remove it"},
		{"web farm on a Standard Edition server", withServer("    role: standard-edition\n    fqdn: s.contoso.com\n    web_farm: w.contoso.com #<\n"), 0, "web_farm applies to an enterprise-pool only"},
		{"web farm on a Director pool", withServer("    role: director-pool\n    fqdn: d.contoso.com\n    web_farm: w.contoso.com #<\n    members: [{fqdn: dir11.contoso.com}]\n"), 0, "web_farm applies to an enterprise-pool only"},
		{"enterprise pool without members", "servers:\n  - name: pool01 #<\n    role: enterprise-pool\n    fqdn: pool01.contoso.com\n", 0, `server "pool01": a pool needs members; list each front end server's FQDN under members:`},
		{"director pool without members", "servers:\n  - name: dp #<\n    role: director-pool\n    fqdn: dp.contoso.com\n", 0, "a pool needs members; list each Director's FQDN"},
		{"empty members", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members: [] #<\n"), 0, "a pool needs members"},
		{"members under a Standard Edition server", withServer("    role: standard-edition\n    fqdn: s.contoso.com\n    members: #<\n      - fqdn: a.contoso.com\n"), 0, "members apply to a pool role only (enterprise-pool, director-pool, edge-array); a standard-edition is one server"},
		{"members under a Director", withServer("    role: director\n    fqdn: d.contoso.com\n    members: [{fqdn: a.contoso.com}] #<\n"), 0, "members apply to a pool role only (enterprise-pool, director-pool, edge-array)"},
		{"member without fqdn", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - endpoints: {sip: '10.0.0.11:5061'} #<\n"), 0, `server "s1" member #1 has no fqdn; add fqdn: (the member server's own FQDN`},
		{"member with a short fqdn", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: fe01 #<\n"), 0, `server "s1" member fe01: fqdn "fe01" is a short (NetBIOS-style) name`},
		{"duplicate member", withServer("    role: director-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: a.contoso.com\n      - fqdn: A.contoso.com. #<\n"), 0, "member a.contoso.com is listed twice (first on line 7); list each member once"},
		{"member is the pool", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: P.contoso.com #<\n"), 0, "member p.contoso.com is the pool's own FQDN; give the member server's own FQDN"},
	})
}

func TestParseErrorsEndpoints(t *testing.T) {
	director := func(endpoints string) string {
		return withServer("    role: director\n    fqdn: d.contoso.com\n    endpoints: " + endpoints + " #<\n")
	}
	runErrorCases(t, []errorCase{
		{"no port", director(`{sip: d.contoso.com}`), 0, `server "s1": sip endpoint: address "d.contoso.com" is not host:port; write e.g. fe01.contoso.com:5061`},
		{"port 0", director(`{sip: "d.contoso.com:0"}`), 0, "the port must be a number from 1 to 65535"},
		{"port too large", director(`{sip: "d.contoso.com:65536"}`), 0, "the port must be a number from 1 to 65535"},
		{"named port", director(`{sip: "d.contoso.com:sip"}`), 0, "the port must be a number from 1 to 65535"},
		{"signed port", director(`{sip: "d.contoso.com:+5061"}`), 0, "the port must be a number from 1 to 65535"},
		{"no host", director(`{sip: ":5061"}`), 0, `address ":5061" has no host`},
		{"IPv6 without brackets", director(`{sip: "2001:db8::11:5061"}`), 0, "is not host:port"},
		{"brackets around a name", director(`{sip: "[d.contoso.com]:5061"}`), 0, "only IPv6 addresses go in brackets"},
		{"brackets around IPv4", director(`{sip: "[10.0.0.21]:5061"}`), 0, "only IPv6 addresses go in brackets"},
		{"a bad host name", director(`{sip: "d_1.contoso.com:5061"}`), 0, `label "d_1"`},
		{"a bad short host name", director(`{sip: "d 1:5061"}`), 0, "is not a host name or an IP address"},
		{"a URL", director(`{sip: "https://d.contoso.com/"}`), 0, "is a URL; give host:port"},
		{"web endpoint on a Director", director(`{sip: "d.contoso.com:5061", web: "d.contoso.com:443"}`), 0, `server "s1": a Director has no web endpoint; remove it`},
		{"web endpoint on a Director pool member", withServer("    role: director-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: dir11.contoso.com\n        endpoints: {web: '10.0.0.21:443'} #<\n"), 0, `server "s1" member dir11.contoso.com: a Director pool has no web endpoint`},
		{"a bad member endpoint", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    members:\n      - fqdn: fe01.contoso.com\n        endpoints: {web: '10.0.0.11:99999'} #<\n"), 0, `server "s1" member fe01.contoso.com: web endpoint: address "10.0.0.11:99999"`},
		{"endpoints on a pool", withServer("    role: enterprise-pool\n    fqdn: p.contoso.com\n    endpoints: {sip: 'p.contoso.com:5061'} #<\n    members: [{fqdn: fe01.contoso.com}]\n"), 0, "a pool's endpoints belong to its members; move endpoints: under each member"},
		{"empty endpoints", director(`{}`), 0, "endpoints is empty; give sip addresses"},
	})
}

func TestParseErrorsDomainsTrustExpiry(t *testing.T) {
	director := "servers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n"
	runErrorCases(t, []errorCase{
		{"short SIP domain", "sip_domains:\n  - contoso.com\n  - fabrikam #<\n" + director, 0, `SIP domain "fabrikam" is not a DNS domain; give the part after @ in users' SIP addresses`},
		{"SIP domain with an underscore", "sip_domains: [con_toso.com] #<\n" + director, 0, `SIP domain "con_toso.com": label "con_toso" holds '_'; only letters, digits and hyphens are allowed`},
		{"SIP domain an IP address", "sip_domains: [10.0.0.1] #<\n" + director, 0, `SIP domain "10.0.0.1" is an IP address`},
		{"SIP address for a SIP domain", "sip_domains: [alice@contoso.com] #<\n" + director, 0, `SIP domain "alice@contoso.com" is a SIP address; give the part after @, e.g. contoso.com`},
		{"empty SIP domain", "sip_domains: [''] #<\n" + director, 0, "a SIP domain is empty"},
		{"duplicate SIP domain", "sip_domains:\n  - contoso.com\n  - Contoso.com. #<\n" + director, 0, "SIP domain contoso.com is listed twice (first on line 2); list it once"},
		{"empty sip_domains", "sip_domains: [] #<\n" + director, 0, "sip_domains is empty"},
		{"automatic client configuration without SIP domains", "automatic_client_configuration: true #<\n" + director, 0, "automatic_client_configuration is on but there are no sip_domains"},
		{"negative warning days", "expiry_warning_days: -1 #<\n" + director, 0, `expiry_warning_days is "-1"; give a whole number of days from 0 to 3650`},
		{"negative critical days", "expiry_critical_days: -7 #<\n" + director, 0, "give a whole number of days"},
		{"too many days", "expiry_warning_days: 100000 #<\n" + director, 0, "from 0 to 3650"},
		{"critical before warning", "expiry_warning_days: 7\nexpiry_critical_days: 30 #<\n" + director, 0, "expiry_critical_days (30) is more than expiry_warning_days (7)"},
		{"missing CA file", "trust:\n  ca_files:\n    - ca.pem\n    - missing.pem #<\n" + director, 0, "missing.pem: no such file or directory; give a PEM file holding your CA certificates"},
		{"CA file is a folder", "trust:\n  ca_files:\n    - pki #<\n" + director, 0, "is a folder, not a file"},
		{"empty CA file name", "trust: {ca_files: [ca.pem, '']} #<\n" + director, 0, "a CA file name is empty"},
		{"trust without ca_files", "trust: {} #<\n" + director, 0, "trust has no ca_files"},
	})
}

// TestParseErrorCA checks that a missing CA file's error unwraps to the file system's.
func TestParseErrorCA(t *testing.T) {
	_, err := Parse([]byte("trust: {ca_files: [missing.pem]}\nservers: [{name: d, role: director, fqdn: d.contoso.com}]\n"), filepath.Join(t.TempDir(), "d.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%v does not unwrap to os.ErrNotExist", err)
	}
}

func TestParseReportsEveryProblemInLineOrder(t *testing.T) {
	file := `sip_domains: [contoso]
servers:
  - {name: a, role: nope, fqdn: a.contoso.com}
  - name: b
    role: director
    fqdn: b
    fdqn: b.contoso.com
  - {name: a, role: director, fqdn: c.contoso.com}
expiry_warning_days: -3
`
	_, err := Parse([]byte(file), "d.yaml")
	fes := FileErrors(err)
	var lines []int
	for _, fe := range fes {
		lines = append(lines, fe.Line)
	}
	if want := []int{1, 3, 6, 7, 8, 9}; !equalInts(lines, want) {
		t.Fatalf("lines %v, want %v:\n%v", lines, want, err)
	}
	if !strings.HasPrefix(err.Error(), "d.yaml:1: SIP domain") || !strings.Contains(err.Error(), "\nd.yaml:3: server \"a\": unknown role") {
		t.Fatalf("got\n%v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseAccepts(t *testing.T) {
	cases := map[string]string{
		"flow style":                "servers: [{name: d, role: director, fqdn: d.contoso.com}]\n",
		"yes and no":                "automatic_client_configuration: no\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com, client_logon: yes}\n",
		"quoted true":               "sip_domains: [contoso.com]\nautomatic_client_configuration: \"true\"\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n",
		"zero days":                 "expiry_warning_days: 0\nexpiry_critical_days: 0\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n",
		"anchors":                   "servers:\n  - &d {name: d, role: director, fqdn: d.contoso.com}\n",
		"CRLF":                      "servers:\r\n  - name: d\r\n    role: director\r\n    fqdn: d.contoso.com\r\n",
		"BOM":                       "\ufeffservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n",
		"UTF-16":                    "\xff\xfes\x00e\x00r\x00v\x00e\x00r\x00s\x00:\x00 \x00[\x00{\x00n\x00a\x00m\x00e\x00:\x00 \x00d\x00,\x00 \x00r\x00o\x00l\x00e\x00:\x00 \x00d\x00i\x00r\x00e\x00c\x00t\x00o\x00r\x00,\x00 \x00f\x00q\x00d\x00n\x00:\x00 \x00d\x00.\x00c\x00o\x00m\x00}\x00]\x00\n\x00",
		"trailing document marker":  "servers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n---\n",
		"web farm as a name":        "servers:\n  - {name: p, role: enterprise-pool, fqdn: p.contoso.com, web_farm: w.contoso.com, members: [{fqdn: fe01.contoso.com}]}\n",
		"IPv6 endpoint with a zone": "servers:\n  - {name: d, role: director, fqdn: d.contoso.com, endpoints: {sip: '[fe80::1%eth0]:5061'}}\n",
		"short endpoint host":       "servers:\n  - {name: d, role: director, fqdn: d.contoso.com, endpoints: {sip: 'localhost.:5061'}}\n",
	}
	for name, file := range cases {
		if _, err := Parse([]byte(file), "d.yaml"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestParseCapsProblems(t *testing.T) {
	file := "servers:\n" + strings.Repeat("  - {name: a, role: director, fqdn: a.contoso.com}\n", maxProblems+11)
	fes := FileErrors(func() error { _, err := Parse([]byte(file), "d.yaml"); return err }())
	if len(fes) != maxProblems+1 {
		t.Fatalf("%d problems, want %d and a summary", len(fes), maxProblems)
	}
	last := fes[len(fes)-1]
	if last.Line != maxProblems+3 || !strings.Contains(last.Msg, "and 10 more problems from here on") {
		t.Fatalf("summary %v", last)
	}
}

func TestLikelyKey(t *testing.T) {
	cases := map[string]string{
		"fqdn": "fqdn", "FQDN": "fqdn", "fdqn": "fqdn", "fqnd": "fqdn", "fqd": "fqdn", "webfarm": "web_farm",
		"web-farm": "web_farm", "member": "members", "names": "name",
		"host": "", "ip": "", "address": "", "x": "", strings.Repeat("fqdn", 100): "",
	}
	for word, want := range cases {
		if got := likelyKey(word, serverKeys()); got != want {
			t.Errorf("likelyKey(%q) = %q, want %q", word, got, want)
		}
	}
	if got := likelyKey("sip_domain", topKeys()); got != "sip_domains" {
		t.Errorf("likelyKey(sip_domain) = %q", got)
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance(kitten, sitting) = %d", d)
	}
	if d := editDistance("ab", "ba"); d != 1 {
		t.Errorf("a transposition costs %d", d)
	}
}

// TestParseExamplesInTheAdministratorsDomain: the examples in a deployment file's messages are built from its own
// SIP domain, not a fixed contoso.com.
func TestParseExamplesInTheAdministratorsDomain(t *testing.T) {
	fabrikam := func(body string) string {
		return "sip_domains: [fabrikam.com]\nservers:\n  - name: s1\n" + body
	}
	runErrorCases(t, []errorCase{
		{"short fqdn", fabrikam("    role: director\n    fqdn: dir01 #<\n"), 0, `"dir01" is a short (NetBIOS-style) name; use the fully qualified name, such as dir01.fabrikam.com`},
		{"pool without members", "sip_domains: [fabrikam.com]\nservers:\n  - name: pool01 #<\n    role: enterprise-pool\n    fqdn: pool01.fabrikam.com\n", 0, "(- fqdn: fe01.fabrikam.com)"},
		{"member without fqdn", fabrikam("    role: enterprise-pool\n    fqdn: p.fabrikam.com\n    members:\n      - endpoints: {sip: '10.0.0.11:5061'} #<\n"), 0, "the member server's own FQDN, e.g. fe01.fabrikam.com"},
		{"empty web farm", fabrikam("    role: enterprise-pool\n    fqdn: p.fabrikam.com\n    web_farm: '' #<\n    members: [{fqdn: fe01.fabrikam.com}]\n"), 0, "https://webpool01.fabrikam.com/"},
	})
	if err := CheckFQDN("se01"); err == nil || !strings.Contains(err.Error(), "se01.<your AD domain>") {
		t.Errorf("no domain known: %v", err)
	}
	if got := ParentDomain("pool01.contoso.com."); got != "contoso.com" {
		t.Errorf("ParentDomain: %q", got)
	}
	if got := ParentDomain("contoso.com"); got != "" {
		t.Errorf("ParentDomain of a two-label name: %q", got)
	}
}
