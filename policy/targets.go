package policy

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Endpoint kinds: the SIP/TLS port (5061, mutual TLS) and the IIS Web Components port (443).
const (
	SIPEndpoint = "sip"
	WebEndpoint = "web"
)

// Default ports of the endpoint kinds.
const (
	SIPPort = 5061
	WebPort = 443
)

// Target is one place to look: a TLS endpoint of a server or pool member, with what must hold there.
type Target struct {
	Server   string // the server's name in the deployment file
	Member   string // the member's FQDN; "" when not a pool member
	Endpoint string // "sip" or "web"
	Address  string // host:port to dial
	SNI      string // the name a client would use
	Context  Context
}

// Targets expands the servers named (all when names is empty) into the endpoints to scan, in file order, SIP
// before web. Standard Edition servers: sip and web on the server FQDN. Enterprise pools: sip and web on each
// member, with the pool FQDN (sip) or the web farm FQDN (web) as SNI. Directors: sip only. Director pools: sip on
// each member. Explicit endpoints replace the defaults.
func (d *Deployment) Targets(names []string) ([]Target, error) {
	servers := d.Servers
	if len(names) > 0 {
		servers = nil
		for _, name := range names {
			s, ok := d.Server(name)
			if !ok {
				return nil, fmt.Errorf("--server %q is not in %s: it describes %s", name, d.Path, strings.Join(d.ServerNames(), ", "))
			}
			servers = append(servers, s)
		}
	}
	var targets []Target
	for _, s := range servers {
		ctx := d.Context(s)
		if !s.Role.IsPool() {
			targets = append(targets, endpointTargets(s, "", s.FQDN, s.Endpoints, ctx)...)
			continue
		}
		for _, m := range s.Members {
			targets = append(targets, endpointTargets(s, m.FQDN, m.FQDN, m.Endpoints, ctx)...)
		}
	}
	return targets, nil
}

// endpointTargets lists the endpoints of one machine (a server, or a pool member at host).
func endpointTargets(s Server, member, host string, explicit Endpoints, ctx Context) []Target {
	sip, web := joinPort(host, SIPPort), ""
	if s.Role.HasWebComponents() {
		web = joinPort(host, WebPort)
	}
	if explicit.set() {
		sip, web = explicit.SIP, explicit.Web
	}
	webName := s.FQDN
	if s.WebFarm != "" {
		webName = s.WebFarm
	}
	var out []Target
	if sip != "" {
		out = append(out, Target{Server: s.Name, Member: member, Endpoint: SIPEndpoint, Address: sip, SNI: s.FQDN, Context: ctx})
	}
	if web != "" {
		out = append(out, Target{Server: s.Name, Member: member, Endpoint: WebEndpoint, Address: web, SNI: webName, Context: ctx})
	}
	return out
}

func joinPort(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// AddressTarget makes a target of an address given on the command line: HOST or HOST:PORT. Without a port, the
// endpoint's default port is used (5061 for sip, 443 for web); without an endpoint, 443 means web and anything
// else sip. The SNI is the role's FQDN (the name a client would use), else the host unless it is an IP address.
func AddressTarget(addr string, ctx Context, endpoint string) (Target, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = strings.Trim(addr, "[]"), ""
	}
	if host == "" {
		return Target{}, fmt.Errorf("address %q has no host", addr)
	}
	if endpoint == "" {
		endpoint = SIPEndpoint
		if port == strconv.Itoa(WebPort) {
			endpoint = WebEndpoint
		}
	}
	if endpoint != SIPEndpoint && endpoint != WebEndpoint {
		return Target{}, fmt.Errorf("unknown endpoint %q: use sip or web", endpoint)
	}
	if port == "" {
		port = strconv.Itoa(SIPPort)
		if endpoint == WebEndpoint {
			port = strconv.Itoa(WebPort)
		}
	}
	address := net.JoinHostPort(host, port)
	if err := CheckAddress(address); err != nil {
		return Target{}, err
	}
	sni := ctx.FQDN
	if endpoint == WebEndpoint && ctx.WebFarm != "" {
		sni = ctx.WebFarm
	}
	if sni == "" && net.ParseIP(host) == nil {
		sni = NormalizeName(host)
	}
	return Target{Server: host, Endpoint: endpoint, Address: address, SNI: sni, Context: ctx}, nil
}
