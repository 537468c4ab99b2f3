package probe

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/uclint/uclint/policy"
)

// The SRV records automatic client sign-in and federation use, relative to the SIP domain.
const (
	ServiceInternalTLS = "_sipinternaltls._tcp"   // internal sign-in over TLS (Communicator 2007 R2, Phone Edition)
	ServiceInternalTCP = "_sipinternal._tcp"      // internal sign-in over TCP, when TCP is allowed
	ServiceExternalTLS = "_sip._tls"              // external sign-in through the Access Edge
	ServiceFederation  = "_sipfederationtls._tcp" // federation with the Access Edge
	ServiceSIPTCP      = "_sip._tcp"              // informational: no OCS 2007 R2 client relies on it
)

// SIPServices returns the SRV services LookupSIPDomain queries, in the order its observation holds them.
func SIPServices() []string {
	return []string{ServiceInternalTLS, ServiceInternalTCP, ServiceExternalTLS, ServiceFederation, ServiceSIPTCP}
}

// FallbackHosts returns the host labels clients look up under the SIP domain when no SRV record answers, in the
// order the observation holds them: sipinternal, sip, sipexternal.
func FallbackHosts() []string { return []string{"sipinternal", "sip", "sipexternal"} }

// LookupStatus is the outcome of one DNS lookup.
type LookupStatus int

// The outcomes.
const (
	Found      LookupStatus = iota + 1 // the name holds records of the type asked
	NoSuchName                         // NXDOMAIN: the name does not exist
	NoRecords                          // the name exists but holds no record of the type asked (NODATA)
	Failed                             // no usable answer: Err says why
)

var lookupStatusNames = [...]string{Found: "found", NoSuchName: "nxdomain", NoRecords: "no-records", Failed: "failed"}

