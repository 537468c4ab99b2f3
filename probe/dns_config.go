package probe

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// ParseDNSServer reads --dns-server: HOST or HOST:PORT (an IPv6 address bare or in brackets), port 53 by default.
func ParseDNSServer(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("empty DNS server: give HOST or HOST:PORT, e.g. 10.0.0.53 or dc01.contoso.com:53")
	}
	host, port := s, "53"
	if h, p, err := net.SplitHostPort(s); err == nil {
		host, port = h, p
	} else if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		host = s[1 : len(s)-1]
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("DNS server %q: port %q is not a number from 1 to 65535", s, port)
	}
	if host == "" || strings.ContainsAny(host, " \t/[]") {
		return "", fmt.Errorf("DNS server %q: not HOST or HOST:PORT, e.g. 10.0.0.53 or dc01.contoso.com:53", s)
	}
	if net.ParseIP(host) == nil {
		if _, ok := dns.IsDomainName(host); !ok {
			return "", fmt.Errorf("DNS server %q: %q is neither an IP address nor a host name", s, host)
		}
	}
	return net.JoinHostPort(host, port), nil
}

// readResolvConf returns the name servers (HOST:PORT) and the attempts a resolv.conf file configures.
func readResolvConf(path string) ([]string, int, error) {
	cfg, err := dns.ClientConfigFromFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("read the system's DNS configuration: %w; name a DNS server with --dns-server", err)
	}
	if len(cfg.Servers) == 0 {
		return nil, 0, fmt.Errorf("%s names no DNS server (nameserver line): name one with --dns-server", path)
	}
	servers := make([]string, 0, len(cfg.Servers))
	for _, s := range cfg.Servers {
		servers = append(servers, net.JoinHostPort(s, cfg.Port))
	}
	return servers, cfg.Attempts, nil
}
