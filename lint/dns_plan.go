package lint

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// Client is a client whose DNS behaviour uclint models.
type Client string

// The clients.
const (
	Communicator2007R2 Client = "Office Communicator 2007 R2"
	PhoneEdition       Client = "Communicator Phone Edition"
	FederatedPartner   Client = "federated partner" // another organization's Access Edge, or a public IM provider
)

// The ports clients use.
const (
	portSIPTLS   = 5061
	portSIPHTTPS = 443
)

// Choice is the endpoint a client would sign in to for a SIP domain.
type Choice struct {
	// Record is what answered: an SRV name ("_sipinternaltls._tcp.contoso.com") or a fallback host name.
	Record string
	// Host is the name the client connects to, and expects on the certificate.
	Host string
	// Ports are the ports the client tries at Host, in order.
	Ports []uint16
	// Fallback is true when no SRV record answered and the client falls back to a host name.
	Fallback bool
	// Transport is "TLS" or "TCP".
	Transport string
	// Resolves says whether Host has an address; when it does not, sign-in fails there (the client tries no
	// other SRV record once one answered).
	Resolves bool
}

// String writes the choice: "_sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061" or
// "sipinternal.contoso.com:5061, then :443".
func (c *Choice) String() string {
	var ports []string
	for i, p := range c.Ports {
		if i == 0 {
			ports = append(ports, hostPort(c.Host, p))
		} else {
			ports = append(ports, fmt.Sprintf(":%d", p))
		}
	}
	where := strings.Join(ports, ", then ")
	if c.Transport == "TCP" {
		where += " over TCP"
	}
	if c.Fallback {
		return "the fallback name " + where
	}
	return c.Record + " → " + where
}

// same reports whether two clients' choices reach the same place first (Phone Edition trying 443 after 5061
// is no difference).
func (c *Choice) same(o *Choice) bool {
	if c == nil || o == nil {
		return c == nil && o == nil
	}
	return c.Record == o.Record && policy.SameName(c.Host, o.Host) && len(c.Ports) > 0 && len(o.Ports) > 0 &&
		c.Ports[0] == o.Ports[0]
}

// AutoConfigPlan is where each client generation would sign in for one SIP domain, from DNS answers alone.
type AutoConfigPlan struct {
	Domain string
	// Communicator is Office Communicator 2007 R2's pick: the first SRV record to answer of _sipinternaltls._tcp,
	// _sipinternal._tcp, _sip._tls (in that rank), else the first fallback name that resolves of sipinternal.,
	// sip., sipexternal. on 5061. Nil: nothing answered.
	Communicator *Choice
	// PhoneEdition is Communicator Phone Edition's pick: SRV _sipinternaltls._tcp, _sip._tls, _sipinternal._tcp,
	// then sipinternal., sip., sipexternal. on 5061 and then 443. Nil: nothing answered.
	PhoneEdition *Choice
	// Uncertain lists the lookups ranked above a pick that failed: with a working answer the client would have
	// used them first.
	Uncertain []string
}

// Differ reports whether Communicator 2007 R2 and Phone Edition would sign in at different places.
func (p *AutoConfigPlan) Differ() bool { return !p.Communicator.same(p.PhoneEdition) }

// PlanAutoConfig computes, from one SIP domain's DNS answers, which endpoint Communicator 2007 R2 and Communicator
// Phone Edition would sign in to. It does no I/O.
func PlanAutoConfig(obs *probe.SIPDomainObservation) AutoConfigPlan {
	plan := AutoConfigPlan{Domain: obs.Domain}
	var u1, u2 []string
	plan.Communicator, u1 = pick(obs, []string{probe.ServiceInternalTLS, probe.ServiceInternalTCP, probe.ServiceExternalTLS},
		[]uint16{portSIPTLS})
	plan.PhoneEdition, u2 = pick(obs, []string{probe.ServiceInternalTLS, probe.ServiceExternalTLS, probe.ServiceInternalTCP},
		[]uint16{portSIPTLS, portSIPHTTPS})
	seen := map[string]bool{}
	for _, u := range append(u1, u2...) {
		if !seen[u] {
			seen[u] = true
			plan.Uncertain = append(plan.Uncertain, u)
		}
	}
	return plan
}

// pick walks one client's order: SRV services, then the fallback names on fallbackPorts.
func pick(obs *probe.SIPDomainObservation, services []string, fallbackPorts []uint16) (*Choice, []string) {
	var uncertain []string
	for _, svc := range services {
		l := obs.Service(svc)
		if l == nil {
			continue
		}
		if l.Status == probe.Failed {
			uncertain = append(uncertain, fmt.Sprintf("the lookup of %s failed", l.Name))
			continue
		}
		records := usableRecords(l)
		if len(records) == 0 {
			continue
		}
		r := records[0]
		transport := "TLS"
		if svc == probe.ServiceInternalTCP {
			transport = "TCP"
		}
		return &Choice{Record: l.Name, Host: r.Target, Ports: []uint16{r.Port}, Transport: transport,
			Resolves: r.Resolved.Status == probe.Found}, uncertain
	}
	for _, label := range probe.FallbackHosts() {
		h := obs.Host(label)
		if h == nil {
			continue
		}
		switch h.Status {
		case probe.Failed:
			uncertain = append(uncertain, fmt.Sprintf("the lookup of %s failed", h.Name))
		case probe.Found:
			return &Choice{Record: h.Name, Host: h.Name, Ports: fallbackPorts, Fallback: true, Transport: "TLS", Resolves: true}, uncertain
		default: // no such name, no records: the client tries the next name
		}
	}
	return nil, uncertain
}