// String names the status: found, nxdomain, no-records or failed.
func (s LookupStatus) String() string {
	if s >= Found && s <= Failed {
		return lookupStatusNames[s]
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// SIPDomainObservation is what DNS answered for one SIP domain: the SRV records of SIPServices (each target
// resolved) and the fallback host names.
type SIPDomainObservation struct {
	// Domain is the SIP domain, lower case, without a trailing dot.
	Domain string
	// Servers names the DNS servers asked, "10.0.0.1:53, 10.0.0.2:53".
	Servers string
	// SRV holds one lookup per service of SIPServices, in that order.
	SRV []SRVLookup
	// Hosts holds one lookup per name of FallbackHosts (sipinternal.<domain>, ...), in that order.
	Hosts []HostLookup
	// Err is set when the SIP domain could not be looked up at all (it is not a DNS name); SRV and Hosts are
	// then empty.
	Err error
}

// SRVLookup is the answer to one SRV query.
type SRVLookup struct {
	Service string // "_sipinternaltls._tcp"
	Name    string // "_sipinternaltls._tcp.contoso.com"
	Status  LookupStatus
	// CNAMEs are the aliases followed from Name to the records, in order (rare for an SRV name).
	CNAMEs []string
	// Records are the SRV records, lowest priority first, then highest weight, then target.
	Records []SRVRecord
	// Server is the DNS server that gave the answer.
	Server string
	// Err says why the lookup failed (Status Failed).
	Err error
}

// SRVRecord is one SRV record and what its target resolves to.
type SRVRecord struct {
	// Target is the host the record points at, without the trailing dot (DNS presentation format: a byte that is
	// not printable is written \DDD). "." means the service is declared not offered (RFC 2782).
	Target   string
	Port     uint16
	Priority uint16
	Weight   uint16
	// Resolved is the lookup of Target's addresses; zero when Target is ".".
	Resolved HostLookup
}

// NotOffered reports whether the record declares the service not offered (target ".").
func (r SRVRecord) NotOffered() bool { return r.Target == "." }

// HostLookup is the A and AAAA lookup of one host name.
type HostLookup struct {
	Name   string
	Status LookupStatus
	// CNAMEs are the aliases followed from Name, in order: the last holds the addresses.
	CNAMEs    []string
	Addresses []netip.Addr
	// Server is the DNS server that gave the answer.
	Server string
	// Err says why the lookup failed (Status Failed) or, with Status Found, why some addresses may be missing
	// (the AAAA query failed while the A query answered, say).
	Err error
}

// Service returns the lookup of one service of SIPServices, nil when the observation holds none.
func (o *SIPDomainObservation) Service(service string) *SRVLookup {
	for i := range o.SRV {
		if o.SRV[i].Service == service {
			return &o.SRV[i]
		}
	}
	return nil
}

// Host returns the lookup of one fallback label ("sipinternal", "sip", "sipexternal"), nil when there is none.
func (o *SIPDomainObservation) Host(label string) *HostLookup {
	name := label + "." + o.Domain
	for i := range o.Hosts {
		if policy.SameName(o.Hosts[i].Name, name) {
			return &o.Hosts[i]
		}
	}
	return nil
}

// Errors returns every failed lookup of the observation, SRV targets included, each naming the name and the DNS
// server asked. An observation with errors is incomplete: a record reported missing may only not have answered.
// The same failure (sip.<domain> as an SRV target and as a fallback name) is listed once.
func (o *SIPDomainObservation) Errors() []error {
	var errs []error
	seen := map[string]bool{}
	add := func(err error) {
		if err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	add(o.Err)
	for _, s := range o.SRV {
		add(s.Err)
		for _, r := range s.Records {
			add(r.Resolved.Err)
		}
	}
	for _, h := range o.Hosts {
		add(h.Err)
	}
	return errs
}

// DNSOptions configure a Resolver.
type DNSOptions struct {
	// Server is the DNS server to ask, HOST or HOST:PORT (an internal resolver: split-brain DNS is the norm). ""
	// uses the system's DNS servers (/etc/resolv.conf; on Windows the network adapters' DNS servers).
	Server string
	// Timeout bounds the whole lookup of one SIP domain, retries and SRV targets included (default 5s).
	Timeout time.Duration
	// Attempts is how often one query is sent before it is given up (default 3; the system configuration's
	// attempts when Server is ""). Each attempt waits at most Timeout/Attempts for its answer.
	Attempts int
	// Concurrency is how many SIP domains LookupSIPDomains looks up at once (default 8).
	Concurrency int
}

// Resolver asks DNS the questions automatic client sign-in depends on. It is safe for concurrent use.
type Resolver struct {
	servers     []string
	timeout     time.Duration
	attempts    int
	concurrency int
}

// DefaultDNSAttempts is how often a query is sent by default.
const DefaultDNSAttempts = 3

// maxCNAMEs bounds the aliases followed for one name; maxSRVTargets bounds the targets resolved for one SRV name.
const (
	maxCNAMEs     = 8
	maxSRVTargets = 32
)

// NewResolver returns a resolver asking opts.Server, or the system's DNS servers when it is "".
func NewResolver(opts DNSOptions) (*Resolver, error) {
	r := &Resolver{timeout: opts.Timeout, attempts: opts.Attempts, concurrency: opts.Concurrency}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	if r.concurrency <= 0 {
		r.concurrency = 8
	}
	if opts.Server != "" {
		server, err := ParseDNSServer(opts.Server)
		if err != nil {
			return nil, err
		}
		r.servers = []string{server}
	} else {
		servers, attempts, err := systemDNSServers()
		if err != nil {
			return nil, err
		}
		r.servers = servers
		if r.attempts <= 0 {
			r.attempts = attempts
		}
	}
	if r.attempts <= 0 {
		r.attempts = DefaultDNSAttempts
	}
	return r, nil
}

// Servers returns the DNS servers the resolver asks, HOST:PORT each.
func (r *Resolver) Servers() []string { return append([]string(nil), r.servers...) }

// LookupSIPDomains looks up every SIP domain, several at once, and returns the observations in the same order.
func (r *Resolver) LookupSIPDomains(ctx context.Context, domains []string) []SIPDomainObservation {
	out := make([]SIPDomainObservation, len(domains))
	sem := make(chan struct{}, r.concurrency)
	var wg sync.WaitGroup
	for i, d := range domains {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = r.LookupSIPDomain(ctx, d)
		})
	}
	wg.Wait()
	return out
}

// LookupSIPDomain queries, for the SIP domain, the SRV records of SIPServices (resolving each target, aliases
// recorded) and the A/AAAA records of the FallbackHosts, in parallel. It returns within the resolver's timeout
// (or when ctx ends); every lookup that failed carries an error naming the name and the DNS server asked.
func (r *Resolver) LookupSIPDomain(ctx context.Context, domain string) SIPDomainObservation {
	obs := SIPDomainObservation{Domain: strings.ToLower(strings.TrimSuffix(domain, ".")), Servers: strings.Join(r.servers, ", ")}
	if err := checkSIPDomain(domain); err != nil {
		obs.Err = err
		return obs
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	hosts := &hostCache{r: r, entries: map[string]*hostEntry{}}
	services := SIPServices()
	fallbacks := FallbackHosts()
	obs.SRV = make([]SRVLookup, len(services))
	obs.Hosts = make([]HostLookup, len(fallbacks))
	var wg sync.WaitGroup
	for i, s := range services {
		wg.Go(func() { obs.SRV[i] = r.lookupSRV(ctx, s, s+"."+obs.Domain, hosts) })
	}
	for i, h := range fallbacks {
		wg.Go(func() { obs.Hosts[i] = hosts.lookup(ctx, h+"."+obs.Domain) })
	}
	wg.Wait()
	return obs
}

// checkSIPDomain refuses what cannot be a SIP domain's DNS name, before any query is sent.
func checkSIPDomain(domain string) error {
	d := strings.TrimSuffix(domain, ".")
	for i := 0; i < len(d); i++ {
		if c := d[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("SIP domain %q: holds a space, a control character or a non-ASCII byte; write it as users' SIP URIs carry it (an internationalized name as its xn-- form)", domain)
		}
	}
	if _, ok := dns.IsDomainName(d); !ok || d == "" || strings.Contains(d, "..") || strings.HasPrefix(d, ".") {
		return fmt.Errorf("SIP domain %q is not a DNS name; give the host part of users' SIP URIs, e.g. contoso.com", domain)
	}
	return nil
}

// lookupSRV queries one SRV name and resolves its targets.
func (r *Resolver) lookupSRV(ctx context.Context, service, name string, hosts *hostCache) SRVLookup {
	l := SRVLookup{Service: service, Name: name}
	a := r.resolve(ctx, name, dns.TypeSRV)
	l.Status, l.CNAMEs, l.Server, l.Err = a.status, a.chain, a.server, a.err
	for _, rr := range a.rrs {
		srv, ok := rr.(*dns.SRV)
		if !ok {
			continue
		}
		l.Records = append(l.Records, SRVRecord{Target: displayName(srv.Target), Port: srv.Port, Priority: srv.Priority, Weight: srv.Weight})
	}
	sort.SliceStable(l.Records, func(i, j int) bool {
		a, b := l.Records[i], l.Records[j]
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		if a.Weight != b.Weight {
			return a.Weight > b.Weight
		}
		if ta, tb := strings.ToLower(a.Target), strings.ToLower(b.Target); ta != tb {
			return ta < tb
		}
		return a.Port < b.Port
	})
	var wg sync.WaitGroup
	resolved := map[string]bool{}
	for i := range l.Records {
		rec := &l.Records[i]
		if rec.NotOffered() {
			continue
		}
		key := strings.ToLower(rec.Target)
		if !resolved[key] && len(resolved) >= maxSRVTargets {
			rec.Resolved = HostLookup{Name: rec.Target, Status: Failed, Err: fmt.Errorf(
				"%s: not resolved: %s has more than %d targets", rec.Target, name, maxSRVTargets)}
			continue
		}
		resolved[key] = true
		wg.Go(func() { rec.Resolved = hosts.lookup(ctx, rec.Target) })
	}
	wg.Wait()
	return l
}

// hostCache resolves each host name once per SIP domain: sip.<domain> is often both an SRV target and a fallback.
type hostCache struct {
	r       *Resolver
	mu      sync.Mutex
	entries map[string]*hostEntry
}

type hostEntry struct {
	once sync.Once
	res  HostLookup
}

func (c *hostCache) lookup(ctx context.Context, name string) HostLookup {
	c.mu.Lock()
	e, ok := c.entries[strings.ToLower(name)]
	if !ok {
		e = &hostEntry{}
		c.entries[strings.ToLower(name)] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.res = c.r.lookupHost(ctx, name) })
	res := e.res
	res.Name = name // the spelling this caller used
	return res
}

// lookupHost queries A and AAAA at once and merges the answers.
func (r *Resolver) lookupHost(ctx context.Context, name string) HostLookup {
	var v4, v6 answer
	var wg sync.WaitGroup
	wg.Go(func() { v4 = r.resolve(ctx, name, dns.TypeA) })
	wg.Go(func() { v6 = r.resolve(ctx, name, dns.TypeAAAA) })
	wg.Wait()
	h := HostLookup{Name: name, Server: v4.server, CNAMEs: v4.chain}
	if len(h.CNAMEs) == 0 {
		h.CNAMEs = v6.chain
	}
	if h.Server == "" {
		h.Server = v6.server
	}
	seen := map[netip.Addr]bool{}
	for _, rr := range append(v4.rrs, v6.rrs...) {
		var addr netip.Addr
		switch rr := rr.(type) {
		case *dns.A:
			addr, _ = netip.AddrFromSlice(rr.A)
		case *dns.AAAA:
			addr, _ = netip.AddrFromSlice(rr.AAAA)
		}
		addr = addr.Unmap()
		if addr.IsValid() && !seen[addr] {
			seen[addr] = true
			h.Addresses = append(h.Addresses, addr)
		}
	}
	err := mergeLookupErrors(v4.err, v6.err)
	switch {
	case len(h.Addresses) > 0:
		h.Status, h.Err = Found, err
	case err != nil:
		h.Status, h.Err = Failed, err
	case v4.status == NoSuchName && v6.status == NoSuchName:
		h.Status = NoSuchName
	default:
		h.Status = NoRecords
	}
	return h
}

// mergeLookupErrors joins the A and AAAA errors of one name, as one "A/AAAA" error when both say the same.
func mergeLookupErrors(v4, v6 error) error {
	var e4, e6 *LookupError
	if errors.As(v4, &e4) && errors.As(v6, &e6) && e4.Name == e6.Name && e4.Problem == e6.Problem {
		merged := *e4
		merged.Type = "A/AAAA"
		return &merged
	}
	return errors.Join(v4, v6)
}

// answer is the outcome of one name and type, aliases followed.
type answer struct {
	status LookupStatus
	chain  []string // aliases followed, display form
	rrs    []dns.RR // records of the type asked, owned by the last name of the chain
	server string
	err    error
}

// resolve asks for name/qtype and follows CNAMEs, within the answer and by asking again, up to maxCNAMEs; a loop
// or a longer chain is an error.
func (r *Resolver) resolve(ctx context.Context, name string, qtype uint16) answer {
	cur := dns.Fqdn(name)
	seen := map[string]bool{strings.ToLower(cur): true}
	var a answer
	kind := dns.TypeToString[qtype]
	for {
		msg, server, err := r.exchange(ctx, cur, qtype)
		a.server = server
		if err != nil {
			a.status, a.err = Failed, err
			return a
		}
		start := cur
		for {
			var next string
			for _, rr := range msg.Answer {
				if !policy.EqualFoldASCII(rr.Header().Name, cur) {
					continue // not about the name asked: ignore it
				}
				switch {
				case rr.Header().Rrtype == qtype && rr.Header().Class == dns.ClassINET:
					a.rrs = append(a.rrs, rr)
				case next == "":
					if c, ok := rr.(*dns.CNAME); ok {
						next = c.Target
					}
				}
			}
			if len(a.rrs) > 0 || next == "" {
				break
			}
			a.chain = append(a.chain, displayName(next))
			if next == "." {
				a.status, a.err = Failed, &LookupError{Type: kind, Name: displayName(name), Server: server, Problem: fmt.Sprintf(
					"the alias %s points at the root (.), not at a host, at DNS server %s: fix the CNAME record", displayName(cur), server)}
				return a
			}
			if seen[strings.ToLower(next)] {
				a.status, a.err = Failed, &LookupError{Type: kind, Name: displayName(name), Server: server, Problem: fmt.Sprintf(
					"the aliases loop (%s → %s) at DNS server %s: fix the CNAME records so that the chain ends in an address",
					displayName(name), strings.Join(a.chain, " → "), server)}
				return a
			}
			if len(a.chain) > maxCNAMEs {
				a.status, a.err = Failed, &LookupError{Type: kind, Name: displayName(name), Server: server, Problem: fmt.Sprintf(
					"more than %d aliases (%s → %s …) at DNS server %s: point the record at the host itself",
					maxCNAMEs, displayName(name), strings.Join(a.chain[:maxCNAMEs], " → "), server)}
				return a
			}
			seen[strings.ToLower(next)] = true
			cur = next
		}
		switch {
		case len(a.rrs) > 0:
			a.status = Found
			return a
		case msg.Rcode == dns.RcodeNameError:
			a.status = NoSuchName
			return a
		case cur == start:
			a.status = NoRecords
			return a
		}
		// The answer ended at an alias it held no records for: ask for the alias itself.
	}
}

// LookupError is a DNS query that got no usable answer. Its message names the record, the DNS server asked and
// what to do.
type LookupError struct {
	Type    string // "SRV", "A", "AAAA", or "A/AAAA" when both failed alike
	Name    string // the name asked, without the trailing dot
	Server  string // the DNS server asked last
	Problem string // what went wrong, in plain words, naming the server
	Err     error  // the underlying error, if any
}

// Error says which record could not be looked up and why.
func (e *LookupError) Error() string { return e.Type + " " + e.Name + ": " + e.Problem }

// Unwrap returns the underlying error.
func (e *LookupError) Unwrap() error { return e.Err }

// exchange sends one query, retrying up to the resolver's attempts (rotating over its servers), over UDP and then
// over TCP when the answer is truncated. It returns the answer (NOERROR or NXDOMAIN) and the server that gave it.
func (r *Resolver) exchange(ctx context.Context, name string, qtype uint16) (*dns.Msg, string, error) {
	perAttempt := r.timeout / time.Duration(r.attempts)
	fail := func(server, problem string, err error) *LookupError {
		return &LookupError{Type: dns.TypeToString[qtype], Name: displayName(name), Server: server, Problem: problem, Err: err}
	}
	var last *LookupError
	var lastErr error
	server := r.servers[0]
	tries := 0
	for attempt := 0; attempt < r.attempts; attempt++ {
		server = r.servers[attempt%len(r.servers)]
		if err := ctx.Err(); err != nil {
			if last == nil {
				return nil, server, fail(server, fmt.Sprintf("no answer from DNS server %s: %s", server, stopped(err, r.timeout)), err)
			}
			break
		}
		tries++
		msg, err := r.exchangeOnce(ctx, name, qtype, server, perAttempt, true)
		if err == nil && msg.Rcode == dns.RcodeFormatError {
			// An old server or a middlebox that does not know EDNS: ask again without it.
			msg, err = r.exchangeOnce(ctx, name, qtype, server, perAttempt, false)
		}
		if err != nil {
			last, lastErr = fail(server, exchangeProblem(err, server, perAttempt, 1), err), err
			continue
		}
		if msg.Rcode == dns.RcodeSuccess || msg.Rcode == dns.RcodeNameError {
			return msg, server, nil
		}
		last, lastErr = fail(server, rcodeProblem(msg.Rcode, server), nil), nil
		if attempt+1 >= len(r.servers) {
			return nil, server, last // each server said its word: asking again changes nothing
		}
	}
	if lastErr != nil && tries > 1 {
		last.Problem = exchangeProblem(lastErr, last.Server, perAttempt, tries)
	}
	return nil, server, last
}

// exchangeOnce sends one query to one server, over UDP and, when the answer is truncated, over TCP.
func (r *Resolver) exchangeOnce(ctx context.Context, name string, qtype uint16, server string, timeout time.Duration, edns bool) (*dns.Msg, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	q := new(dns.Msg)
	q.SetQuestion(name, qtype)
	q.RecursionDesired = true
	if edns {
		q.SetEdns0(1232, false)
	}
	client := &dns.Client{Net: "udp", Timeout: timeout}
	msg, _, err := client.ExchangeContext(ctx, q, server)
	if err == nil && msg.Truncated {
		client.Net = "tcp"
		msg, _, err = client.ExchangeContext(ctx, q, server)
		if err != nil {
			return nil, &truncatedError{err: err}
		}
		if msg.Truncated {
			return nil, &truncatedError{err: errors.New("the TCP answer was truncated too")}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("ask DNS server %s: %w", server, err)
	}
	if len(msg.Question) != 1 || !policy.EqualFoldASCII(msg.Question[0].Name, name) || msg.Question[0].Qtype != qtype {
		return nil, errWrongQuestion
	}
	return msg, nil
}

var errWrongQuestion = errors.New("the answer is about another question")

// truncatedError is a UDP answer with the TC bit whose TCP retry failed.
type truncatedError struct{ err error }

func (e *truncatedError) Error() string { return "truncated answer: " + e.err.Error() }
func (e *truncatedError) Unwrap() error { return e.err }

// exchangeProblem says in plain words why a query got no answer.
func exchangeProblem(err error, server string, timeout time.Duration, tries int) string {
	within := timeout.Round(time.Millisecond).String()
	if tries > 1 {
		within = fmt.Sprintf("%s (%d tries)", within, tries)
	}
	var trunc *truncatedError
	switch {
	case errors.As(err, &trunc):
		return fmt.Sprintf("DNS server %s truncated its answer over UDP and the retry over TCP failed (%s): allow DNS over TCP port 53 to it", server, tcpProblem(trunc.err, timeout))
	case errors.Is(err, errWrongQuestion):
		return fmt.Sprintf("DNS server %s answered another question: check that %s is a DNS server", server, server)
	case errors.Is(err, context.Canceled):
		return fmt.Sprintf("the query to DNS server %s was canceled", server)
	case isTimeout(err):
		return fmt.Sprintf("no answer from DNS server %s within %s: check that it is reachable from here, or name an internal DNS server with --dns-server", server, within)
	case strings.Contains(err.Error(), "connection refused"):
		return fmt.Sprintf("DNS server %s refused the connection (nothing listens on that port): check the address given with --dns-server", server)
	}
	return fmt.Sprintf("no usable answer from DNS server %s: %v", server, err)
}

func tcpProblem(err error, timeout time.Duration) string {
	switch {
	case isTimeout(err):
		return fmt.Sprintf("no TCP answer within %s", timeout.Round(time.Millisecond))
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &t) && t.Timeout())
}

// stopped says why no further query is sent.
func stopped(err error, timeout time.Duration) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("the lookup of the SIP domain ran out of its %s", timeout)
	}
	return "the lookup was canceled"
}

