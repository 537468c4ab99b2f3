package trust

import (
	"net"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

// constrainedName is one name of a certificate that name constraints apply to.
type constrainedName struct {
	dns string // a DNS name (without a trailing dot), or ""
	ip  net.IP // an IP address, or nil
}

func (n constrainedName) String() string {
	if n.ip != nil {
		return n.ip.String()
	}
	return n.dns
}

// namesOf returns the names of c that dNSName and iPAddress name constraints apply to: every SAN dNSName and
// iPAddress and, for the leaf, the subject common name when it looks like a DNS name (as the Windows chain engine
// and OpenSSL do; OpenSSL only when there is no SAN dNSName, Go never).
func namesOf(c *x509.Certificate, isLeaf bool) []constrainedName {
	var names []constrainedName
	seen := make(map[string]bool)
	addDNS := func(s string) {
		s = strings.TrimSuffix(s, ".")
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		names = append(names, constrainedName{dns: s})
	}
	for _, d := range c.DNSNames {
		addDNS(d)
	}
	if isLeaf && looksLikeDNSName(c.Subject.CommonName) {
		addDNS(c.Subject.CommonName)
	}
	for _, ip := range c.IPAddresses {
		names = append(names, constrainedName{ip: ip})
	}
	return names
}

// looksLikeDNSName reports whether a common name is a host name (at least two labels of letters, digits,
// hyphens, underscores or a leading "*"), not an IP address or a person's or CA's name.
func looksLikeDNSName(s string) bool {
	if s == "" || net.ParseIP(s) != nil || !strings.Contains(strings.TrimSuffix(s, "."), ".") {
		return false
	}
	for i, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" {
			return false
		}
		if label == "*" && i == 0 {
			continue
		}
		for _, r := range label {
			if !isHostRune(r) {
				return false
			}
		}
	}
	return true
}

func isHostRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// constraintVerdict says whether a CA's name constraints allow a name, and which subtree decided.
type constraintVerdict struct {
	allowed  bool
	excluded string   // the excluded subtree the name is in
	permit   []string // the permitted subtrees, when the name is in none of them
}

// checkName judges one name against ca's dNSName or iPAddress constraints. A name of a type the CA does not
// constrain is allowed. DNS matching follows RFC 5280 4.2.1.10 as Go and OpenSSL do: "contoso.com" covers the
// name itself and every name below it, ".contoso.com" only the names below it, ASCII letters case-insensitively
// (policy.EqualFoldASCII: no Unicode folding, under which the Kelvin sign would stand for "k"); a wildcard
// label is matched as the literal label "*" (so "*.contoso.com" is inside "contoso.com", and not inside an
// excluded "secret.contoso.com").
func checkName(ca *x509.Certificate, n constrainedName) constraintVerdict {
	if n.ip != nil {
		for _, ex := range ca.ExcludedIPAddresses {
			if ipInNet(n.ip, ex.Data) {
				return constraintVerdict{excluded: ex.Data.String()}
			}
		}
		if len(ca.PermittedIPAddresses) == 0 {
			return constraintVerdict{allowed: true}
		}
		var permit []string
		for _, p := range ca.PermittedIPAddresses {
			if ipInNet(n.ip, p.Data) {
				return constraintVerdict{allowed: true}
			}
			permit = append(permit, p.Data.String())
		}
		return constraintVerdict{permit: permit}
	}
	for _, ex := range ca.ExcludedDNSNames {
		if dnsInSubtree(n.dns, ex.Data) {
			return constraintVerdict{excluded: ex.Data}
		}
	}
	if len(ca.PermittedDNSNames) == 0 {
		return constraintVerdict{allowed: true}
	}
	var permit []string
	for _, p := range ca.PermittedDNSNames {
		if dnsInSubtree(n.dns, p.Data) {
			return constraintVerdict{allowed: true}
		}
		permit = append(permit, p.Data)
	}
	return constraintVerdict{permit: permit}
}

func dnsInSubtree(name, subtree string) bool {
	subtree = strings.TrimSuffix(subtree, ".")
	if subtree == "" {
		return true
	}
	if len(name) < len(subtree) || !policy.EqualFoldASCII(name[len(name)-len(subtree):], subtree) {
		return false
	}
	above := name[:len(name)-len(subtree)] // what name has in front of the subtree
	return strings.HasPrefix(subtree, ".") || above == "" || strings.HasSuffix(above, ".")
}

func ipInNet(ip net.IP, n net.IPNet) bool {
	if v4 := ip.To4(); v4 != nil && len(n.IP) == net.IPv4len {
		ip = v4
	}
	if len(ip) != len(n.IP) || len(n.Mask) != len(n.IP) {
		return false
	}
	return n.Contains(ip)
}

// hasNameConstraints reports whether ca constrains dNSName or iPAddress names.
func hasNameConstraints(ca *x509.Certificate) bool {
	return len(ca.PermittedDNSNames) > 0 || len(ca.ExcludedDNSNames) > 0 ||
		len(ca.PermittedIPAddresses) > 0 || len(ca.ExcludedIPAddresses) > 0
}