// Place is somewhere a client could reach for a SIP domain over TLS: an SRV target or a fallback name, on one
// port. The certificate presented there must carry Host.
type Place struct {
	// Domain is the SIP domain.
	Domain string
	// Record is what leads clients here: the SRV name, or the fallback name itself.
	Record string
	// Service is the SRV service ("_sipinternaltls._tcp", ...); "" for a fallback name.
	Service string
	// Host is the name the client looked up and sends as the TLS server name: the certificate must carry it.
	Host string
	// Port is the TCP port.
	Port uint16
	// Addresses are what DNS gave for Host: dial these (the DNS server asked may not be the system's).
	Addresses []netip.Addr
	// Clients are the clients that may come here.
	Clients []Client
	// Optional is true where nothing answering is normal: a fallback name while SRV records answer for every
	// client, and port 443, which only Phone Edition tries.
	Optional bool
	// Unresolved says why Host has no address (an SRV target that does not resolve); nil when it has one.
	Unresolved error
}

// Fallback reports whether the place is a fallback name rather than an SRV target.
func (p *Place) Fallback() bool { return p.Service == "" }

// Address is Host:Port.
func (p *Place) Address() string { return hostPort(p.Host, p.Port) }

// String writes the place and what leads there: "pool01.contoso.com:5061 (_sipinternaltls._tcp.contoso.com)".
func (p *Place) String() string {
	if p.Fallback() {
		return p.Address() + " (fallback name)"
	}
	return p.Address() + " (" + p.Record + ")"
}

// Places lists every place a client could reach over TLS for one SIP domain: the target:port of each SRV record
// of _sipinternaltls._tcp, _sip._tls and _sipfederationtls._tcp, and each fallback name that resolves on 5061 and
// (Phone Edition) 443. _sipinternal._tcp is left out: it is plain TCP, with no certificate. Two records leading
// to the same host and port give two places (one per record), which share an Address: dial it once. It does no
// I/O.
func Places(obs *probe.SIPDomainObservation) []Place {
	var out []Place
	plan := PlanAutoConfig(obs)
	srvForAll := plan.Communicator != nil && !plan.Communicator.Fallback && plan.PhoneEdition != nil && !plan.PhoneEdition.Fallback
	for _, svc := range []struct {
		service string
		clients []Client
	}{
		{probe.ServiceInternalTLS, []Client{Communicator2007R2, PhoneEdition}},
		{probe.ServiceExternalTLS, []Client{Communicator2007R2, PhoneEdition}},
		{probe.ServiceFederation, []Client{FederatedPartner}},
	} {
		l := obs.Service(svc.service)
		seen := map[string]bool{}
		for _, r := range usableRecords(l) {
			p := Place{Domain: obs.Domain, Record: l.Name, Service: svc.service, Host: r.Target, Port: r.Port,
				Addresses: r.Resolved.Addresses, Clients: svc.clients}
			key := hostPort(policy.NormalizeName(p.Host), p.Port)
			if seen[key] {
				continue
			}
			seen[key] = true
			if len(p.Addresses) == 0 {
				p.Unresolved = unresolved(&r.Resolved, l.Name)
			}
			out = append(out, p)
		}
	}
	for _, label := range probe.FallbackHosts() {
		h := obs.Host(label)
		if h == nil || h.Status != probe.Found {
			continue
		}
		out = append(out,
			Place{Domain: obs.Domain, Record: h.Name, Host: h.Name, Port: portSIPTLS, Addresses: h.Addresses,
				Clients: []Client{Communicator2007R2, PhoneEdition}, Optional: srvForAll},
			Place{Domain: obs.Domain, Record: h.Name, Host: h.Name, Port: portSIPHTTPS, Addresses: h.Addresses,
				Clients: []Client{PhoneEdition}, Optional: true})
	}
	return out
}

// unresolved says why an SRV target has no address.
func unresolved(h *probe.HostLookup, record string) error {
	switch h.Status {
	case probe.Failed:
		if h.Err != nil {
			return h.Err
		}
	case probe.NoSuchName:
		return fmt.Errorf("%s points at %s, which does not exist at DNS server %s: create its A record or fix the SRV record", record, h.Name, h.Server)
	case probe.NoRecords:
		return fmt.Errorf("%s points at %s, which has no A or AAAA record at DNS server %s: create its A record or fix the SRV record", record, h.Name, h.Server)
	default: // found: not unresolved, but the caller asked
	}
	return errors.New(record + " points at " + h.Name + ", which was not resolved")
}

// dnsPlaceRule judges the certificate presented at one place.
type dnsPlaceRule func(d *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding

// dnsPlaceRules are the rules PlaceFindings runs, each defined in its own file.
func dnsPlaceRules() []dnsPlaceRule {
	return []dnsPlaceRule{
		checkCertNameMismatchSRVTarget, checkCertNameMismatchFallbackHost, checkSRVTargetNotStrictName,
		checkSANMissingSipinternalSipexternal, checkFederationSNNotSRVTarget, checkPhoneEdition443,
	}
}

// PlaceFindings judges the certificate presented at a place (one of Places(d)) against what DNS led the client
// to expect there, most severe first. A nil certificate (nothing answered) gives no finding: the caller reports
// the dial error.
func PlaceFindings(d *probe.SIPDomainObservation, p *Place, c *x509.Certificate) []Finding {
	if c == nil || d == nil || p == nil {
		return nil
	}
	var out []Finding
	for _, rule := range dnsPlaceRules() {
		if f := rule(d, p, c); f != nil {
			out = append(out, *f)
		}
	}
	SortFindings(out)
	return out
}
