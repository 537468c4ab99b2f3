package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/dnstest"
	"github.com/uclint/uclint/internal/tlstest"
	"github.com/uclint/uclint/report"
)

// place is a TLS server on 127.0.0.1 presenting a fixture certificate (its chain and key), as the server DNS leads
// clients to. It records the server names clients send.
type place struct {
	addr string
	mu   sync.Mutex
	sni  []string
}

// servePlace serves the fixture certificate name (pki/NAME.pem with keys/NAME.key) on addr until the test ends.
func servePlace(t testing.TB, addr, name string) *place {
	t.Helper()
	pair, err := tls.LoadX509KeyPair(fixture("pki", name+".pem"), fixture("keys", name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p := &place{addr: ln.Addr().String()}
	config := &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS10,
		GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
			p.mu.Lock()
			p.sni = append(p.sni, hello.ServerName)
			p.mu.Unlock()
			return nil, nil
		}}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				_ = tls.Server(conn, config).Handshake()
			})
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return p
}

// port is the place's port.
func (p *place) port() string { return p.addr[strings.LastIndexByte(p.addr, ':')+1:] }

// names returns the server names sent so far.
func (p *place) names() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.sni)
}

// serveZone serves zone-file text on a loopback DNS server until the test ends; "{PORT}" in the text becomes port.
func serveZone(t testing.TB, text, port string) *dnstest.Server {
	t.Helper()
	return dnstest.Serve(t, strings.ReplaceAll(text, "{PORT}", port))
}

// uclintDNS runs uclint dns against a DNS server with the fixtures' CA and date, JSON out, and checks the report
// against the schema.
func uclintDNS(t *testing.T, server string, args ...string) (int, report.Report, string) {
	t.Helper()
	code, out, errOut := uclint(t, append([]string{"dns"}, fixed(append([]string{"--dns-server", server, "--format", "json", "--timeout", "2s"}, args...)...)...)...)
	if code == report.ExitUsage {
		t.Fatalf("usage error: %s", errOut)
	}
	validateReport(t, out)
	return code, decode(t, out), errOut
}

// dnsTarget finds the target of a SIP domain (place "") or of one of its places.
func dnsTarget(t *testing.T, r report.Report, domain, placeName string) report.Target {
	t.Helper()
	for _, tg := range r.Targets {
		if tg.SIPDomain == domain && tg.Place == placeName && (placeName != "" || tg.Endpoint == "dns") {
			return tg
		}
	}
	var have []string
	for _, tg := range r.Targets {
		have = append(have, tg.SIPDomain+" "+tg.Place)
	}
	t.Fatalf("no target for %s %s among %v", domain, placeName, have)
	return report.Target{}
}

// poolZone points contoso.com's sign-in record at the pool, inside the SIP domain.
const poolZone = "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n"

