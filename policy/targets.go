package policy

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Endpoint names of OCS 2007 R2: the SIP/TLS port (5061, mutual TLS) and the IIS Web Components port (443).
const (
	SIPEndpoint = "sip"
	WebEndpoint = "web"
)

// Default ports of the OCS 2007 R2 endpoints.
const (
	SIPPort = 5061
	WebPort = 443
)

// Target is one place to look, with what must hold there: a TLS endpoint of a server or pool member, or a
// certificate file named in the deployment file.
type Target struct {
	Server   string // the server's name in the deployment file (for AddressTarget: the host)
	Member   string // the member's FQDN; "" when not a pool member
	Endpoint string // the endpoint's name ("sip", "web"); "" for a file
	Address  string // host:port to dial; "" for a file
	SNI      string // the name a client would use; "" for none
	File     string // the certificate file to check, for a certificate kept in a store rather than presented
	Context  Context
}

// Targets expands the servers named (all when names is empty; names compare case-insensitively) into the places
// to look, in file order: for each machine (the server itself, or each member of a pool), each of its role's
// certificates on each of that certificate's endpoints, the role's default port on the machine's FQDN with the
// name a client sends as SNI (OCS 2007 R2: a Standard Edition server sip on FQDN:5061 and web on FQDN:443; an
// Enterprise pool, on each member, sip on MEMBER:5061 with the pool FQDN as SNI and web on MEMBER:443 with the
// web farm FQDN; a Director sip on FQDN:5061; a Director pool sip on each MEMBER:5061); then the certificate files
// the entry names.
//
// An endpoint the role dials at a name of its own (EndpointSpec.Host: an Edge Server's external interfaces at their
// external FQDNs, the reverse proxy at the names it publishes) is dialled there, and for a pool once, not per
// member. Files may be named per server and, for a pool, per member (an Edge array's A/V authentication
// certificates).
//
// Explicit endpoints of a server or member replace its defaults: only those given are scanned. A name that is not
// in the deployment is an error listing the names that are.
func (d *Deployment) Targets(names []string) ([]Target, error) {
	servers, err := d.selectServers(names)
	if err != nil {
		return nil, err
	}
	var targets []Target
	for _, s := range servers {
		targets = append(targets, d.serverTargets(s)...)
	}
	return targets, nil
}

