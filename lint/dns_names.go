package lint

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

// Names compare as OCS compares them: exactly, ASCII case-insensitive only (no Unicode folding), a trailing dot
// ignored on a DNS name (it only says the name is absolute) but not on a certificate name, and a name holding a
// space, a control character or a non-ASCII byte never matches anything.

// dnsLabels splits a DNS name in presentation format (as DNS answers are written: "\DDD" and "\X" escapes, an
// optional trailing dot) into its raw labels. ok is false for a malformed name or the root.
func dnsLabels(name string) (labels []string, ok bool) {
	if name == "" || name == "." {
		return nil, false
	}
	var label []byte
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '\\':
			if i+3 < len(name) && isDigit(name[i+1]) && isDigit(name[i+2]) && isDigit(name[i+3]) {
				v, err := strconv.ParseUint(name[i+1:i+4], 10, 8) // \DDD: one byte, 0 to 255
				if err != nil {
					return nil, false
				}
				label = append(label, byte(v))
				i += 3
				continue
			}
			if i+1 >= len(name) {
				return nil, false
			}
			label = append(label, name[i+1]) // \X: X itself
			i++
		case '.':
			if len(label) == 0 {
				return nil, false // an empty label: "a..b" or a leading dot
			}
			labels = append(labels, string(label))
			label = nil
		default:
			label = append(label, c)
		}
	}
	if len(label) > 0 {
		labels = append(labels, string(label))
	}
	return labels, len(labels) > 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// plainLabel reports whether a raw label can be part of a host name a certificate could carry: printable ASCII,
// no space, no dot.
func plainLabel(l string) bool {
	for i := 0; i < len(l); i++ {
		if c := l[i]; c <= ' ' || c >= 0x7f || c == '.' {
			return false
		}
	}
	return l != ""
}

// depthBelow says how many labels name has below domain: 0 for the domain itself, 1 for host.domain, 2 for
// x.sub.domain. ok is false when name is not domain or inside it (label boundaries count: "evilcontoso.com" is
// not inside "contoso.com").
func depthBelow(name, domain string) (depth int, ok bool) {
	ln, okn := dnsLabels(name)
	ld, okd := dnsLabels(domain)
	if !okn || !okd || len(ln) < len(ld) {
		return 0, false
	}
	extra := len(ln) - len(ld)
	for i := range ld {
		if !policy.EqualFoldASCII(ln[extra+i], ld[i]) {
			return 0, false
		}
	}
	return extra, true
}

// firstLabel is the leftmost label of a DNS name, unescaped ("" when the name is malformed).
func firstLabel(name string) string {
	l, ok := dnsLabels(name)
	if !ok {
		return ""
	}
	return l[0]
}

// certNameIs reports whether a name written in a certificate (CN or SAN dNSName) is the DNS name dnsName, the
// way every rule compares names (policy.SameName): literally, ASCII case-insensitive, a trailing dot on the
// certificate's name counted as the same absolute name (w_ocs_name_trailing_dot warns about it). A wildcard is not
// expanded (OCS does not support wildcard certificates); a certificate name with a space, a control character or a
// non-ASCII byte matches nothing.
func certNameIs(certName, dnsName string) bool {
	if policy.NameProblem(certName) != "" {
		return false
	}
	labels, ok := dnsLabels(dnsName)
	if !ok {
		return false
	}
	for _, l := range labels {
		if !plainLabel(l) {
			return false
		}
	}
	return policy.SameName(certName, strings.Join(labels, "."))
}

// certCarriesCN reports whether the certificate's Subject CN is dnsName.
func certCarriesCN(c *x509.Certificate, dnsName string) bool {
	return certNameIs(subjectCN(c), dnsName)
}

// certCarriesSAN reports whether the certificate's SAN holds dnsName as a DNS name.
func certCarriesSAN(c *x509.Certificate, dnsName string) bool {
	for _, n := range c.DNSNames {
		if certNameIs(n, dnsName) {
			return true
		}
	}
	return false
}

// certCarries reports whether the certificate carries dnsName as its Subject CN or as a SAN DNS name.
func certCarries(c *x509.Certificate, dnsName string) bool {
	return certCarriesCN(c, dnsName) || certCarriesSAN(c, dnsName)
}

// certNames describes the names a certificate carries, for a message: Subject CN "x", SAN "a", "b" (quoted as every
// rule quotes names; the renderers make the text safe for a terminal).
func certNames(c *x509.Certificate) string {
	s := "no Subject CN"
	if cn := subjectCN(c); cn != "" {
		s = fmt.Sprintf("Subject CN %q", cn)
	}
	if len(c.DNSNames) == 0 {
		return s + ", no SAN DNS name"
	}
	names := c.DNSNames
	if len(names) > 8 {
		names = append(names[:8:8], "…")
	}
	return s + ", SAN " + quoteList(names)
}

// hostPort writes host:port ("[::1]:443" for an IPv6 literal).
func hostPort(host string, port uint16) string {
	return net.JoinHostPort(host, strconv.Itoa(int(port)))
}
