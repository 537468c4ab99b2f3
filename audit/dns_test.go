package audit

import (
	"context"
	"crypto/tls"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/dnstest"
	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// countingServer presents a fixture certificate on 127.0.0.1 and counts the connections it accepts.
func countingServer(t *testing.T, name string) (addr string, conns *atomic.Int32) {
	t.Helper()
	pair := fixturePair(t, name)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns = &atomic.Int32{}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			wg.Go(func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				_ = tls.Server(c, &tls.Config{Certificates: []tls.Certificate{pair}}).Handshake()
			})
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return ln.Addr().String(), conns
}

// dnsAudit serves zone ("{PORT}" replaced) on a loopback DNS server and returns the audit of the SIP domains.
func dnsAuditOf(t *testing.T, zone, port string, domains ...string) DNS {
	t.Helper()
	s := dnstest.Serve(t, strings.ReplaceAll(zone, "{PORT}", port))
	r, err := probe.NewResolver(probe.DNSOptions{Server: s.Addr(), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return DNS{Resolver: r, Domains: domains}
}

func portOf(addr string) string { return addr[strings.LastIndexByte(addr, ':')+1:] }

func targetOf(t *testing.T, r *report.Report, domain, place string) report.Target {
	t.Helper()
	for _, tg := range r.Targets {
		if tg.SIPDomain == domain && tg.Place == place {
			return tg
		}
	}
	t.Fatalf("no target %s %s", domain, place)
	return report.Target{}
}

// TestRunDNSDialsEachPlaceOnce: twenty SIP domains whose records lead to one name and port give twenty place
// targets (one per SIP domain) from one connection; the certificate is linted for each in the goroutine that
// dialled (go test -race).
func TestRunDNSDialsEachPlaceOnce(t *testing.T) {
	addr, conns := countingServer(t, "pool01")
	var zone strings.Builder
	var domains []string
	for i := range 20 {
		d := "d" + string(rune('a'+i)) + ".com"
		domains = append(domains, d)
		zone.WriteString("_sipinternaltls._tcp." + d + ". SRV 0 0 {PORT} pool01.contoso.com.\n")
	}
	zone.WriteString("pool01.contoso.com. A 127.0.0.1\n")
	d := dnsAuditOf(t, zone.String(), portOf(addr), domains...)
	r := RunDNS(context.Background(), nil, d, settings(t))
	if got := conns.Load(); got != 1 {
		t.Errorf("%d connections for one place", got)
	}
	if len(r.Targets) != 40 {
		t.Fatalf("%d targets", len(r.Targets))
	}
	for _, dom := range domains {
		tg := targetOf(t, r, dom, "pool01.contoso.com:"+portOf(addr))
		if tg.Certificate == nil || tg.Address != addr || tg.Server != "pool01.contoso.com" {
			t.Errorf("%s: %+v", dom, tg)
		}
		if dom != "contoso.com" && !has(targetOf(t, r, dom, ""), "e_ocs_dns_srv_target_outside_sip_domain") {
			t.Errorf("%s: %v", dom, targetOf(t, r, dom, "").Findings)
		}
	}
}

// TestRunDNSExtendsContexts: the scan targets of the server a SIP domain's sign-in record leads to are judged with
// that SIP domain and automatic configuration, beside the places; the other servers' are not.
func TestRunDNSExtendsContexts(t *testing.T) {
	addr, _ := countingServer(t, "pool01-missing-sip-fabrikam")
	ctx := policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "pool01.contoso.com", SIPDomains: []string{"contoso.com"}}
	pool := policy.Target{Server: "pool01", Member: "fe01.contoso.com", Endpoint: "sip", Address: addr, SNI: "pool01.contoso.com", Context: ctx}
	pool.Context.Member, pool.Context.Certificate = "fe01.contoso.com", "default"
	other := policy.Target{Server: "dir01", Endpoint: "sip", Address: addr, SNI: "dir01.contoso.com",
		Context: policy.Context{Role: policy.Director, FQDN: "dir01.contoso.com", SIPDomains: []string{"contoso.com"}}}
	d := dnsAuditOf(t, "_sipinternaltls._tcp.fabrikam.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n",
		portOf(addr), "fabrikam.com")
	d.Servers = []policy.Target{pool, other}
	d.Listed, d.ListedIn = []string{"contoso.com"}, "contoso.yaml"
	s := settings(t)
	var done atomic.Int32
	s.Done = func() { done.Add(1) }
	r := RunDNS(context.Background(), []policy.Target{pool, other}, d, s)
	if done.Load() != 2 {
		t.Errorf("Done called %d times for 2 targets: a progress bar counts the targets it was given", done.Load())
	}
	if !has(r.Targets[0], "e_ocs_san_missing_sip_domain") {
		t.Errorf("pool01's scan target: %v", r.Targets[0].Findings)
	}
	if has(r.Targets[1], "e_ocs_san_missing_sip_domain") {
		t.Errorf("dir01's scan target: %v", r.Targets[1].Findings)
	}
	place := targetOf(t, r, "fabrikam.com", "pool01.contoso.com:"+portOf(addr))
	if place.Server != "pool01" || place.Member != "" || place.Role != "enterprise-pool" || !has(place, "e_ocs_san_missing_sip_domain") {
		t.Errorf("place: %+v", place)
	}
	if !has(targetOf(t, r, "fabrikam.com", ""), "w_ocs_dns_sip_domain_not_in_deployment") {
		t.Error("fabrikam.com is not listed")
	}
	// Without the DNS audit, the same targets pass that rule: one SIP domain, no automatic configuration.
	if r := Run(context.Background(), []policy.Target{pool}, settings(t)); has(r.Targets[0], "e_ocs_san_missing_sip_domain") {
		t.Errorf("without DNS: %v", r.Targets[0].Findings)
	}
}

// TestRunDNSOptionalPlaces: a fallback name that resolves while the SRV record answers is optional: when nothing
// answers there it is left out; the SRV target that does not answer is an error naming the place and the record.
func TestRunDNSOptionalPlaces(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	_ = ln.Close()
	d := dnsAuditOf(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n"+
		"sip.contoso.com. A 127.0.0.1\n", portOf(closed), "contoso.com")
	s := settings(t)
	s.Probe.Timeout = time.Second
	r := RunDNS(context.Background(), nil, d, s)
	place := targetOf(t, r, "contoso.com", "pool01.contoso.com:"+portOf(closed))
	if place.Status != report.Error || !strings.Contains(place.Error, "pool01.contoso.com:"+portOf(closed)+" ("+closed+"), reached through _sipinternaltls._tcp.contoso.com: ") ||
		!strings.Contains(place.Error, "refused") {
		t.Errorf("SRV target: %s", place.Error)
	}
	for _, tg := range r.Targets {
		if strings.HasPrefix(tg.Place, "sip.contoso.com:") && tg.Status == report.Error {
			t.Errorf("optional place reported: %+v", tg)
		}
	}
}

// TestRunDNSInterrupted: a canceled run returns promptly with every SIP domain reported as not checked.
func TestRunDNSInterrupted(t *testing.T) {
	addr, _ := countingServer(t, "pool01")
	d := dnsAuditOf(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} pool01.contoso.com.\npool01.contoso.com. A 127.0.0.1\n",
		portOf(addr), "contoso.com", "fabrikam.com")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	r := RunDNS(ctx, nil, d, settings(t))
	if time.Since(start) > time.Second {
		t.Fatalf("took %s", time.Since(start))
	}
	if r.Summary.Targets != 2 || r.Summary.Error != 2 {
		t.Fatalf("summary %+v", r.Summary)
	}
	for _, tg := range r.Targets {
		if !strings.Contains(tg.Error, "canceled") {
			t.Errorf("%s: %s", tg.SIPDomain, tg.Error)
		}
	}
}

