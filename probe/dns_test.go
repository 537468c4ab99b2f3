package probe

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/uclint/uclint/internal/dnstest"
)

// contosoZone is a healthy OCS 2007 R2 zone: the internal SRV record at the pool, the external ones at the
// Access Edge, sip. as an alias of the Edge, sipinternal. at the pool.
const contosoZone = `
$ORIGIN contoso.com.
_sipinternaltls._tcp  SRV 0 0 5061 pool01.contoso.com.
_sip._tls             SRV 0 0 443  sip.contoso.com.
_sipfederationtls._tcp SRV 0 0 5061 sip.contoso.com.
pool01                A    192.0.2.10
pool01                AAAA 2001:db8::10
sipinternal           A    192.0.2.10
sip                   CNAME edge01.contoso.com.
edge01                A    198.51.100.5
`

// newTestResolver asks only the loopback server, never the machine's resolver.
func newTestResolver(t testing.TB, server string, timeout time.Duration) *Resolver {
	t.Helper()
	r, err := NewResolver(DNSOptions{Server: server, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLookupSIPDomain(t *testing.T) {
	s := dnstest.Serve(t, contosoZone)
	r := newTestResolver(t, s.Addr(), 2*time.Second)
	obs := r.LookupSIPDomain(context.Background(), "Contoso.com.")
	if obs.Err != nil || len(obs.Errors()) != 0 {
		t.Fatalf("errors: %v %v", obs.Err, obs.Errors())
	}
	if obs.Domain != "contoso.com" || obs.Servers != s.Addr() {
		t.Errorf("domain %q servers %q", obs.Domain, obs.Servers)
	}
	tls := obs.Service(ServiceInternalTLS)
	if tls.Status != Found || len(tls.Records) != 1 || tls.Server != s.Addr() {
		t.Fatalf("_sipinternaltls: %+v", tls)
	}
	rec := tls.Records[0]
	want := []netip.Addr{netip.MustParseAddr("192.0.2.10"), netip.MustParseAddr("2001:db8::10")}
	if rec.Target != "pool01.contoso.com" || rec.Port != 5061 || rec.Resolved.Status != Found ||
		fmt.Sprint(rec.Resolved.Addresses) != fmt.Sprint(want) || len(rec.Resolved.CNAMEs) != 0 {
		t.Errorf("pool01 target: %+v", rec)
	}
	fed := obs.Service(ServiceFederation).Records[0]
	if fed.Target != "sip.contoso.com" || fmt.Sprint(fed.Resolved.CNAMEs) != "[edge01.contoso.com]" ||
		fmt.Sprint(fed.Resolved.Addresses) != "[198.51.100.5]" {
		t.Errorf("federation target through an alias: %+v", fed)
	}
	if st := obs.Service(ServiceInternalTCP).Status; st != NoSuchName {
		t.Errorf("_sipinternal._tcp: %s, want nxdomain", st)
	}
	if h := obs.Host("sipinternal"); h.Status != Found || fmt.Sprint(h.Addresses) != "[192.0.2.10]" {
		t.Errorf("sipinternal: %+v", h)
	}
	if h := obs.Host("sipexternal"); h.Status != NoSuchName || h.Err != nil {
		t.Errorf("sipexternal: %+v", h)
	}
	// Names are compared with ASCII letters folded only: "ſip" (U+017F, which Unicode folds to "s") is not "sip".
	if h := obs.Host("SIPinternal"); h == nil || h.Status != Found {
		t.Errorf("SIPinternal: %+v", h)
	}
	if h := obs.Host("\u017Fip"); h != nil {
		t.Errorf("\u017Fip found the lookup of %s", h.Name)
	}
	for _, q := range s.Queries() {
		if !strings.HasSuffix(strings.ToLower(q.Name), "contoso.com.") {
			t.Errorf("asked about %s, outside the SIP domain", q.Name)
		}
	}
}

// TestLookupHostile: each hostile answer gives a clear result or an error naming the name and the server,
// promptly.
func TestLookupHostile(t *testing.T) {
	const timeout = 600 * time.Millisecond
	zone := contosoZone + `
loop1 CNAME loop2.contoso.com.
loop2 CNAME loop1.contoso.com.
dangling CNAME gone.contoso.com.
`
	for i := 0; i <= maxCNAMEs+1; i++ {
		zone += fmt.Sprintf("chain%d CNAME chain%d.contoso.com.\n", i, i+1)
	}
	for _, tc := range []struct {
		name     string
		setup    func(z *dnstest.Zone)
		query    func(r *Resolver) (LookupStatus, error)
		status   LookupStatus
		contains []string
	}{
		{"SERVFAIL", func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.ServFail) },
			srv(ServiceInternalTLS), Failed, []string{"SRV _sipinternaltls._tcp.contoso.com", "SERVFAIL", "DNS server 127.0.0.1:"}},
		{"REFUSED", func(z *dnstest.Zone) { z.Misbehave("sip.contoso.com", dnstest.Refused) },
			host("sip"), Failed, []string{"A sip.contoso.com", "REFUSED", "--dns-server"}},
		{"NXDOMAIN for a name the zone holds", func(z *dnstest.Zone) { z.Misbehave("sipinternal.contoso.com", dnstest.NXDomain) },
			host("sipinternal"), NoSuchName, nil},
		{"no answer at all", func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.Silent) },
			srv(ServiceInternalTLS), Failed, []string{"SRV _sipinternaltls._tcp.contoso.com", "no answer from DNS server 127.0.0.1:", "3 tries"}},
		{"CNAME loop", func(z *dnstest.Zone) { z.CNAME("sipexternal.contoso.com", "loop1.contoso.com") },
			host("sipexternal"), Failed, []string{"loop", "sipexternal.contoso.com → loop1.contoso.com → loop2.contoso.com → loop1.contoso.com"}},
		{"alias to a name that does not exist", func(z *dnstest.Zone) { z.CNAME("sipexternal.contoso.com", "dangling.contoso.com") },
			host("sipexternal"), NoSuchName, nil},
		{"chain of more than 8 aliases", func(z *dnstest.Zone) { z.CNAME("sipexternal.contoso.com", "chain0.contoso.com") },
			host("sipexternal"), Failed, []string{"more than 8 aliases"}},
		{"EDNS refused with FORMERR", func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.NoEDNS) },
			srv(ServiceInternalTLS), Found, nil},
		{"truncated over UDP", func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.Truncate) },
			srv(ServiceInternalTLS), Found, nil},
		{"SRV target is the root", func(z *dnstest.Zone) { z.SRV("_sipinternal._tcp.contoso.com", 0, 0, 0, ".") },
			srv(ServiceInternalTCP), Found, nil},
		{"alias to the root", func(z *dnstest.Zone) { z.CNAME("sipexternal.contoso.com", ".") },
			host("sipexternal"), Failed, []string{"the alias sipexternal.contoso.com points at the root (.)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := dnstest.Serve(t, zone)
			tc.setup(s.Zone())
			r := newTestResolver(t, s.Addr(), timeout)
			start := time.Now()
			status, err := tc.query(r)
			if elapsed := time.Since(start); elapsed > timeout+time.Second {
				t.Errorf("took %s with a %s timeout", elapsed, timeout)
			}
			if status != tc.status {
				t.Fatalf("status %s, want %s (err %v)", status, tc.status, err)
			}
			if tc.contains == nil && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			for _, c := range tc.contains {
				if err == nil || !strings.Contains(err.Error(), c) {
					t.Errorf("error %v: want it to say %q", err, c)
				}
			}
		})
	}
}

