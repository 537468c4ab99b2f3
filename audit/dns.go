package audit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// DNSEndpoint is the endpoint name of a SIP domain's DNS target in the report.
const DNSEndpoint = "dns"

// DNS is what the DNS audit of automatic sign-in asks, of whom, and what it knows of the servers DNS leads to.
type DNS struct {
	// Resolver asks the DNS server given (--dns-server) or the system's.
	Resolver *probe.Resolver
	// Domains are the SIP domains to look up, normalized, each once.
	Domains []string
	// AutoConfig says automatic client sign-in is on: a SIP domain that answers none of its sign-in records fails.
	AutoConfig bool
	// Listed are the SIP domains the deployment file lists, and ListedIn names that file ("" without one): a SIP
	// domain clients sign in with that the file does not list is reported (w_ocs_dns_sip_domain_not_in_deployment).
	Listed   []string
	ListedIn string
	// Servers are where the deployment says which server lives (policy.Deployment.Targets, or one target made from
	// --role and --fqdn): a place whose name is a server's or a member's FQDN, or whose name:port or address:port is
	// an endpoint address, is that server's, and the server's role rules run there too.
	Servers []policy.Target
}

// RunDNS audits automatic sign-in beside the targets (a scan's; none for uclint dns) and returns one report. For
// each SIP domain it asks DNS the records clients follow and runs the DNS rules (a target per SIP domain, endpoint
// "dns", whose error lists the lookups that failed, each naming the record and the DNS server); then it dials every
// place those records lead a client to (an SRV target on its port, a fallback name on 5061 and 443) at the first
// address DNS gave, sending the name the client looked up, and judges the certificate there: the name the client
// expects (lint.PlaceFindings), the rules that need no role, and, where the deployment file says which server lives
// there, that server's role rules. A place is one more endpoint: it is probed with the targets, Concurrency at a time,
// with the same probe options and SNI mode; a place several SIP domains share is dialled once.
//
// The SIP domains found in DNS are compared with the deployment's: a server a SIP domain's _sipinternaltls._tcp
// record leads to is judged, at its places and its scan targets alike, with that domain among its SIP domains and
// automatic configuration on (so e_ocs_san_missing_sip_domain asks for sip.<domain> on its certificate), and a SIP
// domain with sign-in records that the deployment file does not list is a warning on its DNS target. The sip.<domain>
// names of each certificate found are compared with the SIP domains looked up (n_ocs_dns_certificate_sip_domain_unchecked).
//
// A place where nothing answering is normal (Place.Optional) and where nothing answered is left out of the report.
func RunDNS(ctx context.Context, targets []policy.Target, d DNS, s Settings) *report.Report {
	r := report.New(time.Now(), s.ExpiryWarning, s.ExpiryCritical)
	start := time.Now()
	observations := d.Resolver.LookupSIPDomains(ctx, d.Domains)
	s.log("dns looked up", "sip_domains", len(d.Domains), "servers", strings.Join(d.Resolver.Servers(), ", "),
		"lookup_seconds", time.Since(start).Seconds())
	findings := lint.DNSFindings(lint.DNSInput{Domains: observations, AutoConfig: d.AutoConfig, Listed: d.Listed, ListedIn: d.ListedIn})

	a := &dnsAudit{d: &d, s: &s, observations: observations, servers: newServerIndex(d.Servers)}
	a.findPlaces()
	targets = a.extendContexts(targets)

	domainTargets := make([]report.Target, len(observations))
	for i := range observations {
		domainTargets[i] = domainTarget(&observations[i], findings[i].Findings, a.skipped[i])
	}
	// The places are dialled with the targets, one endpoint target per address and server name: the places that
	// share it are judged one after the other in the goroutine that dialled (a certificate is linted by one
	// goroutine).
	dials := a.dials()
	all := slices.Clone(targets)
	for _, places := range dials {
		all = append(all, places[0].target)
	}
	s.observed = func(i int, obs probe.Observation, tg report.Target) []report.Target {
		if i < len(targets) {
			return []report.Target{tg}
		}
		for k, pt := range dials[i-len(targets)] {
			a.judgePlace(ctx, pt, obs, &tg, k == 0)
		}
		return nil // the places go under their SIP domains, below
	}
	if done := s.Done; done != nil {
		var finished atomic.Int64
		s.Done = func() { // a progress bar counts the targets it was given
			if finished.Add(1) <= int64(len(targets)) {
				done()
			}
		}
	}
	results := s.judgeAll(ctx, all)
	s.addResults(r, results[:len(targets)])
	for i := range observations {
		r.Targets = append(r.Targets, domainTargets[i])
		for _, p := range a.places {
			if p.domain == i && !p.omit {
				r.Targets = append(r.Targets, p.report)
			}
		}
	}
	r.Finish()
	return r
}