// TestDNSRules runs uclint dns on a zone made for each rule, end to end: a real DNS server and a real TLS server on
// 127.0.0.1, the findings on the SIP domain's target or the place's, the exit code.
func TestDNSRules(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	for _, tc := range []struct {
		name    string
		zone    string
		setup   func(z *dnstest.Zone)
		args    []string
		code    int
		target  string // the place's name:port for the findings; "" the SIP domain's target
		domain  string // default contoso.com
		lints   []string
		absent  []string
		status  report.Status
		errText []string
	}{
		{name: "records right", zone: poolZone, args: []string{"contoso.com"}, code: report.ExitOK, target: "pool01.contoso.com:{PORT}",
			absent: []string{"e_ocs_cert_name_mismatch_srv_target", "n_ocs_dns_srv_target_not_strict_name"}, status: report.Pass},
		{name: "records right: where clients sign in", zone: poolZone, args: []string{"contoso.com"}, code: report.ExitOK,
			lints: []string{"n_ocs_dns_autoconfig_winner", "n_ocs_dns_srv_port_unusual"}, absent: []string{"e_ocs_dns_srv_target_outside_sip_domain"}, status: report.Pass},
		{name: "target outside the SIP domain", domain: "fabrikam.com", args: []string{"fabrikam.com"}, code: report.ExitFailed,
			zone:  "_sipinternaltls._tcp.fabrikam.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n",
			lints: []string{"e_ocs_dns_srv_target_outside_sip_domain"}, status: report.Fail},
		{name: "target deeper than one label", args: []string{"contoso.com"}, code: report.ExitFailed, // pool01 lacks the name too
			zone:  "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.ocs.contoso.com.\npool01.ocs.contoso.com. A 127.0.0.1\n",
			lints: []string{"w_ocs_dns_srv_target_needs_suffix_policy"}, status: report.Warn},
		{name: "CNAME target", args: []string{"contoso.com"}, code: report.ExitFailed,
			zone:  "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} ocs.contoso.com.\nocs.contoso.com. CNAME pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n",
			lints: []string{"w_ocs_dns_srv_target_is_cname"}, status: report.Warn},
		{name: "CNAME target: the certificate needs the name looked up, not the alias's", args: []string{"contoso.com"}, code: report.ExitFailed,
			zone:   "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} ocs.contoso.com.\nocs.contoso.com. CNAME pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n",
			target: "ocs.contoso.com:{PORT}", lints: []string{"e_ocs_cert_name_mismatch_srv_target"}, status: report.Fail},
		{name: "certificate at an SRV target lacking its name", args: []string{"contoso.com"}, code: report.ExitFailed,
			zone:   "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} se01.contoso.com.\nse01.contoso.com. A 127.0.0.1\n",
			target: "se01.contoso.com:{PORT}", lints: []string{"e_ocs_cert_name_mismatch_srv_target"}, status: report.Fail},
		{name: "two pools designated", args: []string{"contoso.com"}, code: report.ExitFailed,
			zone:  poolZone + "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} se01.contoso.com.\nse01.contoso.com. A 127.0.0.1\n",
			lints: []string{"w_ocs_dns_multiple_autoconfig_srv"}, status: report.Warn},
		{name: "TCP sign-in offered", args: []string{"contoso.com"}, code: report.ExitOK,
			zone:  poolZone + "_sipinternal._tcp.contoso.com. SRV 0 0 5060 pool01.contoso.com.\n",
			lints: []string{"n_ocs_dns_tcp_autoconfig_present"}, status: report.Pass},
		{name: "federation target outside the domain", args: []string{"contoso.com"}, code: report.ExitFailed,
			zone:  poolZone + "_sipfederationtls._tcp.contoso.com. SRV 0 0 {PORT} pool01.fabrikam.com.\npool01.fabrikam.com. A 127.0.0.1\n",
			lints: []string{"e_ocs_dns_federation_target_outside_domain"}, status: report.Fail},
		{name: "SERVFAIL", args: []string{"contoso.com"}, code: report.ExitUncheckable, zone: poolZone,
			setup:   func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.ServFail) },
			status:  report.Error,
			errText: []string{"SRV _sipinternaltls._tcp.contoso.com", "DNS server 127.0.0.1:", "answered SERVFAIL"}},
		{name: "REFUSED", args: []string{"contoso.com"}, code: report.ExitUncheckable, zone: poolZone,
			setup:   func(z *dnstest.Zone) { z.Misbehave("sip.contoso.com", dnstest.Refused) },
			status:  report.Error,
			errText: []string{"sip.contoso.com", "refused the query (REFUSED)"}},
		{name: "NXDOMAIN with automatic sign-in", args: []string{"contoso.com", "--auto-config"}, code: report.ExitFailed, zone: "",
			lints: []string{"e_ocs_dns_no_autoconfig_record"}, status: report.Fail},
		{name: "NXDOMAIN without automatic sign-in", args: []string{"contoso.com"}, code: report.ExitOK, zone: "",
			absent: []string{"e_ocs_dns_no_autoconfig_record", "n_ocs_dns_autoconfig_winner"}, status: report.Pass},
		{name: "SRV target that does not exist", args: []string{"contoso.com"}, code: report.ExitUncheckable,
			zone:   "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool02.contoso.com.\n",
			target: "pool02.contoso.com:{PORT}", status: report.Error,
			errText: []string{"pool02.contoso.com:", "not dialled", "_sipinternaltls._tcp.contoso.com points at pool02.contoso.com, which does not exist at DNS server 127.0.0.1:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := serveZone(t, tc.zone, pool.port())
			if tc.setup != nil {
				tc.setup(s.Zone())
			}
			code, r, _ := uclintDNS(t, s.Addr(), tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			domain := tc.domain
			if domain == "" {
				domain = "contoso.com"
			}
			tg := dnsTarget(t, r, domain, strings.ReplaceAll(tc.target, "{PORT}", pool.port()))
			if tg.Status != tc.status {
				t.Errorf("status %s, want %s: %s %v", tg.Status, tc.status, tg.Error, lintIDs(tg))
			}
			for _, l := range tc.lints {
				if !hasLint(tg, l) {
					t.Errorf("%s missing: %v", l, lintIDs(tg))
				}
			}
			for _, l := range tc.absent {
				if hasLint(tg, l) {
					t.Errorf("%s found: %v", l, lintIDs(tg))
				}
			}
			for _, e := range tc.errText {
				if !strings.Contains(tg.Error, e) {
					t.Errorf("error %q lacks %q", tg.Error, e)
				}
			}
			if tc.target != "" && tg.Error == "" && (tg.Certificate == nil || tg.TLS == nil || tg.DNS == nil || tg.Address != pool.addr) {
				t.Errorf("place: %+v", tg)
			}
		})
	}
}