func srv(service string) func(r *Resolver) (LookupStatus, error) {
	return func(r *Resolver) (LookupStatus, error) {
		obs := r.LookupSIPDomain(context.Background(), "contoso.com")
		l := obs.Service(service)
		return l.Status, l.Err
	}
}

func host(label string) func(r *Resolver) (LookupStatus, error) {
	return func(r *Resolver) (LookupStatus, error) {
		obs := r.LookupSIPDomain(context.Background(), "contoso.com")
		h := obs.Host(label)
		return h.Status, h.Err
	}
}

// TestLookupTruncatedUsesTCP: a forced TC bit and an answer too large for 512 bytes both bring every record over
// TCP.
func TestLookupTruncatedUsesTCP(t *testing.T) {
	zone := contosoZone
	for i := range 40 {
		zone += fmt.Sprintf("_sipinternal._tcp SRV 10 %d 5060 fe%02d.contoso.com.\nfe%02d A 192.0.2.%d\n", i, i, i, 100+i)
	}
	s := dnstest.Serve(t, zone)
	s.Zone().Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.Truncate)
	obs := newTestResolver(t, s.Addr(), 2*time.Second).LookupSIPDomain(context.Background(), "contoso.com")
	if tls := obs.Service(ServiceInternalTLS); tls.Status != Found || len(tls.Records) != 1 {
		t.Errorf("forced truncation: %+v", tls)
	}
	tcp := obs.Service(ServiceInternalTCP)
	if tcp.Status != Found || len(tcp.Records) != 40 || tcp.Records[0].Weight != 39 || tcp.Records[0].Resolved.Status != Found {
		t.Errorf("large answer: %d records, first %+v", len(tcp.Records), tcp.Records)
	}
	overTCP := map[string]bool{}
	for _, q := range s.Queries() {
		if q.Net == "tcp" {
			overTCP[strings.ToLower(q.Name)] = true
		}
	}
	if !overTCP["_sipinternaltls._tcp.contoso.com."] || !overTCP["_sipinternal._tcp.contoso.com."] {
		t.Errorf("asked over TCP: %v", overTCP)
	}
}