// dnsAudit is one run of the DNS audit.
type dnsAudit struct {
	d            *DNS
	s            *Settings
	observations []probe.SIPDomainObservation
	servers      *serverIndex
	places       []*placeTarget
	// extended are the SIP domains found in DNS to lead to each server (by lower-case name).
	extended map[string][]string
	// skipped says, per SIP domain, which SRV records had more targets than are dialled.
	skipped map[int][]string
}

// maxPlacesPerRecord bounds the places one SRV record leads to that are dialled: as many as the DNS client resolves
// (a record with a thousand targets is hostile, not a pool).
const maxPlacesPerRecord = 32

// placeTarget is one name:port that a SIP domain's records lead clients to, and its report target.
type placeTarget struct {
	domain int          // index in observations
	places []lint.Place // every record of the domain that leads here (same Address)
	target policy.Target
	known  bool // the deployment says which server lives here
	dial   string
	report report.Target
	omit   bool // optional, and nothing answered
}

// findPlaces lists each SIP domain's places (one per name:port, the records leading there merged) and matches each
// with the deployment's servers.
func (a *dnsAudit) findPlaces() {
	a.extended = map[string][]string{}
	a.skipped = map[int][]string{}
	for i := range a.observations {
		obs := &a.observations[i]
		if obs.Err != nil {
			continue
		}
		byAddress := map[string]*placeTarget{}
		perRecord := map[string]int{}
		for _, p := range lint.Places(obs) {
			if !p.Fallback() {
				if perRecord[p.Record]++; perRecord[p.Record] > maxPlacesPerRecord {
					continue
				}
			}
			key := strings.ToLower(p.Address())
			if pt, ok := byAddress[key]; ok {
				pt.places = append(pt.places, p)
				continue
			}
			pt := &placeTarget{domain: i, places: []lint.Place{p}}
			byAddress[key] = pt
			a.places = append(a.places, pt)
		}
		for _, l := range obs.SRV {
			if n := perRecord[l.Name]; n > maxPlacesPerRecord {
				a.skipped[i] = append(a.skipped[i], fmt.Sprintf("%s leads to %d places: uclint dialled the first %d", l.Name, n, maxPlacesPerRecord))
			}
		}
	}
	for _, pt := range a.places {
		p := &pt.places[0]
		pt.target, pt.known = a.servers.match(p, a.observations[pt.domain].Domain, a.d.AutoConfig)
		if pt.known && pt.leadsSignIn() {
			key := strings.ToLower(pt.target.Server)
			a.extended[key] = policy.SIPDomains(append(a.extended[key], a.observations[pt.domain].Domain))
		}
	}
	for _, pt := range a.places {
		if pt.known {
			pt.target.Context = a.extend(pt.target.Context, pt.target.Server)
		}
	}
}

// leadsSignIn reports whether the internal TLS sign-in record (_sipinternaltls._tcp) leads here: the SIP domain's
// designated server.
func (pt *placeTarget) leadsSignIn() bool {
	for _, p := range pt.places {
		if p.Service == probe.ServiceInternalTLS {
			return true
		}
	}
	return false
}

// extend adds to a server's context the SIP domains whose sign-in records lead to it, with automatic configuration
// on: DNS says clients find the server that way.
func (a *dnsAudit) extend(ctx policy.Context, server string) policy.Context {
	domains, ok := a.extended[strings.ToLower(server)]
	if !ok {
		return ctx
	}
	ctx.SIPDomains = policy.SIPDomains(append(append([]string(nil), ctx.SIPDomains...), domains...))
	ctx.AutoConfig = true
	return ctx
}

// extendContexts returns the targets with the contexts of the servers DNS leads clients to extended.
func (a *dnsAudit) extendContexts(targets []policy.Target) []policy.Target {
	if len(a.extended) == 0 {
		return targets
	}
	out := slices.Clone(targets)
	for i := range out {
		out[i].Context = a.extend(out[i].Context, out[i].Server)
	}
	return out
}