// TestDNSPlaceSendsTheNameLookedUp: a place is dialled at the address DNS gave with the name the client looked up
// as the TLS server name (the SRV target, not its alias); --sni none sends none, as for any endpoint.
func TestDNSPlaceSendsTheNameLookedUp(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	s := serveZone(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} ocs.contoso.com.\nocs.contoso.com. CNAME pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n", pool.port())
	uclintDNS(t, s.Addr(), "contoso.com")
	if got := pool.names(); !slices.Equal(got, []string{"ocs.contoso.com"}) {
		t.Fatalf("server names sent: %q", got)
	}
	uclintDNS(t, s.Addr(), "contoso.com", "--sni", "none")
	if got := pool.names(); !slices.Equal(got, []string{"ocs.contoso.com", ""}) {
		t.Fatalf("server names sent with --sni none: %q", got)
	}
	_, r, _ := uclintDNS(t, s.Addr(), "contoso.com", "--sni", "both")
	if got := pool.names(); len(got) != 4 {
		t.Fatalf("--sni both dials twice: %q", got)
	}
	if tg := dnsTarget(t, r, "contoso.com", "ocs.contoso.com:"+pool.port()); tg.Status == report.Error {
		t.Fatalf("--sni both: %s", tg.Error)
	}
}

// TestDNSFallbackName: a fallback name resolves and the certificate on its port 5061 lacks it. The place needs
// port 5061, so the test serves it on another loopback address (127.0.0.0/8 is loopback on Linux and Windows).
func TestDNSFallbackName(t *testing.T) {
	ip := "127.0.53.61"
	ln, err := net.Listen("tcp", ip+":5061")
	if err != nil {
		t.Skipf("cannot listen on %s:5061 (not every system routes all of 127.0.0.0/8 to loopback): %v", ip, err)
	}
	_ = ln.Close()
	se01 := servePlace(t, ip+":5061", "se01")
	s := serveZone(t, "sipinternal.contoso.com. A "+ip+"\n", "")
	code, r, _ := uclintDNS(t, s.Addr(), "contoso.com", "--auto-config")
	if code != report.ExitFailed {
		t.Errorf("exit %d", code)
	}
	tg := dnsTarget(t, r, "contoso.com", "sipinternal.contoso.com:5061")
	if tg.Status != report.Fail || !hasLint(tg, "e_ocs_cert_name_mismatch_fallback_host") || tg.Address != se01.addr || tg.DNS.Optional {
		t.Fatalf("fallback place: %s %s %v %+v", tg.Status, tg.Error, lintIDs(tg), tg.DNS)
	}
	if got := se01.names(); !slices.Contains(got, "sipinternal.contoso.com") {
		t.Errorf("server names sent: %q", got)
	}
	if d := dnsTarget(t, r, "contoso.com", ""); hasLint(d, "e_ocs_dns_no_autoconfig_record") || !strings.Contains(d.DNS.Communicator, "sipinternal.contoso.com:5061") {
		t.Errorf("the fallback name is where clients sign in: %v %+v", lintIDs(d), d.DNS)
	}
	// Port 443 is for Communicator Phone Edition only: nothing answering there is normal, and not reported.
	for _, tg := range r.Targets {
		if tg.Place == "sipinternal.contoso.com:443" && tg.Status == report.Error {
			t.Errorf("an optional place that does not answer is reported: %+v", tg)
		}
	}
}

