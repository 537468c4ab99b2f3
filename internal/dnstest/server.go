package dnstest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// maxChase bounds how many in-zone CNAMEs the server follows for one answer, as authoritative servers do; a
// loop is served as far as it goes, for the client to notice.
const maxChase = 16

// Query is one query the server received.
type Query struct {
	Name string // as asked, absolute
	Type string // "SRV", "A", ...
	Net  string // "udp" or "tcp"
	EDNS bool   // the query carried an EDNS OPT record
}

// Server is a DNS server on 127.0.0.1 serving one zone over UDP and TCP on the same port.
type Server struct {
	zone *Zone
	addr string
	udp  *dns.Server
	tcp  *dns.Server

	mu      sync.Mutex
	queries []Query
}

// Start serves zone on 127.0.0.1 (UDP and TCP, one free port) and returns once both listeners answer. Close it
// when done.
func Start(zone *Zone) (*Server, error) {
	if zone == nil {
		zone = NewZone()
	}
	s := &Server{zone: zone}
	pc, ln, err := listenPair()
	if err != nil {
		return nil, err
	}
	s.addr = pc.LocalAddr().String()
	handler := dns.HandlerFunc(s.serve)
	s.udp = &dns.Server{PacketConn: pc, Handler: handler}
	s.tcp = &dns.Server{Listener: ln, Handler: handler, IdleTimeout: func() time.Duration { return 10 * time.Second }}
	for _, srv := range []*dns.Server{s.udp, s.tcp} {
		started := make(chan struct{})
		failed := make(chan error, 1)
		srv.NotifyStartedFunc = func() { close(started) }
		go func(srv *dns.Server) { failed <- srv.ActivateAndServe() }(srv)
		select {
		case <-started:
		case err := <-failed:
			_ = s.Close()
			return nil, fmt.Errorf("start the test DNS server on %s: %w", s.addr, err)
		}
	}
	return s, nil
}

// StartText serves zone-file text (see ParseZone) on 127.0.0.1.
func StartText(text, origin string) (*Server, *Zone, error) {
	zone, err := ParseZone(text, origin)
	if err != nil {
		return nil, nil, err
	}
	s, err := Start(zone)
	if err != nil {
		return nil, nil, err
	}
	return s, zone, nil
}

// TB is the part of testing.TB that Serve uses. dnstest does not import testing: the demo links it into the uclint
// binary.
type TB interface {
	Helper()
	Fatal(args ...any)
	Error(args ...any)
	Cleanup(func())
}

// Serve serves zone-file text (see ParseZone, no origin) on 127.0.0.1 for a test (tb is its testing.TB) and stops
// the server when the test ends; the server's Zone is the zone, to change or to make misbehave.
func Serve(tb TB, zone string) *Server {
	tb.Helper()
	s, _, err := StartText(zone, "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// listenPair binds UDP and TCP on the same free port of 127.0.0.1, retrying when another process takes the TCP
// port between the two binds.
func listenPair() (net.PacketConn, net.Listener, error) {
	var lastErr error
	for range 20 {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, fmt.Errorf("listen for DNS over UDP on 127.0.0.1: %w", err)
		}
		ln, err := net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			return pc, ln, nil
		}
		lastErr = err
		_ = pc.Close()
	}
	return nil, nil, fmt.Errorf("listen for DNS over TCP on 127.0.0.1 beside UDP: %w", lastErr)
}

// Addr is the server's address, "127.0.0.1:PORT", for UDP and TCP alike.
func (s *Server) Addr() string { return s.addr }

// Zone is the zone the server serves; changes to it take effect at once.
func (s *Server) Zone() *Zone { return s.zone }

// Queries returns the queries received so far, in order.
func (s *Server) Queries() []Query {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Query(nil), s.queries...)
}

// Close stops both listeners and waits (a few seconds at most) for the queries in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var errs []error
	for _, srv := range []*dns.Server{s.udp, s.tcp} {
		if srv == nil {
			continue
		}
		if err := srv.ShutdownContext(ctx); err != nil && !strings.Contains(err.Error(), "server not started") {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("stop the test DNS server on %s: %w", s.addr, err)
	}
	return nil
}

func (s *Server) serve(w dns.ResponseWriter, req *dns.Msg) {
	network := "udp"
	if _, ok := w.RemoteAddr().(*net.TCPAddr); ok {
		network = "tcp"
	}
	resp := new(dns.Msg)
	if len(req.Question) != 1 {
		resp.SetRcode(req, dns.RcodeFormatError)
		_ = w.WriteMsg(resp)
		return
	}
	q := req.Question[0]
	opt := req.IsEdns0()
	s.mu.Lock()
	s.queries = append(s.queries, Query{Name: q.Name, Type: dns.TypeToString[q.Qtype], Net: network, EDNS: opt != nil})
	s.mu.Unlock()

	resp.SetReply(req)
	resp.Authoritative = true
	resp.RecursionAvailable = true
	switch s.zone.behavior(q.Name) {
	case Silent:
		return
	case ServFail:
		resp.Rcode = dns.RcodeServerFailure
	case NXDomain:
		resp.Rcode = dns.RcodeNameError
	case Refused:
		resp.Rcode = dns.RcodeRefused
	case NoEDNS:
		if opt != nil {
			resp.Rcode = dns.RcodeFormatError
			_ = w.WriteMsg(resp)
			return
		}
		s.answer(resp, q)
	case Truncate:
		if network == "udp" {
			resp.Truncated = true
			break
		}
		s.answer(resp, q)
	default:
		s.answer(resp, q)
	}
	if opt != nil {
		resp.SetEdns0(dns.DefaultMsgSize, false)
	}
	if network == "udp" {
		size := dns.MinMsgSize
		if opt != nil {
			size = max(int(opt.UDPSize()), dns.MinMsgSize)
		}
		resp.Truncate(size) // sets TC when the answer does not fit, as a real server does
	}
	_ = w.WriteMsg(resp)
}

// answer fills resp from the zone: the records of the name, or its CNAME chain followed inside the zone (a loop
// is served up to where it repeats, a chain leaving the zone up to its last in-zone name).
func (s *Server) answer(resp *dns.Msg, q dns.Question) {
	name := q.Name
	seen := map[string]bool{}
	for range maxChase {
		rrs, cname, exists := s.zone.lookup(name, q.Qtype)
		if b := s.zone.behavior(name); name != q.Name && b != Normal {
			// A name further down the chain misbehaves: a recursive resolver would fail the whole answer.
			if b == NXDomain {
				resp.Rcode = dns.RcodeNameError
			} else {
				resp.Rcode = dns.RcodeServerFailure
			}
			return
		}
		if !exists {
			resp.Rcode = dns.RcodeNameError
			return
		}
		if cname == nil || len(rrs) > 0 {
			resp.Answer = append(resp.Answer, rrs...)
			return
		}
		resp.Answer = append(resp.Answer, cname)
		seen[key(name)] = true
		name = cname.Target
		if seen[key(name)] {
			return
		}
	}
}