// dials builds each place's report target and groups the places to dial by address and server name: each group
// is one endpoint, dialled as its first place's target.
func (a *dnsAudit) dials() [][]*placeTarget {
	var dials [][]*placeTarget
	byDial := map[string]int{} // the index in dials of each address and server name
	for _, pt := range a.places {
		pt.report = a.placeReport(pt)
		p := &pt.places[0]
		if p.Unresolved != nil || len(p.Addresses) == 0 {
			pt.report.Error = unresolvedError(pt)
			pt.omit = pt.optional()
			continue
		}
		ep := probe.Endpoint{Address: netip.AddrPortFrom(p.Addresses[0].Unmap(), p.Port).String(), SNI: sniName(p.Host)}
		if a.s.SNI == SNINone {
			ep.SNI = ""
		}
		pt.dial = ep.Address
		pt.report.Address = ep.Address
		pt.target.Address, pt.target.SNI = ep.Address, sniName(p.Host)
		key := ep.Address + "\x00" + ep.SNI
		if k, ok := byDial[key]; ok {
			dials[k] = append(dials[k], pt)
			continue
		}
		byDial[key] = len(dials)
		dials = append(dials, []*placeTarget{pt})
	}
	return dials
}

// sniName is the name a client sends for a host DNS gave: the host, unless it is not a name a TLS server name can
// carry (DNS escapes, an IP literal), when it sends none.
func sniName(host string) string {
	if strings.ContainsAny(host, `\ `) || policy.NameProblem(host) != "" {
		return ""
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return ""
	}
	return policy.NormalizeName(host)
}

// optional reports whether clients come to the place only when what they try first does not answer.
func (pt *placeTarget) optional() bool {
	for _, p := range pt.places {
		if !p.Optional {
			return false
		}
	}
	return true
}

// placeReport is the report target of a place before it is dialled.
func (a *dnsAudit) placeReport(pt *placeTarget) report.Target {
	p := &pt.places[0]
	tg := base(pt.target)
	tg.SIPDomain = a.observations[pt.domain].Domain
	tg.Place = p.Address()
	info := &report.DNS{Servers: a.observations[pt.domain].Servers, Optional: pt.optional()}
	for _, q := range pt.places {
		if !slices.Contains(info.Records, q.Record) {
			info.Records = append(info.Records, q.Record)
		}
		for _, c := range q.Clients {
			if !slices.Contains(info.Clients, string(c)) {
				info.Clients = append(info.Clients, string(c))
			}
		}
	}
	for _, addr := range p.Addresses {
		info.Addresses = append(info.Addresses, addr.String())
	}
	tg.DNS = info
	return tg
}