func TestLookupRootTargetNotResolved(t *testing.T) {
	s := dnstest.Serve(t, contosoZone+"_sipinternal._tcp SRV 0 0 0 .\n")
	obs := newTestResolver(t, s.Addr(), time.Second).LookupSIPDomain(context.Background(), "contoso.com")
	l := obs.Service(ServiceInternalTCP)
	if l.Status != Found || len(l.Records) != 1 || !l.Records[0].NotOffered() || l.Records[0].Resolved.Status != 0 {
		t.Fatalf("%+v", l)
	}
	for _, q := range s.Queries() {
		if q.Name == "." {
			t.Error("resolved the root as a host")
		}
	}
}

// TestLookupNoRecords: a SIP domain nobody set up answers NXDOMAIN or NODATA everywhere, without errors.
func TestLookupNoRecords(t *testing.T) {
	s := dnstest.Serve(t, "$ORIGIN fabrikam.com.\nwww A 192.0.2.80\n_sip._tcp TXT \"not an SRV record\"\n")
	obs := newTestResolver(t, s.Addr(), time.Second).LookupSIPDomain(context.Background(), "fabrikam.com")
	if errs := obs.Errors(); len(errs) != 0 {
		t.Fatal(errs)
	}
	for _, l := range obs.SRV {
		want := NoSuchName
		if l.Service == ServiceSIPTCP {
			want = NoRecords
		}
		if l.Status != want || len(l.Records) != 0 {
			t.Errorf("%s: %s, want %s", l.Name, l.Status, want)
		}
	}
	for _, h := range obs.Hosts {
		if h.Status != NoSuchName {
			t.Errorf("%s: %s", h.Name, h.Status)
		}
	}
}

// TestLookupDeadServer: nothing listens on the port; every lookup fails at once, naming the server.
func TestLookupDeadServer(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := pc.LocalAddr().String()
	_ = pc.Close()
	r := newTestResolver(t, dead, 2*time.Second)
	start := time.Now()
	obs := r.LookupSIPDomain(context.Background(), "contoso.com")
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %s", elapsed)
	}
	errs := obs.Errors()
	if len(errs) != len(SIPServices())+len(FallbackHosts()) {
		t.Fatalf("%d errors: %v", len(errs), errs)
	}
	if !strings.Contains(errs[0].Error(), dead) {
		t.Errorf("error does not name the server: %v", errs[0])
	}
}

// TestLookupTruncatedWithoutTCP: a UDP-only server that truncates; the TCP retry finds nothing listening.
func TestLookupTruncatedWithoutTCP(t *testing.T) {
	addr := serveRaw(t, func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		m.Truncated = true
		_ = w.WriteMsg(m)
	})
	obs := newTestResolver(t, addr, time.Second).LookupSIPDomain(context.Background(), "contoso.com")
	l := obs.Service(ServiceInternalTLS)
	if l.Status != Failed || !strings.Contains(l.Err.Error(), "truncated its answer over UDP and the retry over TCP failed") ||
		!strings.Contains(l.Err.Error(), addr) {
		t.Fatalf("%s: %v", l.Status, l.Err)
	}
}

// TestLookupWrongQuestion: a server that answers another question than the one asked is not believed.
func TestLookupWrongQuestion(t *testing.T) {
	addr := serveRaw(t, func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		m.Question[0].Name = "evil.example."
		rr, _ := dns.NewRR("evil.example. 300 IN A 203.0.113.66")
		m.Answer = []dns.RR{rr}
		_ = w.WriteMsg(m)
	})
	obs := newTestResolver(t, addr, time.Second).LookupSIPDomain(context.Background(), "contoso.com")
	h := obs.Host("sip")
	if h.Status != Failed || len(h.Addresses) != 0 || !strings.Contains(h.Err.Error(), "answered another question") {
		t.Fatalf("%+v", h)
	}
}

// TestLookupIgnoresRecordsOfOtherNames: records in the answer about names not asked (cache poisoning attempts)
// are not taken as the answer.
func TestLookupIgnoresRecordsOfOtherNames(t *testing.T) {
	addr := serveRaw(t, func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		rr, _ := dns.NewRR("pool99.contoso.com. 300 IN A 203.0.113.66")
		srv, _ := dns.NewRR("_sipinternaltls._tcp.fabrikam.com. 300 IN SRV 0 0 5061 evil.example.")
		m.Answer = []dns.RR{rr, srv}
		_ = w.WriteMsg(m)
	})
	obs := newTestResolver(t, addr, time.Second).LookupSIPDomain(context.Background(), "contoso.com")
	if l := obs.Service(ServiceInternalTLS); l.Status != NoRecords || len(l.Records) != 0 {
		t.Errorf("SRV: %+v", l)
	}
	if h := obs.Host("sip"); h.Status != NoRecords || len(h.Addresses) != 0 {
		t.Errorf("sip: %+v", h)
	}
}