// rcodeProblem says in plain words what a failure rcode means.
func rcodeProblem(rcode int, server string) string {
	switch rcode {
	case dns.RcodeServerFailure:
		return fmt.Sprintf("DNS server %s answered SERVFAIL (server failure): it could not get an answer from the zone's DNS servers; check the zone's delegation and its servers", server)
	case dns.RcodeRefused:
		return fmt.Sprintf("DNS server %s refused the query (REFUSED): it does not answer this client for this zone; ask an internal DNS server with --dns-server", server)
	case dns.RcodeNotImplemented:
		return fmt.Sprintf("DNS server %s does not implement this query (NOTIMP)", server)
	case dns.RcodeFormatError:
		return fmt.Sprintf("DNS server %s rejected the query as malformed (FORMERR), with and without EDNS", server)
	}
	return fmt.Sprintf("DNS server %s answered %s", server, dns.RcodeToString[rcode])
}

// displayName writes a DNS name without its trailing dot, keeping "." for the root and an escaped final dot.
func displayName(name string) string {
	if name == "." || name == "" {
		return name
	}
	if strings.HasSuffix(name, ".") {
		backslashes := 0
		for i := len(name) - 2; i >= 0 && name[i] == '\\'; i-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return name[:len(name)-1]
		}
	}
	return name
}