// selectServers returns the servers named, in file order, each once.
func (d *Deployment) selectServers(names []string) ([]Server, error) {
	if len(names) == 0 {
		return d.Servers, nil
	}
	var unknown []string
	for _, name := range names {
		if _, ok := d.Server(name); !ok {
			unknown = append(unknown, strconv.Quote(name))
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%s: no server named %s; use one of %s", d.Path, strings.Join(unknown, ", "), strings.Join(d.ServerNames(), ", "))
	}
	var servers []Server
	for _, s := range d.Servers {
		if containsFold(names, s.Name) {
			servers = append(servers, s)
		}
	}
	return servers, nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// serverTargets lists the places to look at for one server: each certificate's endpoints on the server itself or
// on each member of a pool, then the certificate files the entry names.
func (d *Deployment) serverTargets(s Server) []Target {
	spec := s.Spec()
	if spec == nil {
		return nil
	}
	base := d.Context(s)
	var targets []Target
	machines := []Member{{FQDN: s.FQDN, Endpoints: s.Endpoints}}
	if spec.Pool {
		machines = s.Members
	}
	for _, m := range machines {
		member := ""
		if spec.Pool {
			member = m.FQDN
		}
		for _, cert := range spec.Certificates {
			ctx := base
			ctx.Certificate, ctx.Member = cert.Kind, member
			for _, ep := range cert.Endpoints {
				addr := ""
				switch {
				case m.Endpoints.IsSet():
					addr = m.Endpoints[ep.Name]
				case ep.Host == "":
					addr = joinPort(m.FQDN, ep.Port)
				case !spec.Pool:
					addr = hostPort(ctx.Expand(ep.Host), ep.Port)
				}
				if addr == "" {
					continue
				}
				targets = append(targets, Target{Server: s.Name, Member: member, Endpoint: ep.Name, Address: addr,
					SNI: first(ctx.Expand(ep.SNI)), Context: ctx})
			}
		}
	}
	if spec.Pool {
		targets = append(targets, sharedTargets(s, spec, base)...)
	}
	// The files the entry names for the server (Member "") and for each member.
	for _, m := range append([]Member{{Files: s.Files}}, s.Members...) {
		for _, cert := range spec.Certificates {
			if path := m.Files[cert.Kind]; path != "" {
				ctx := base
				ctx.Certificate, ctx.Member = cert.Kind, m.FQDN
				targets = append(targets, Target{Server: s.Name, Member: m.FQDN, File: path, Context: ctx})
			}
		}
	}
	return targets
}

// sharedTargets are a pool's endpoints that are dialled at a name of their own (an Edge array's external FQDNs,
// behind the external load balancer) rather than on each member: once for the pool, unless a member gives its own
// address for the endpoint.
func sharedTargets(s Server, spec *RoleSpec, base Context) []Target {
	var targets []Target
	for _, cert := range spec.Certificates {
		ctx := base
		ctx.Certificate = cert.Kind
		for _, ep := range cert.Endpoints {
			if ep.Host == "" || slices.ContainsFunc(s.Members, func(m Member) bool { return m.Endpoints[ep.Name] != "" }) {
				continue
			}
			if addr := hostPort(ctx.Expand(ep.Host), ep.Port); addr != "" {
				targets = append(targets, Target{Server: s.Name, Endpoint: ep.Name, Address: addr, SNI: first(ctx.Expand(ep.SNI)), Context: ctx})
			}
		}
	}
	return targets
}

// hostPort is host:port for the first of hosts; "" when there is none.
func hostPort(hosts []string, port int) string {
	if len(hosts) == 0 {
		return ""
	}
	return joinPort(hosts[0], port)
}

func first(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func joinPort(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// AddressTarget makes a target of an address given on the command line: HOST or HOST:PORT, an IPv6 address in
// brackets when a port follows. The endpoint is the one named, else the one of the role whose port the address
// gives, else the first; without a role, port 443 means web and any other sip. Without a port the endpoint's port
// is used. The SNI is the name a client would use there (the endpoint's name template: the FQDN, the web farm),
// else the host, or none when the host is an IP address. Server is the host.
func AddressTarget(addr string, ctx Context, endpoint string) (Target, error) {
	host, port, err := splitAddress(addr)
	if err != nil {
		return Target{}, err
	}
	ep, err := pickEndpoint(ctx, endpoint, port)
	if err != nil {
		return Target{}, err
	}
	if port == "" {
		port = strconv.Itoa(ep.Port)
	}
	address := net.JoinHostPort(host, port)
	if err := CheckAddress(address); err != nil {
		return Target{}, err
	}
	if ctx.Role != "" && ctx.Certificate == "" {
		ctx.Certificate = ctx.CertificateOn(ep.Name)
	}
	sni := first(ctx.Expand(ep.SNI))
	if sni == "" && !isIP(host) {
		sni = NormalizeName(host)
	}
	return Target{Server: host, Endpoint: ep.Name, Address: address, SNI: sni, Context: ctx}, nil
}

// ocsEndpoints are the endpoints assumed when no role is given: those of an OCS 2007 R2 Standard Edition server.
func ocsEndpoints() []EndpointSpec { return []EndpointSpec{sipEndpoint(), ocsWebEndpoint()} }

// sipEndpoint is where a server of any product presents its default certificate: SIP over TLS (and MTLS) on 5061,
// with the server's (or its pool's) FQDN as the name a client sends.
func sipEndpoint() EndpointSpec { return EndpointSpec{Name: SIPEndpoint, Port: SIPPort, SNI: "{fqdn}"} }

// ocsWebEndpoint is the IIS Web Components site of an OCS 2007 R2 Standard Edition server or Enterprise pool, on
// 443, reached at the web farm FQDN (else the server's).
func ocsWebEndpoint() EndpointSpec {
	return EndpointSpec{Name: WebEndpoint, Port: WebPort, SNI: "{web_name}"}
}

// pickEndpoint finds the endpoint an address stands for: the one named, else the one on that port, else the
// first of the certificate being judged.
func pickEndpoint(ctx Context, name, port string) (EndpointSpec, error) {
	all := ocsEndpoints()
	if r, ok := ctx.RoleSpec(); ok {
		all = nil
		for _, c := range r.Certificates {
			if ctx.Certificate == "" || c.Kind == ctx.Certificate {
				all = append(all, c.Endpoints...)
			}
		}
	}
	if len(all) == 0 {
		return EndpointSpec{}, fmt.Errorf("the %s certificate is not presented on any endpoint; check it from a file", ctx.Certificate)
	}
	var names []string
	for _, e := range all {
		names = append(names, e.Name)
		if (name != "" && e.Name == name) || (name == "" && port != "" && strconv.Itoa(e.Port) == port) {
			return e, nil
		}
	}
	if name != "" {
		return EndpointSpec{}, fmt.Errorf("unknown endpoint %q; use %s", name, strings.Join(names, " or "))
	}
	return all[0], nil
}

// CertificateOn is the kind of the role's certificate presented on the named endpoint; "" when the role has none
// there.
func (ctx *Context) CertificateOn(endpoint string) string {
	r, ok := ctx.RoleSpec()
	if !ok {
		return ""
	}
	for _, c := range r.Certificates {
		for _, e := range c.Endpoints {
			if e.Name == endpoint {
				return c.Kind
			}
		}
	}
	return ""
}

// splitAddress splits HOST or HOST:PORT; port is "" when not given. A bare IPv6 address is a host.
func splitAddress(addr string) (host, port string, err error) {
	if strings.Contains(addr, "://") {
		return "", "", errURL(addr)
	}
	if h, p, splitErr := net.SplitHostPort(addr); splitErr == nil {
		if p == "" {
			return "", "", fmt.Errorf("address %q ends in a colon without a port; give HOST or HOST:PORT", addr)
		}
		host, port = h, p
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
		if a, parseErr := netip.ParseAddr(host); strings.Contains(host, ":") && (parseErr != nil || !a.Is6()) {
			return "", "", fmt.Errorf("address %q is not HOST or HOST:PORT; e.g. fe01.contoso.com, fe01.contoso.com:5061 or [2001:db8::11]:5061", addr)
		}
	}
	if host == "" {
		return "", "", fmt.Errorf("address %q has no host; give HOST or HOST:PORT", addr)
	}
	if err := checkHost(host, strings.HasPrefix(addr, "[")); err != nil {
		return "", "", fmt.Errorf("address %q: %w", addr, err)
	}
	return host, port, nil
}

func errURL(addr string) error {
	return fmt.Errorf("address %q is a URL; give host:port, e.g. fe01.contoso.com:443", addr)
}

func isIP(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}

// CheckAddress returns nil when a is HOST:PORT as a deployment file or the command line may give it: a port from 1
// to 65535 in digits; a host that is an IPv4 address, an IPv6 address in brackets, or a DNS name (a short name is
// accepted: the resolver may complete it).
func CheckAddress(a string) error {
	if strings.Contains(a, "://") {
		return errURL(a)
	}
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return fmt.Errorf("address %q is not host:port; write e.g. fe01.contoso.com:5061, 10.0.0.11:5061 or [2001:db8::11]:5061", a)
	}
	if !validPort(port) {
		return fmt.Errorf("address %q: the port must be a number from 1 to 65535; e.g. %s", a, joinPort(orExample(host), SIPPort))
	}
	if host == "" {
		return fmt.Errorf("address %q has no host; write e.g. fe01.contoso.com:%s", a, port)
	}
	if err := checkHost(host, strings.HasPrefix(a, "[")); err != nil {
		return fmt.Errorf("address %q: %w", a, err)
	}
	return nil
}

func orExample(host string) string {
	if host == "" {
		return "fe01.contoso.com"
	}
	return host
}

func validPort(port string) bool {
	if !allDigits(port) || len(port) > 5 {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 1 && n <= 65535
}

// checkHost checks the host of an address; bracketed says whether it was written in brackets.
func checkHost(host string, bracketed bool) error {
	ip, err := netip.ParseAddr(host)
	switch {
	case err == nil && bracketed && !ip.Is6():
		return fmt.Errorf("only IPv6 addresses go in brackets; write %s without them", host)
	case err == nil:
		return nil
	case bracketed:
		return fmt.Errorf("%q in brackets is not an IPv6 address; only IPv6 addresses go in brackets", host)
	case !strings.Contains(strings.TrimSuffix(host, "."), "."):
		if err := checkLabel(strings.TrimSuffix(host, ".")); err != nil || allDigits(host) {
			return fmt.Errorf("%q is not a host name or an IP address; use letters, digits and hyphens, e.g. fe01.contoso.com", host)
		}
		return nil
	}
	return CheckFQDN(host)
}
