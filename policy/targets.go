package policy

import (
	"fmt"
	"net"
	"net/netip"
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
	Server   string // the server's name in the deployment file (for AddressTarget: the host)
	Member   string // the member's FQDN; "" when not a pool member
	Endpoint string // SIPEndpoint or WebEndpoint
	Address  string // host:port to dial
	SNI      string // the name a client would use; "" for none
	Context  Context
}

// Targets expands the servers named (all when names is empty; names compare case-insensitively) into the endpoints
// to scan, in file order, SIP before web:
//   - a Standard Edition server: sip on FQDN:5061 and web on FQDN:443, SNI its FQDN;
//   - an Enterprise pool: on each member, sip on MEMBER:5061 with the pool FQDN as SNI and web on MEMBER:443 with the
//     web farm FQDN (else the pool FQDN) as SNI;
//   - a Director: sip on FQDN:5061;
//   - a Director pool: sip on each MEMBER:5061, SNI the pool FQDN.
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

// serverTargets lists the endpoints of one server: its own, or those of each member of a pool.
func (d *Deployment) serverTargets(s Server) []Target {
	ctx := d.Context(s)
	if !s.Role.IsPool() {
		return machineTargets(s, "", s.FQDN, s.Endpoints, ctx)
	}
	var targets []Target
	for _, m := range s.Members {
		targets = append(targets, machineTargets(s, m.FQDN, m.FQDN, m.Endpoints, ctx)...)
	}
	return targets
}

// machineTargets lists the endpoints of one machine of s at host: s itself (member ""), or a member of the pool s.
func machineTargets(s Server, member, host string, explicit Endpoints, ctx Context) []Target {
	sip, web := joinPort(host, SIPPort), ""
	if s.Role.HasWebComponents() {
		web = joinPort(host, WebPort)
	}
	if explicit.IsSet() {
		sip, web = explicit.SIP, explicit.Web
	}
	var targets []Target
	if sip != "" {
		targets = append(targets, Target{Server: s.Name, Member: member, Endpoint: SIPEndpoint, Address: sip, SNI: s.FQDN, Context: ctx})
	}
	if web != "" {
		targets = append(targets, Target{Server: s.Name, Member: member, Endpoint: WebEndpoint, Address: web, SNI: webName(s), Context: ctx})
	}
	return targets
}

// webName is the name clients use for the Web Components of s: the web farm FQDN, else the server's or pool's.
func webName(s Server) string {
	if s.WebFarm != "" {
		return s.WebFarm
	}
	return s.FQDN
}

func joinPort(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// defaultPort is the port of an endpoint kind.
func defaultPort(endpoint string) int {
	if endpoint == WebEndpoint {
		return WebPort
	}
	return SIPPort
}

// AddressTarget makes a target of an address given on the command line: HOST or HOST:PORT, an IPv6 address in
// brackets when a port follows. Without a port the endpoint's default port is used (5061 for sip, 443 for web);
// without an endpoint, port 443 means web and any other sip. The SNI is the name a client would use: ctx.FQDN (for
// web, ctx.WebFarm when set), else the host, or none when the host is an IP address. Server is the host.
func AddressTarget(addr string, ctx Context, endpoint string) (Target, error) {
	host, port, err := splitAddress(addr)
	if err != nil {
		return Target{}, err
	}
	if endpoint == "" {
		endpoint = SIPEndpoint
		if port == strconv.Itoa(WebPort) {
			endpoint = WebEndpoint
		}
	}
	if endpoint != SIPEndpoint && endpoint != WebEndpoint {
		return Target{}, fmt.Errorf("unknown endpoint %q; use %s or %s", endpoint, SIPEndpoint, WebEndpoint)
	}
	if port == "" {
		port = strconv.Itoa(defaultPort(endpoint))
	}
	address := net.JoinHostPort(host, port)
	if err := CheckAddress(address); err != nil {
		return Target{}, err
	}
	return Target{Server: host, Endpoint: endpoint, Address: address, SNI: addressSNI(host, endpoint, ctx), Context: ctx}, nil
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

// addressSNI is the name a client would send to host for the endpoint.
func addressSNI(host, endpoint string, ctx Context) string {
	switch {
	case endpoint == WebEndpoint && ctx.WebFarm != "":
		return ctx.WebFarm
	case ctx.FQDN != "":
		return ctx.FQDN
	case isIP(host):
		return ""
	}
	return NormalizeName(host)
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