// TestServerIndexMatch: a place is a server's by its endpoint address (name:port), its member's or its own FQDN,
// or the address DNS gave on an endpoint's port; nothing else.
func TestServerIndexMatch(t *testing.T) {
	dep, err := policy.Parse([]byte(`sip_domains: [contoso.com]
servers:
  - name: se01
    role: standard-edition
    fqdn: se01.contoso.com
    endpoints: {sip: "sip.contoso.com:5061", web: "10.0.0.5:443"}
  - name: pool01
    role: enterprise-pool
    fqdn: pool01.contoso.com
    web_farm: webpool01.contoso.com
    members:
      - fqdn: fe01.contoso.com
`), "contoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all, err := dep.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	x := newServerIndex(all)
	for _, tc := range []struct {
		host                     string
		port                     uint16
		addr                     string
		known                    bool
		server, member, endpoint string
	}{
		{"sip.contoso.com", 5061, "192.0.2.1", true, "se01", "", "sip"},
		{"SE01.Contoso.COM.", 443, "192.0.2.1", true, "se01", "", "web"},
		{"fe01.contoso.com", 5061, "192.0.2.1", true, "pool01", "fe01.contoso.com", "sip"},
		{"pool01.contoso.com", 5061, "192.0.2.1", true, "pool01", "", "sip"},
		{"access.contoso.com", 443, "10.0.0.5", true, "se01", "", "web"},
		{"access.contoso.com", 5061, "10.0.0.5", false, "access.contoso.com", "", "sip"},
		{"pool01.contoso.com.evil.com", 5061, "192.0.2.1", false, "pool01.contoso.com.evil.com", "", "sip"},
		{"sip.fabrikam.com", 443, "192.0.2.1", false, "sip.fabrikam.com", "", "web"},
	} {
		p := &lint.Place{Host: tc.host, Port: tc.port, Addresses: []netip.Addr{netip.MustParseAddr(tc.addr)}}
		got, known := x.match(p, "contoso.com", false)
		if known != tc.known || got.Server != tc.server || got.Member != tc.member || got.Endpoint != tc.endpoint {
			t.Errorf("%s:%d at %s: %v %s/%s/%s", tc.host, tc.port, tc.addr, known, got.Server, got.Member, got.Endpoint)
		}
		if known && got.Context.Role == "" {
			t.Errorf("%s: no role context", tc.host)
		}
	}
}