// records lists what leads clients to the place, for a message: "_sipinternaltls._tcp.contoso.com".
func (pt *placeTarget) records() string {
	var names []string
	for _, p := range pt.places {
		name := p.Record
		if p.Fallback() {
			name = "the fallback name " + p.Record
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, " and ")
}

// unresolvedError says why a place whose name has no address could not be dialled.
func unresolvedError(pt *placeTarget) string {
	p := &pt.places[0]
	if p.Unresolved != nil {
		return fmt.Sprintf("%s: not dialled: %v", p.Address(), p.Unresolved)
	}
	return fmt.Sprintf("%s: not dialled: DNS gave no address for %s", p.Address(), p.Host)
}

// judgePlace judges the certificate a place presented: the names the client expects there, the rules that need no
// role, and the role rules when the deployment says which server lives there. judged is the endpoint target the
// audit pipeline made of the dial (its TLS handshake; for the first place of the dial, whose context it was judged
// with, also its certificate, the rules' findings and the SNI comparison); the other places of the same dial are
// judged here with their own context.
func (a *dnsAudit) judgePlace(ctx context.Context, pt *placeTarget, obs probe.Observation, judged *report.Target, first bool) {
	start := time.Now()
	tg := &pt.report
	tg.TLS = judged.TLS
	if obs.Err != nil {
		pt.omit = pt.optional()
		tg.Error = fmt.Sprintf("%s, reached through %s: %s", pt.place(), pt.records(), strings.TrimPrefix(obs.Err.Error(), pt.dial+": "))
		a.s.log("dns place did not answer", "place", tg.Place, "address", pt.dial, "optional", pt.omit, "error", obs.Err)
		return
	}
	if first {
		tg.Certificate, tg.Findings, tg.Error = judged.Certificate, slices.Clone(judged.Findings), judged.Error
	} else {
		a.s.judge(tg, obs, pt.target.Context, pt.target.Endpoint)
		if a.s.SNI == SNIBoth && pt.target.SNI != "" && tg.Error == "" {
			a.s.compareWithoutSNI(ctx, tg, pt.target, obs)
		}
	}
	if tg.Error != "" {
		return
	}
	d := &a.observations[pt.domain]
	for i := range pt.places {
		for _, f := range lint.PlaceFindings(d, &pt.places[i], obs.Leaf) {
			tg.Findings = appendFinding(tg.Findings, f)
		}
	}
	if f := lint.UncheckedSIPDomains(&pt.places[0], obs.Leaf, a.d.Domains, a.d.ListedIn); f != nil {
		tg.Findings = appendFinding(tg.Findings, *f)
	}
	report.SortFindings(tg.Findings)
	a.s.log("dns place probed", "place", tg.Place, "address", pt.dial, "server", tg.Server, "findings", len(tg.Findings),
		"lint_seconds", time.Since(start).Seconds())
}

// place names the place and the address dialled: "pool01.contoso.com:5061 (10.0.0.11:5061)".
func (pt *placeTarget) place() string {
	if pt.dial == "" {
		return pt.report.Place
	}
	return pt.report.Place + " (" + pt.dial + ")"
}

// appendFinding adds a finding unless the same one is there (two records leading to one place may say the same).
func appendFinding(fs []report.Finding, f lint.Finding) []report.Finding {
	for _, g := range fs {
		if g.Lint == f.Lint && g.Details == f.Details {
			return fs
		}
	}
	return append(fs, report.Finding{Finding: f})
}

// maxProblemsListed bounds the failed lookups a SIP domain's error lists (a hostile zone can fail hundreds).
const maxProblemsListed = 5

// domainTarget is the report target of one SIP domain's DNS: its findings, what DNS answered and where each client
// would sign in; its error lists the lookups that failed (the first few), and the records with more places than
// were dialled.
func domainTarget(obs *probe.SIPDomainObservation, findings []lint.Finding, skipped []string) report.Target {
	tg := report.Target{SIPDomain: obs.Domain, Endpoint: DNSEndpoint, Address: obs.Servers, Findings: report.FindingsOf(findings)}
	if tg.SIPDomain == "" {
		tg.SIPDomain = "(empty)" // the schema wants a name: a blank --sip-domain never gets here, but say so if it does
	}
	if obs.Err != nil {
		tg.Error = obs.Err.Error()
		return tg
	}
	problems := append(lookupProblems(obs.Errors()), skipped...)
	switch {
	case allFailed(obs):
		tg.Error = "the SIP domain " + obs.Domain + " was not checked: " + strings.Join(problems, "; ")
	case len(problems) > 0:
		tg.Error = "DNS lookups failed, so the SIP domain " + obs.Domain + " was checked only in part: " + strings.Join(problems, "; ")
	}
	tg.DNS = domainInfo(obs)
	return tg
}

// lookupProblems says why lookups failed, one line per problem with the records it struck ("DNS server 10.0.0.53:53
// answered SERVFAIL ... (SRV _sip._tls.contoso.com and A/AAAA sip.contoso.com)"), at most maxProblemsListed.
func lookupProblems(errs []error) []string {
	type group struct {
		problem string
		names   []string
	}
	var groups []*group
	byProblem := map[string]*group{}
	for _, err := range errs {
		problem, name := err.Error(), ""
		if le, ok := errors.AsType[*probe.LookupError](err); ok {
			problem, name = le.Problem, le.Type+" "+le.Name
		}
		g, ok := byProblem[problem]
		if !ok {
			g = &group{problem: problem}
			byProblem[problem] = g
			groups = append(groups, g)
		}
		if name != "" {
			g.names = append(g.names, name)
		}
	}
	var out []string
	for i, g := range groups {
		if i == maxProblemsListed {
			out = append(out, fmt.Sprintf("and %d more problems", len(groups)-i))
			break
		}
		switch len(g.names) {
		case 0:
			out = append(out, g.problem)
		case 1:
			out = append(out, g.names[0]+": "+g.problem)
		default:
			names := g.names
			if len(names) > 3 {
				names = append(slices.Clone(names[:3]), fmt.Sprintf("%d more", len(g.names)-3))
			}
			out = append(out, fmt.Sprintf("%s (%s)", g.problem, joinAnd(names)))
		}
	}
	return out
}

// allFailed reports whether no lookup of the SIP domain got an answer.
func allFailed(obs *probe.SIPDomainObservation) bool {
	for _, l := range obs.SRV {
		if l.Status != probe.Failed {
			return false
		}
	}
	for _, h := range obs.Hosts {
		if h.Status != probe.Failed {
			return false
		}
	}
	return len(obs.SRV)+len(obs.Hosts) > 0
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// domainInfo is what DNS answered for one SIP domain, for the report.
func domainInfo(obs *probe.SIPDomainObservation) *report.DNS {
	info := &report.DNS{Servers: obs.Servers}
	for _, l := range obs.SRV {
		lk := report.DNSLookup{Name: l.Name, Type: "SRV", Status: l.Status.String(), CNAMEs: l.CNAMEs, Error: errText(l.Err)}
		for _, rec := range l.Records {
			answer := fmt.Sprintf("%d %d %d %s", rec.Priority, rec.Weight, rec.Port, rec.Target)
			switch {
			case rec.NotOffered():
				answer += " (service not offered)"
			case rec.Resolved.Status == probe.Found:
				answer += " (" + hostAnswer(&rec.Resolved) + ")"
			default:
				answer += " (" + rec.Resolved.Status.String() + ")"
			}
			lk.Answers = append(lk.Answers, answer)
		}
		info.Lookups = append(info.Lookups, lk)
	}
	for i := range obs.Hosts {
		h := &obs.Hosts[i]
		lk := report.DNSLookup{Name: h.Name, Type: "A/AAAA", Status: h.Status.String(), CNAMEs: h.CNAMEs, Error: errText(h.Err)}
		for _, addr := range h.Addresses {
			lk.Answers = append(lk.Answers, addr.String())
		}
		info.Lookups = append(info.Lookups, lk)
	}
	plan := lint.PlanAutoConfig(obs)
	if plan.Communicator != nil {
		info.Communicator = plan.Communicator.String()
	}
	if plan.PhoneEdition != nil {
		info.PhoneEdition = plan.PhoneEdition.String()
	}
	return info
}

// hostAnswer writes a host's addresses, with the aliases followed: "→ pool01.contoso.com → 10.0.0.11".
func hostAnswer(h *probe.HostLookup) string {
	addrs := make([]string, len(h.Addresses))
	for i, a := range h.Addresses {
		addrs[i] = a.String()
	}
	s := strings.Join(addrs, ", ")
	if len(h.CNAMEs) > 0 {
		s = "→ " + strings.Join(h.CNAMEs, " → ") + " → " + s
	}
	return s
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// serverIndex finds which server of the deployment lives at a place.
type serverIndex struct {
	targets []policy.Target
}

func newServerIndex(targets []policy.Target) *serverIndex {
	x := &serverIndex{}
	for _, t := range targets {
		if t.File == "" {
			x.targets = append(x.targets, t)
		}
	}
	return x
}

// match returns the target a place becomes: the deployment's endpoint whose address is the place's name:port; else
// the server or pool member whose FQDN is the place's name (its endpoint the one on the place's port, as for an
// address given to scan); else the endpoint whose address is the address DNS gave, on the place's port. known is
// false when none is: the place is then judged without a role, as the host it is (Server is its name).
func (x *serverIndex) match(p *lint.Place, domain string, autoConfig bool) (t policy.Target, known bool) {
	port := strconv.Itoa(int(p.Port))
	for _, t := range x.targets {
		if host, tp, err := net.SplitHostPort(t.Address); err == nil && tp == port && policy.SameName(host, p.Host) {
			return t, true
		}
	}
	for _, t := range x.targets {
		switch {
		case t.Context.Member != "" && policy.SameName(t.Context.Member, p.Host):
			if m, ok := atPort(t, t.Context, p); ok {
				m.Member = t.Member
				return m, true
			}
		case t.Context.FQDN != "" && policy.SameName(t.Context.FQDN, p.Host):
			ctx := t.Context
			ctx.Member = ""
			if m, ok := atPort(t, ctx, p); ok {
				m.Member = ""
				return m, true
			}
		}
	}
	for _, addr := range p.Addresses {
		for _, t := range x.targets {
			if host, tp, err := net.SplitHostPort(t.Address); err == nil && tp == port && sameAddr(host, addr) {
				return t, true
			}
		}
	}
	ctx := policy.Context{SIPDomains: []string{domain}, AutoConfig: autoConfig}
	if t, err := policy.AddressTarget(p.Address(), ctx, ""); err == nil {
		t.Server = p.Host
		return t, false
	}
	return policy.Target{Server: p.Host, Endpoint: policy.SIPEndpoint, Context: ctx}, false
}

// atPort is the server of t (with ctx) as found at the place: the role's endpoint on the place's port, else its
// first endpoint, with the certificate presented there.
func atPort(t policy.Target, ctx policy.Context, p *lint.Place) (policy.Target, bool) {
	ctx.Certificate = ""
	m, err := policy.AddressTarget(p.Address(), ctx, "")
	if err != nil {
		return policy.Target{}, false
	}
	m.Server = t.Server
	return m, true
}

func sameAddr(host string, addr netip.Addr) bool {
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap() == addr.Unmap()
}