// TestDNSResolverDoesNotAnswer: a DNS server that never answers costs the timeout, once for twenty SIP domains:
// each SIP domain's target is an error naming the record and the server.
func TestDNSResolverDoesNotAnswer(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	go func() {
		buf := make([]byte, 2048)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	domains := []string{"contoso.com", "fabrikam.com"}
	for i := range 18 {
		domains = append(domains, fmt.Sprintf("sipdomain%02d.com", i))
	}
	start := time.Now()
	code, out, errOut := uclint(t, append([]string{"dns", "--dns-server", pc.LocalAddr().String(), "--format", "json", "--timeout", "1s"}, domains...)...)
	elapsed := time.Since(start)
	if code != report.ExitUncheckable {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if elapsed > 2500*time.Millisecond {
		t.Errorf("took %s with --timeout 1s", elapsed)
	}
	validateReport(t, out)
	r := decode(t, out)
	if len(r.Targets) != len(domains) {
		t.Fatalf("%d targets", len(r.Targets))
	}
	for _, tg := range r.Targets {
		if tg.Status != report.Error || !strings.Contains(tg.Error, "SRV _sipinternaltls._tcp."+tg.SIPDomain) ||
			!strings.Contains(tg.Error, "no answer from DNS server "+pc.LocalAddr().String()) {
			t.Errorf("%s: %s", tg.SIPDomain, tg.Error)
		}
	}
	// Nothing listening on the port at all.
	closed := pc.LocalAddr().String()
	_ = pc.Close()
	code, out, _ = uclint(t, "dns", "--dns-server", closed, "--format", "json", "--timeout", "1s", "contoso.com")
	if r := decode(t, out); code != report.ExitUncheckable || !strings.Contains(r.Targets[0].Error, closed) {
		t.Fatalf("exit %d: %s", code, r.Targets[0].Error)
	}
}

// TestDNSHostileAnswers: answers built to stall or crash a client — aliases in a loop, a record pointing at the
// root, a thousand SRV records, truncation, a server that ignores queries for one name, names with spaces and
// control bytes, a SRV target with no address — each end as a finding or a target error within the timeout.
func TestDNSHostileAnswers(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	var b strings.Builder
	b.WriteString("_sipinternaltls._tcp.loop.com. SRV 0 0 {PORT} a.loop.com.\na.loop.com. CNAME b.loop.com.\nb.loop.com. CNAME a.loop.com.\n")
	b.WriteString("_sipinternaltls._tcp.root.com. SRV 0 0 0 .\nsip.root.com. CNAME .\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "_sipinternaltls._tcp.many.com. SRV 0 %d {PORT} fe%d.many.com.\nfe%d.many.com. A 127.0.0.1\n", i, i, i)
	}
	b.WriteString("_sipinternaltls._tcp.trunc.com. SRV 0 0 {PORT} pool01.trunc.com.\npool01.trunc.com. A 127.0.0.1\n")
	b.WriteString("_sipinternaltls._tcp.silent.com. SRV 0 0 {PORT} pool01.silent.com.\npool01.silent.com. A 127.0.0.1\n")
	b.WriteString("_sipinternaltls._tcp.odd.com. SRV 0 0 {PORT} pool\\ \\027[2J\\000.odd.com.\npool\\ \\027[2J\\000.odd.com. A 127.0.0.1\n")
	b.WriteString("_sipinternaltls._tcp.v6.com. SRV 0 0 {PORT} pool01.v6.com.\npool01.v6.com. AAAA ::1\n")
	s := serveZone(t, b.String(), pool.port())
	s.Zone().Misbehave("_sipinternaltls._tcp.trunc.com", dnstest.Truncate)
	s.Zone().Misbehave("_sipinternaltls._tcp.silent.com", dnstest.Silent)
	domains := []string{"loop.com", "root.com", "many.com", "trunc.com", "silent.com", "odd.com", "v6.com"}
	start := time.Now()
	code, out, errOut := uclint(t, append([]string{"dns", "--dns-server", s.Addr(), "--format", "json", "--timeout", "2s",
		"--at", "2026-06-01T00:00:00Z", "--no-system-roots", "--ca-file", fixture("pki", "contoso-ca-bundle.pem")}, domains...)...)
	if elapsed := time.Since(start); elapsed > 6*time.Second {
		t.Errorf("took %s with --timeout 2s (one lookup timeout, then one dial timeout at most)", elapsed)
	}
	if code == report.ExitUsage {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	validateReport(t, out)
	r := decode(t, out)
	for _, d := range domains {
		dnsTarget(t, r, d, "")
	}
	if tg := dnsTarget(t, r, "loop.com", "a.loop.com:"+pool.port()); tg.Status != report.Error || !strings.Contains(tg.Error, "aliases loop") {
		t.Errorf("loop: %s", tg.Error)
	}
	if tg := dnsTarget(t, r, "root.com", ""); tg.Status != report.Error || !strings.Contains(tg.Error, "points at the root") {
		t.Errorf("root: %s %v", tg.Error, lintIDs(tg))
	}
	if tg := dnsTarget(t, r, "many.com", ""); !hasLint(tg, "w_ocs_dns_multiple_autoconfig_srv") || !strings.Contains(tg.Error, "more than 32 targets") ||
		!strings.Contains(tg.Error, "leads to 1000 places: uclint dialled the first 32") || len(tg.Error) > 2000 {
		t.Errorf("many: %s %v", tg.Error, lintIDs(tg))
	}
	places := 0
	for _, tg := range r.Targets {
		if tg.SIPDomain == "many.com" && tg.Place != "" {
			places++
			if tg.Error != "" {
				t.Errorf("%s: %s", tg.Place, tg.Error)
			}
		}
	}
	if places != 32 {
		t.Errorf("many.com: %d places, want the 32 resolved", places)
	}
	if tg := dnsTarget(t, r, "trunc.com", "pool01.trunc.com:"+pool.port()); tg.Status == report.Error {
		t.Errorf("truncated over UDP, whole over TCP: %s", tg.Error)
	}
	if tg := dnsTarget(t, r, "silent.com", ""); tg.Status != report.Error || !strings.Contains(tg.Error, "no answer from DNS server") {
		t.Errorf("silent: %s", tg.Error)
	}
	var odd report.Target
	for _, tg := range r.Targets {
		if tg.SIPDomain == "odd.com" && tg.Place != "" {
			odd = tg
		}
	}
	if !hasLint(odd, "e_ocs_cert_name_mismatch_srv_target") || strings.ContainsAny(odd.Place, "\x00\x1b") {
		t.Errorf("a name with a space and escape bytes matches no certificate and is written escaped: %q %s %v", odd.Place, odd.Error, lintIDs(odd))
	}
	if got := pool.names(); slices.ContainsFunc(got, func(n string) bool { return strings.Contains(n, "odd") }) {
		t.Errorf("a name no TLS server name can carry was sent: %q", got)
	}
	if tg := dnsTarget(t, r, "v6.com", "pool01.v6.com:"+pool.port()); !strings.HasPrefix(tg.Address, "[::1]:") {
		t.Errorf("IPv6 place dialled at %q", tg.Address)
	}
	// The table shows the names with their escapes, never raw control bytes.
	_, table, _ := uclint(t, "dns", "--dns-server", s.Addr(), "--timeout", "2s", "odd.com")
	if strings.ContainsAny(table, "\x1b\x00") || !strings.Contains(table, `\027[2J\000.odd.com`) {
		t.Errorf("table:\n%q", table)
	}
}

// writeDeployment writes a deployment file: one Enterprise pool pool01.contoso.com whose member fe01 presents
// its certificate at memberAddr, the SIP domains given and automatic configuration as said.
func writeDeployment(t *testing.T, memberAddr string, autoConfig bool, domains ...string) string {
	t.Helper()
	yaml := fmt.Sprintf("sip_domains: [%s]\nautomatic_client_configuration: %v\ntrust: {ca_files: [%q]}\nservers:\n"+
		"  - name: pool01\n    role: enterprise-pool\n    fqdn: pool01.contoso.com\n    web_farm: webpool01.contoso.com\n    members:\n"+
		"      - fqdn: fe01.contoso.com\n        endpoints: {sip: %q}\n",
		strings.Join(domains, ", "), autoConfig, absFixture(t, "pki", "contoso-ca-bundle.pem"), memberAddr)
	path := filepath.Join(t.TempDir(), "contoso.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// absFixture is the absolute path of a fixture, for a deployment file written elsewhere.
func absFixture(t testing.TB, elem ...string) string {
	t.Helper()
	path, err := filepath.Abs(fixture(elem...))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDNSClientsFlag: --clients applies to the servers of the deployment file wherever they are judged, at the
// places DNS leads to as at their scan targets: Windows XP SP2 clients make pool01's SHA-256 certificate a
// warning at its place.
func TestDNSClientsFlag(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	config := writeDeployment(t, pool.addr, true, "contoso.com")
	s := serveZone(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n", pool.port())
	at := "pool01.contoso.com:" + pool.port()
	for _, tc := range []struct {
		clients string
		want    bool
	}{{"xp-sp2", true}, {"xp-sp3", false}} {
		_, r, _ := uclintDNS(t, s.Addr(), "--config", config, "--clients", tc.clients)
		if tg := dnsTarget(t, r, "contoso.com", at); tg.Server != "pool01" || hasLint(tg, "w_ocs_sha2_legacy_windows") != tc.want {
			t.Errorf("--clients %s: server %q, %v", tc.clients, tg.Server, lintIDs(tg))
		}
		_, scan, _ := uclint(t, append([]string{"scan"}, fixed("--config", config, "--dns", "--dns-server", s.Addr(), "--format", "json", "--timeout", "2s",
			"--clients", tc.clients)...)...)
		r = decode(t, scan)
		if tg := dnsTarget(t, r, "contoso.com", at); hasLint(tg, "w_ocs_sha2_legacy_windows") != tc.want {
			t.Errorf("scan --dns --clients %s: %v", tc.clients, lintIDs(tg))
		}
	}
}

// TestDNSWithDeployment: where the deployment file says which server lives at a place (its FQDN, a member's
// FQDN, an endpoint address), the server's role rules run there, with the SIP domains DNS leads to it; a SIP
// domain with sign-in records that the file does not list is a warning.
func TestDNSWithDeployment(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01-missing-sip-fabrikam")
	config := writeDeployment(t, pool.addr, false, "contoso.com")
	zone := "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n" +
		"_sipinternaltls._tcp.fabrikam.com. SRV 0 0 {PORT} pool01.contoso.com.\n" +
		"_sip._tls.contoso.com. SRV 0 0 {PORT} fe01.contoso.com.\nfe01.contoso.com. A 127.0.0.1\n" +
		"_sipfederationtls._tcp.contoso.com. SRV 0 0 {PORT} edge.contoso.com.\nedge.contoso.com. A 127.0.0.1\n"
	s := serveZone(t, zone, pool.port())
	code, r, _ := uclintDNS(t, s.Addr(), "--config", config, "fabrikam.com")
	if code != report.ExitFailed {
		t.Errorf("exit %d", code)
	}
	at := "pool01.contoso.com:" + pool.port()
	for _, d := range []string{"contoso.com", "fabrikam.com"} {
		tg := dnsTarget(t, r, d, at)
		if tg.Server != "pool01" || tg.Member != "" || tg.Role != "enterprise-pool" || tg.Endpoint != "sip" || tg.Kind != "default" {
			t.Errorf("%s: the pool FQDN is pool01's: %+v", d, tg)
		}
		// The file lists one SIP domain and no automatic configuration, yet DNS leads fabrikam.com's clients here.
		if !hasLint(tg, "e_ocs_san_missing_sip_domain") {
			t.Errorf("%s: the SIP domains found in DNS count: %v", d, lintIDs(tg))
		}
	}
	if tg := dnsTarget(t, r, "fabrikam.com", ""); !hasLint(tg, "w_ocs_dns_sip_domain_not_in_deployment") || !hasLint(tg, "e_ocs_dns_srv_target_outside_sip_domain") {
		t.Errorf("fabrikam.com: %v", lintIDs(tg))
	}
	if tg := dnsTarget(t, r, "contoso.com", ""); hasLint(tg, "w_ocs_dns_sip_domain_not_in_deployment") {
		t.Errorf("contoso.com is listed: %v", lintIDs(tg))
	}
	if tg := dnsTarget(t, r, "contoso.com", "fe01.contoso.com:"+pool.port()); tg.Server != "pool01" || tg.Member != "fe01.contoso.com" || tg.Role != "enterprise-pool" {
		t.Errorf("a member's FQDN is the member's: %+v", tg)
	}
	// edge.contoso.com is no name of the file, but its address and port are fe01's sip endpoint.
	if tg := dnsTarget(t, r, "contoso.com", "edge.contoso.com:"+pool.port()); tg.Server != "pool01" || tg.Member != "fe01.contoso.com" || tg.Endpoint != "sip" {
		t.Errorf("an endpoint address is its server's: %+v", tg)
	}
	// Without the DNS audit the same certificate passes: the file alone names one SIP domain.
	code, out, errOut := uclint(t, "scan", "--config", config, "--format", "json", "--at", "2026-06-01T00:00:00Z", "--no-system-roots")
	if code != report.ExitOK {
		t.Fatalf("scan without --dns: exit %d\n%s\n%s", code, out, errOut)
	}
	if fe01 := findTarget(t, decode(t, out), "pool01", "fe01.contoso.com", "sip"); hasLint(fe01, "e_ocs_san_missing_sip_domain") {
		t.Errorf("scan: %v", lintIDs(fe01))
	}
}

// TestScanDNS: scan --dns adds the DNS audit of the deployment's SIP domains to the scan, in one report; the scan
// targets of a server DNS leads to are judged with the SIP domains found there.
func TestScanDNS(t *testing.T) {
	d, config := startSim(t)
	s, err := d.StartDNS()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	code, out, errOut := uclint(t, "scan", "--config", config, "--dns", "--dns-server", s.Addr(), "--format", "json", "--no-system-roots")
	if code != report.ExitFailed {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	validateReport(t, out)
	r := decode(t, out)
	if r.Summary.Targets != 18+4 {
		t.Fatalf("18 scan targets (OCS, its Edge Server and CWA, and the Lync pool), 2 SIP domains and their places: %+v", r.Summary)
	}
	findTarget(t, r, "se01", "", "sip")
	if tg := dnsTarget(t, r, "fabrikam.com", ""); tg.Status != report.Fail || !hasLint(tg, "e_ocs_dns_srv_target_outside_sip_domain") {
		t.Errorf("fabrikam.com: %v", lintIDs(tg))
	}
	var places int
	for _, tg := range r.Targets {
		if tg.Place != "" {
			places++
			if tg.Server != "pool01" || tg.Role != "enterprise-pool" || tg.Status != report.Pass {
				t.Errorf("%s %s: %+v", tg.SIPDomain, tg.Place, tg)
			}
		}
	}
	if places != 2 {
		t.Errorf("%d places", places)
	}
}

// TestDNSUncheckedSIPDomain: the pool certificate names sip.fabrikam.com; looking up contoso.com alone says
// fabrikam.com went unchecked, and looking up both does not.
func TestDNSUncheckedSIPDomain(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	s := serveZone(t, poolZone, pool.port())
	_, r, _ := uclintDNS(t, s.Addr(), "contoso.com")
	if tg := dnsTarget(t, r, "contoso.com", "pool01.contoso.com:"+pool.port()); !hasLint(tg, "n_ocs_dns_certificate_sip_domain_unchecked") {
		t.Errorf("contoso.com alone: %v", lintIDs(tg))
	}
	_, r, _ = uclintDNS(t, s.Addr(), "contoso.com", "--sip-domain", "fabrikam.com")
	if tg := dnsTarget(t, r, "contoso.com", "pool01.contoso.com:"+pool.port()); hasLint(tg, "n_ocs_dns_certificate_sip_domain_unchecked") {
		t.Errorf("both looked up: %v", lintIDs(tg))
	}
}

// TestDNSBaseline: a JSON report of uclint dns is the next run's baseline: every DNS finding is known, -q prints
// nothing, --fail-on new exits 0; a record that changes shows as new and resolved.
func TestDNSBaseline(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	s := serveZone(t, poolZone+"_sipinternaltls._tcp.fabrikam.com. SRV 0 0 {PORT} pool01.contoso.com.\n", pool.port())
	baseline := filepath.Join(t.TempDir(), "last.json")
	args := fixed("--dns-server", s.Addr(), "--timeout", "2s", "contoso.com", "fabrikam.com")
	code, _, errOut := uclint(t, append([]string{"dns", "--output", "json=" + baseline}, args...)...)
	if code != report.ExitFailed {
		t.Fatalf("first run: exit %d\n%s", code, errOut)
	}
	code, out, _ := uclint(t, append([]string{"dns", "--baseline", baseline, "--fail-on", "new", "-q"}, args...)...)
	if code != report.ExitOK || out != "" {
		t.Fatalf("second run: exit %d, printed %q", code, out)
	}
	code, out, _ = uclint(t, append([]string{"dns", "--baseline", baseline, "--format", "json"}, args...)...)
	r := decode(t, out)
	known := 0
	for _, tg := range r.Targets {
		for _, f := range tg.Findings {
			if f.Baseline != report.MarkKnown {
				t.Errorf("%s %s: %s is %s", tg.SIPDomain, tg.Place, f.Lint, f.Baseline)
			}
			known++
		}
	}
	if code != report.ExitFailed || known < 3 || len(r.Resolved) != 0 {
		t.Fatalf("exit %d, %d known, resolved %v", code, known, r.Resolved)
	}
	// fabrikam.com's record is fixed: its finding is resolved; a new record is new.
	s.Zone().Misbehave("_sipinternaltls._tcp.fabrikam.com", dnstest.NXDomain)
	if err := s.Zone().AddRecord("_sipinternal._tcp.contoso.com. 300 IN SRV 0 0 5060 pool01.contoso.com."); err != nil {
		t.Fatal(err)
	}
	code, out, _ = uclint(t, append([]string{"dns", "--baseline", baseline, "--fail-on", "new", "-q"}, args...)...)
	if code != report.ExitOK || !strings.Contains(out, "SIP domain fabrikam.com dns: e_ocs_dns_srv_target_outside_sip_domain (error)") {
		t.Fatalf("exit %d (a new notice does not fail --fail-on new):\n%s", code, out)
	}
	_, out, _ = uclint(t, append([]string{"dns", "--baseline", baseline, "--format", "json"}, args...)...)
	for _, f := range dnsTarget(t, decode(t, out), "contoso.com", "").Findings {
		if (f.Lint == "n_ocs_dns_tcp_autoconfig_present") != (f.Baseline == report.MarkNew) {
			t.Errorf("%s is %s", f.Lint, f.Baseline)
		}
	}
}

// TestDNSFormats: a DNS audit in every format — the table names each SIP domain, JUnit has a suite per SIP
// domain, Prometheus labels each target with its SIP domain and place, Nagios says CRITICAL.
func TestDNSFormats(t *testing.T) {
	pool := servePlace(t, "127.0.0.1:0", "pool01")
	s := serveZone(t, poolZone+"_sipinternaltls._tcp.fabrikam.com. SRV 0 0 {PORT} pool01.contoso.com.\n", pool.port())
	args := fixed("--dns-server", s.Addr(), "--timeout", "2s", "contoso.com", "fabrikam.com")
	for format, want := range map[string][]string{
		"table":      {"SIP DOMAIN", "SIP domain fabrikam.com dns (" + s.Addr() + "): fail", "pool01.contoso.com:" + pool.port(), "4 targets: 3 pass, 0 warn, 1 fail, 0 error"},
		"junit":      {`<testsuite name="SIP domain contoso.com" tests="2"`, `<failure message="e_ocs_dns_srv_target_outside_sip_domain"`},
		"prometheus": {`uclint_target_status{server="",member="",endpoint="dns",file="",sip_domain="fabrikam.com",place=""} 2`, `sip_domain="contoso.com",place="pool01.contoso.com:` + pool.port() + `"} 0`},
		"nagios":     {"UCLINT CRITICAL - 4 targets", "SIP domain fabrikam.com dns: e_ocs_dns_srv_target_outside_sip_domain"},
	} {
		code, out, _ := uclint(t, append([]string{"dns", "--format", format}, args...)...)
		if (format == "nagios" && code != report.NagiosCritical) || (format != "nagios" && code != report.ExitFailed) {
			t.Errorf("%s: exit %d", format, code)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %q:\n%s", format, w, out)
			}
		}
	}
}

// TestDNSPlaceVerdictsAgreeWithOpenSSL serves certificates made by the openssl command at a place and compares
// whether uclint finds the SRV target's name on them with openssl x509 -checkhost and Go's VerifyHostname, on SAN
// names (where the three agree; the lint package pins where OCS differs).
func TestDNSPlaceVerdictsAgreeWithOpenSSL(t *testing.T) {
	openssl := opensslPath(t)
	for _, tc := range []struct{ san, host string }{
		{"DNS:pool01.contoso.com,DNS:sip.contoso.com", "pool01.contoso.com"},
		{"DNS:POOL01.Contoso.com", "pool01.contoso.com"},
		{"DNS:pool01.contoso.com", "ocs.contoso.com"},
		{"DNS:pool01.contoso.com.evil.com", "pool01.contoso.com"},
	} {
		t.Run(tc.san+" "+tc.host, func(t *testing.T) {
			dir := t.TempDir()
			certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
			runOpenSSL(t, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2",
				"-subj", "/CN=uclint test", "-addext", "subjectAltName="+tc.san, "-addext", "extendedKeyUsage=serverAuth")
			opensslMatch := strings.Contains(runOpenSSL(t, openssl, "x509", "-in", certFile, "-noout", "-checkhost", tc.host), "does match")
			pair, err := tls.LoadX509KeyPair(certFile, keyFile)
			if err != nil {
				t.Fatal(err)
			}
			goMatch := pair.Leaf.VerifyHostname(tc.host) == nil
			addr := tlstest.Serve(t, &tls.Config{Certificates: []tls.Certificate{pair}})
			port := addr[strings.LastIndexByte(addr, ':')+1:]
			s := serveZone(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} "+tc.host+".\n"+tc.host+". A 127.0.0.1\n", port)
			_, r, _ := uclintDNS(t, s.Addr(), "contoso.com")
			tg := dnsTarget(t, r, "contoso.com", tc.host+":"+port)
			uclintMatch := tg.Error == "" && !hasLint(tg, "e_ocs_cert_name_mismatch_srv_target")
			if uclintMatch != opensslMatch || uclintMatch != goMatch {
				t.Errorf("uclint %v, openssl %v, Go %v (%s %v)", uclintMatch, opensslMatch, goMatch, tg.Error, lintIDs(tg))
			}
		})
	}
}

// TestDNSUsageErrors: mistakes on the command line stop uclint before anything is asked, with exit 2.
func TestDNSUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"no SIP domain":               {"dns", "--dns-server", "127.0.0.1:1"},
		"not a SIP domain":            {"dns", "--dns-server", "127.0.0.1:1", "user@contoso.com"},
		"the sip. name":               {"dns", "--dns-server", "127.0.0.1:1", "sip.contoso.com"},
		"bad DNS server":              {"dns", "--dns-server", "127.0.0.1:99999", "contoso.com"},
		"--server":                    {"dns", "--config", fixture("deployments", "contoso.yaml"), "--server", "pool01", "--dns-server", "127.0.0.1:1"},
		"bad timeout":                 {"dns", "--timeout", "0s", "--dns-server", "127.0.0.1:1", "contoso.com"},
		"scan --dns-server w/o --dns": {"scan", "--config", fixture("deployments", "contoso.yaml"), "--dns-server", "127.0.0.1:1"},
		"scan --dns w/o SIP domains":  {"scan", "--dns", "--dns-server", "127.0.0.1:1", "127.0.0.1:5061"},
	} {
		t.Run(name, func(t *testing.T) {
			if code, out, errOut := uclint(t, args...); code != report.ExitUsage || errOut == "" || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
		})
	}
}

func opensslPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	return path
}

// runOpenSSL runs the openssl command and returns what it printed.
func runOpenSSL(t *testing.T, openssl string, args ...string) string {
	t.Helper()
	out, err := exec.Command(openssl, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// BenchmarkDNS20Domains audits a deployment with 20 SIP domains through uclint dns: each domain's records looked
// up on the loopback DNS server (every SRV and fallback query, each target resolved), and the place each one leads
// to dialled (RSA-2048, a full handshake) and linted.
func BenchmarkDNS20Domains(b *testing.B) {
	const n = 20
	places := make([]*place, 4)
	for i := range places {
		places[i] = servePlace(b, "127.0.0.1:0", "pool01")
	}
	var zone strings.Builder
	var domains []string
	for i := range n {
		d := fmt.Sprintf("sipdomain%02d.com", i)
		domains = append(domains, d)
		fmt.Fprintf(&zone, "_sipinternaltls._tcp.%s. SRV 0 0 %s pool01.%s.\npool01.%s. A 127.0.0.1\n", d, places[i%len(places)].port(), d, d)
	}
	s := serveZone(b, zone.String(), "")
	yaml := fmt.Sprintf("sip_domains: [%s]\nautomatic_client_configuration: true\ntrust: {ca_files: [%q]}\nservers:\n"+
		"  - name: pool01\n    role: enterprise-pool\n    fqdn: pool01.contoso.com\n    web_farm: webpool01.contoso.com\n    members:\n"+
		"      - fqdn: fe01.contoso.com\n        endpoints: {sip: %q}\n",
		strings.Join(domains, ", "), absFixture(b, "pki", "contoso-ca-bundle.pem"), places[0].addr)
	config := filepath.Join(b.TempDir(), "contoso.yaml")
	if err := os.WriteFile(config, []byte(yaml), 0o600); err != nil {
		b.Fatal(err)
	}
	args := []string{"dns", "--config", config, "--dns-server", s.Addr(), "--format", "json", "--at", "2026-06-01T00:00:00Z", "--no-system-roots"}
	b.ResetTimer()
	for b.Loop() {
		var out strings.Builder
		if code := run(args, &out, &strings.Builder{}); code == report.ExitUsage {
			b.Fatalf("exit %d", code)
		}
		r := decode(b, out.String())
		if r.Summary.Targets != 2*n || r.Summary.Error != 0 {
			b.Fatalf("summary %+v", r.Summary)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/audit")
}

// TestDemoShowsDNS: uclint demo audits its simulated DNS server too, and shows the mistake in it.
func TestDemoShowsDNS(t *testing.T) {
	code, out, errOut := uclint(t, "demo")
	if code != report.ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"SIP DOMAIN", "SIP domain fabrikam.com dns (127.0.0.1:", "e_ocs_dns_srv_target_outside_sip_domain",
		"n_ocs_dns_autoconfig_winner", "uclint dns --config deployment.yaml --dns-server"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	code, out, _ = uclint(t, "demo", "--format", "json")
	validateReport(t, out)
	if r := decode(t, out); code != report.ExitOK || r.Summary.Targets != 22 {
		t.Fatalf("exit %d, summary %+v", code, r.Summary)
	}
}