// serveRaw runs a bare UDP DNS server with handler h on 127.0.0.1 until the test ends, and returns its address.
func serveRaw(t *testing.T, h dns.HandlerFunc) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	srv := &dns.Server{PacketConn: pc, Handler: h, NotifyStartedFunc: func() { close(started) }}
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })
	return pc.LocalAddr().String()
}

func TestLookupBadSIPDomain(t *testing.T) {
	s := dnstest.Serve(t, contosoZone)
	r := newTestResolver(t, s.Addr(), time.Second)
	for _, d := range []string{"", ".", "contoso .com", "contoso.com\n", "a..b", "ｃontoso.com", strings.Repeat("a", 64) + ".com"} {
		obs := r.LookupSIPDomain(context.Background(), d)
		if obs.Err == nil || len(obs.SRV) != 0 {
			t.Errorf("%q: no error", d)
		}
	}
	if q := s.Queries(); len(q) != 0 {
		t.Errorf("queries sent for bad SIP domains: %v", q)
	}
}

func TestLookupCanceled(t *testing.T) {
	s := dnstest.Serve(t, contosoZone)
	for _, name := range []string{"_sipinternaltls._tcp.contoso.com", "sip.contoso.com"} {
		s.Zone().Misbehave(name, dnstest.Silent)
	}
	r := newTestResolver(t, s.Addr(), time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	obs := r.LookupSIPDomain(ctx, "contoso.com")
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %s", elapsed)
	}
	if l := obs.Service(ServiceInternalTLS); l.Status != Failed || l.Err == nil {
		t.Errorf("%+v", l)
	}
}

func TestLookupSIPDomainsConcurrent(t *testing.T) {
	zone := ""
	var domains []string
	for i := range 20 {
		d := fmt.Sprintf("sipdomain%02d.contoso.com", i)
		domains = append(domains, d)
		zone += fmt.Sprintf("_sipinternaltls._tcp.%s. SRV 0 0 5061 sip.%s.\nsip.%s. A 192.0.2.%d\n", d, d, d, i+1)
	}
	s := dnstest.Serve(t, zone)
	r := newTestResolver(t, s.Addr(), 2*time.Second)
	for i, obs := range r.LookupSIPDomains(context.Background(), domains) {
		if obs.Domain != domains[i] || len(obs.Errors()) != 0 {
			t.Fatalf("%d: %s %v", i, obs.Domain, obs.Errors())
		}
		rec := obs.Service(ServiceInternalTLS).Records[0]
		if rec.Target != "sip."+domains[i] || rec.Resolved.Addresses[0] != netip.AddrFrom4([4]byte{192, 0, 2, byte(i + 1)}) {
			t.Errorf("%s: %+v", domains[i], rec)
		}
	}
}

func TestParseDNSServer(t *testing.T) {
	for in, want := range map[string]string{
		"10.0.0.53": "10.0.0.53:53", "10.0.0.53:5353": "10.0.0.53:5353", "::1": "[::1]:53", "[::1]": "[::1]:53",
		"[2001:db8::53]:54": "[2001:db8::53]:54", "dc01.contoso.com": "dc01.contoso.com:53", "\t127.0.0.1:53\n": "127.0.0.1:53",
	} {
		if got, err := ParseDNSServer(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "10.0.0.53:0", "10.0.0.53:dns", "10.0.0.53:70000", "http://dc01", "dc 01"} {
		if got, err := ParseDNSServer(in); err == nil {
			t.Errorf("%q: accepted as %q", in, got)
		}
	}
}

func TestReadResolvConf(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "resolv.conf")
	if err := os.WriteFile(good, []byte("search contoso.com\nnameserver 10.0.0.53\nnameserver 2001:db8::53\noptions attempts:4 timeout:1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	servers, attempts, err := readResolvConf(good)
	if err != nil || fmt.Sprint(servers) != "[10.0.0.53:53 [2001:db8::53]:53]" || attempts != 4 {
		t.Errorf("%v %d %v", servers, attempts, err)
	}
	empty := filepath.Join(dir, "empty.conf")
	if err := os.WriteFile(empty, []byte("search contoso.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readResolvConf(empty); err == nil || !strings.Contains(err.Error(), "--dns-server") {
		t.Errorf("no nameserver: %v", err)
	}
	if _, _, err := readResolvConf(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "--dns-server") {
		t.Errorf("missing file: %v", err)
	}
}
