// Package dnstest runs a real DNS server (github.com/miekg/dns) on 127.0.0.1, over UDP and TCP on one port,
// serving a zone given as Go values or as zone-file text. Per name it can misbehave the ways real resolvers do:
// SERVFAIL, NXDOMAIN, REFUSED, truncated UDP answers (the TC bit, forcing TCP), no answer at all, FORMERR to
// queries with EDNS. CNAME loops and SRV records that point at "." are plain zone data. Tests use it; so does the
// demo, which serves a simulated Contoso zone with it so that nothing leaves the machine.
package dnstest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// Behavior is how the server answers queries for one name, whatever the zone holds.
type Behavior int

// The behaviours. Normal answers from the zone.
const (
	Normal   Behavior = iota
	ServFail          // answer SERVFAIL (rcode 2), as a resolver that cannot reach the zone's servers does
	NXDomain          // answer NXDOMAIN even though the zone may hold the name
	Refused           // answer REFUSED, as a server that does not serve the client
	Truncate          // over UDP answer with the TC bit and no records; over TCP answer in full
	Silent            // never answer (the client must time out)
	NoEDNS            // answer FORMERR to a query that carries EDNS, as some old servers and middleboxes do
)

var behaviorNames = [...]string{Normal: "normal", ServFail: "servfail", NXDomain: "nxdomain", Refused: "refused",
	Truncate: "truncate", Silent: "silent", NoEDNS: "noedns"}

// String names the behaviour.
func (b Behavior) String() string {
	if b >= 0 && int(b) < len(behaviorNames) {
		return behaviorNames[b]
	}
	return fmt.Sprintf("behavior(%d)", int(b))
}

// Zone is a set of resource records with per-name behaviours. It is safe for concurrent use: a test may change it
// while a server serves it.
type Zone struct {
	mu        sync.RWMutex
	records   map[string][]dns.RR // by lower-case absolute owner name
	behaviors map[string]Behavior // by lower-case absolute name
}

// NewZone returns an empty zone: every name is NXDOMAIN.
func NewZone() *Zone {
	return &Zone{records: map[string][]dns.RR{}, behaviors: map[string]Behavior{}}
}

// ParseZone reads zone-file text (RFC 1035 master file format, with $ORIGIN and $TTL). Relative names are taken
// relative to origin when the text sets no $ORIGIN ("" for the root).
func ParseZone(text, origin string) (*Zone, error) {
	z := NewZone()
	if err := z.AddText(text, origin); err != nil {
		return nil, err
	}
	return z, nil
}

// AddText adds the records of zone-file text to the zone.
func (z *Zone) AddText(text, origin string) error {
	if origin != "" {
		origin = dns.Fqdn(origin)
	}
	p := dns.NewZoneParser(strings.NewReader(text), origin, "zone")
	p.SetDefaultTTL(300)
	var rrs []dns.RR
	for rr, ok := p.Next(); ok; rr, ok = p.Next() {
		rrs = append(rrs, rr)
	}
	if err := p.Err(); err != nil {
		return fmt.Errorf("read the test zone: %w", err)
	}
	z.Add(rrs...)
	return nil
}

// Add adds resource records to the zone.
func (z *Zone) Add(rrs ...dns.RR) {
	z.mu.Lock()
	defer z.mu.Unlock()
	for _, rr := range rrs {
		key := key(rr.Header().Name)
		z.records[key] = append(z.records[key], rr)
	}
}

// AddRecord adds records written as zone-file lines with absolute names, e.g.
// "pool01.contoso.com. 300 IN A 192.0.2.10".
func (z *Zone) AddRecord(lines ...string) error {
	for _, line := range lines {
		rr, err := dns.NewRR(line)
		if err != nil {
			return fmt.Errorf("read the test record %q: %w", line, err)
		}
		if rr == nil {
			return fmt.Errorf("read the test record %q: it holds no record", line)
		}
		z.Add(rr)
	}
	return nil
}

// SRV adds an SRV record: name → target:port with the given priority and weight. A target of "." says the
// service is not offered (RFC 2782).
func (z *Zone) SRV(name string, priority, weight, port uint16, target string) {
	z.Add(&dns.SRV{Hdr: header(name, dns.TypeSRV), Priority: priority, Weight: weight, Port: port, Target: dns.Fqdn(target)})
}

// A adds an A record (an IPv6 address adds an AAAA record).
func (z *Zone) A(name, ip string) error {
	rr, err := dns.NewRR(fmt.Sprintf("%s 300 IN A %s", dns.Fqdn(name), ip))
	if strings.Contains(ip, ":") {
		rr, err = dns.NewRR(fmt.Sprintf("%s 300 IN AAAA %s", dns.Fqdn(name), ip))
	}
	if err != nil {
		return fmt.Errorf("address record for %s: %w", name, err)
	}
	z.Add(rr)
	return nil
}

// CNAME adds an alias: name → target.
func (z *Zone) CNAME(name, target string) {
	z.Add(&dns.CNAME{Hdr: header(name, dns.TypeCNAME), Target: dns.Fqdn(target)})
}

// Misbehave makes the server answer every query for name the given way (Normal restores the zone's answers).
func (z *Zone) Misbehave(name string, b Behavior) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if b == Normal {
		delete(z.behaviors, key(name))
		return
	}
	z.behaviors[key(name)] = b
}

func (z *Zone) behavior(name string) Behavior {
	z.mu.RLock()
	defer z.mu.RUnlock()
	return z.behaviors[key(name)]
}

// lookup returns the records of name of type qtype (CNAMEs are returned separately) and whether the name exists
// at all (it owns records, or it is an empty non-terminal such as _tcp.contoso.com).
func (z *Zone) lookup(name string, qtype uint16) (rrs []dns.RR, cname *dns.CNAME, exists bool) {
	z.mu.RLock()
	defer z.mu.RUnlock()
	k := key(name)
	for _, rr := range z.records[k] {
		exists = true
		switch {
		case rr.Header().Rrtype == dns.TypeCNAME && qtype != dns.TypeCNAME:
			if cname == nil {
				cname = dns.Copy(rr).(*dns.CNAME)
			}
		case rr.Header().Rrtype == qtype || qtype == dns.TypeANY:
			rrs = append(rrs, dns.Copy(rr))
		}
	}
	if !exists {
		for owner := range z.records {
			if strings.HasSuffix(owner, "."+k) {
				exists = true
				break
			}
		}
	}
	return rrs, cname, exists
}

func header(name string, rrtype uint16) dns.RR_Header {
	return dns.RR_Header{Name: dns.Fqdn(name), Rrtype: rrtype, Class: dns.ClassINET, Ttl: 300}
}

func key(name string) string { return strings.ToLower(dns.Fqdn(name)) }
