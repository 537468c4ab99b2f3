package dnstest

import (
	"strconv"
	"testing"
	"time"

	"github.com/miekg/dns"
)

const zoneText = `
$ORIGIN contoso.com.
_sipinternaltls._tcp SRV 0 0 5061 pool01
pool01               A   192.0.2.10
sip                  CNAME pool01
loop1                CNAME loop2
loop2                CNAME loop1
`

// ask sends one query with miekg/dns's own client, not uclint's resolver.
func ask(t *testing.T, s *Server, network, name string, qtype uint16, edns bool) (*dns.Msg, error) {
	t.Helper()
	q := new(dns.Msg)
	q.SetQuestion(dns.Fqdn(name), qtype)
	if edns {
		q.SetEdns0(1232, false)
	}
	c := &dns.Client{Net: network, Timeout: 300 * time.Millisecond}
	r, _, err := c.Exchange(q, s.Addr())
	return r, err
}

func TestServeZone(t *testing.T) {
	s := Serve(t, zoneText)
	for _, network := range []string{"udp", "tcp"} {
		r, err := ask(t, s, network, "_sipinternaltls._tcp.contoso.com", dns.TypeSRV, false)
		if err != nil || r.Rcode != dns.RcodeSuccess || len(r.Answer) != 1 || r.Answer[0].(*dns.SRV).Target != "pool01.contoso.com." {
			t.Fatalf("%s SRV: %v %v", network, r, err)
		}
	}
	r, err := ask(t, s, "udp", "sip.contoso.com", dns.TypeA, false)
	if err != nil || len(r.Answer) != 2 || r.Answer[0].Header().Rrtype != dns.TypeCNAME || r.Answer[1].(*dns.A).A.String() != "192.0.2.10" {
		t.Fatalf("alias chased in the answer: %v %v", r, err)
	}
	r, err = ask(t, s, "udp", "loop1.contoso.com", dns.TypeA, false)
	if err != nil || len(r.Answer) != 2 {
		t.Fatalf("loop served once around: %v %v", r, err)
	}
	if r, err = ask(t, s, "udp", "_tcp.contoso.com", dns.TypeSRV, false); err != nil || r.Rcode != dns.RcodeSuccess || len(r.Answer) != 0 {
		t.Fatalf("empty non-terminal is NODATA: %v %v", r, err)
	}
	if r, err = ask(t, s, "udp", "nothing.contoso.com", dns.TypeA, false); err != nil || r.Rcode != dns.RcodeNameError {
		t.Fatalf("NXDOMAIN: %v %v", r, err)
	}
	if got := len(s.Queries()); got != 6 {
		t.Errorf("%d queries logged, want 6", got)
	}
}

func TestMisbehave(t *testing.T) {
	s := Serve(t, zoneText)
	z := s.Zone()
	const name = "_sipinternaltls._tcp.contoso.com"
	for _, tc := range []struct {
		b     Behavior
		rcode int
	}{{ServFail, dns.RcodeServerFailure}, {NXDomain, dns.RcodeNameError}, {Refused, dns.RcodeRefused}} {
		z.Misbehave(name, tc.b)
		if r, err := ask(t, s, "udp", name, dns.TypeSRV, false); err != nil || r.Rcode != tc.rcode {
			t.Errorf("%s: %v %v", tc.b, r, err)
		}
	}
	z.Misbehave(name, Truncate)
	if r, err := ask(t, s, "udp", name, dns.TypeSRV, true); err != nil || !r.Truncated || len(r.Answer) != 0 {
		t.Errorf("truncate over UDP: %v %v", r, err)
	}
	if r, err := ask(t, s, "tcp", name, dns.TypeSRV, true); err != nil || r.Truncated || len(r.Answer) != 1 {
		t.Errorf("truncate over TCP: %v %v", r, err)
	}
	z.Misbehave(name, NoEDNS)
	if r, err := ask(t, s, "udp", name, dns.TypeSRV, true); err != nil || r.Rcode != dns.RcodeFormatError {
		t.Errorf("EDNS: %v %v", r, err)
	}
	if r, err := ask(t, s, "udp", name, dns.TypeSRV, false); err != nil || len(r.Answer) != 1 {
		t.Errorf("no EDNS: %v %v", r, err)
	}
	z.Misbehave(name, Silent)
	start := time.Now()
	if r, err := ask(t, s, "udp", name, dns.TypeSRV, false); err == nil {
		t.Errorf("silent: answered %v", r)
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Error("silent: the client did not wait for its timeout")
	}
	z.Misbehave(name, Normal)
	if r, err := ask(t, s, "udp", name, dns.TypeSRV, false); err != nil || len(r.Answer) != 1 {
		t.Errorf("normal again: %v %v", r, err)
	}
	if SERVFAIL := ServFail.String(); SERVFAIL != "servfail" {
		t.Errorf("name %q", SERVFAIL)
	}
}

// TestLargeAnswerTruncates: an answer larger than 512 bytes comes with the TC bit over UDP, whole over TCP.
func TestLargeAnswerTruncates(t *testing.T) {
	z := NewZone()
	for i := range 60 {
		if err := z.AddRecord("_sipinternal._tcp.contoso.com. 300 IN SRV 0 " + strconv.Itoa(i) + " 5060 frontend-server-number-" + strconv.Itoa(i) + ".contoso.com."); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Start(z)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	r, err := ask(t, s, "udp", "_sipinternal._tcp.contoso.com", dns.TypeSRV, false)
	if err != nil || !r.Truncated || len(r.Answer) >= 60 {
		t.Fatalf("UDP: truncated %v, %d records, %v", r != nil && r.Truncated, len(r.Answer), err)
	}
	r, err = ask(t, s, "tcp", "_sipinternal._tcp.contoso.com", dns.TypeSRV, false)
	if err != nil || r.Truncated || len(r.Answer) != 60 {
		t.Fatalf("TCP: %d records, %v", len(r.Answer), err)
	}
}

func TestBadZone(t *testing.T) {
	if _, err := ParseZone("contoso.com. IN SRV not-a-number", ""); err == nil {
		t.Error("a broken zone was accepted")
	}
	if err := NewZone().AddRecord("garbage"); err == nil {
		t.Error("a broken record was accepted")
	}
	if err := NewZone().A("sip.contoso.com", "not-an-ip"); err == nil {
		t.Error("a broken address was accepted")
	}
}
