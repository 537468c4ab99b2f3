// Package policy describes an OCS 2007 R2 deployment: its servers and pools, the role each plays, and what must
// hold for the certificates they present. It reads the deployment file and expands it into targets; it does no
// network I/O.
package policy

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Role is the part a server plays in an OCS 2007 R2 deployment, as the certificate tables name it.
type Role string

// The roles of the OCS 2007 R2 internal certificate tables (Tables 1–4).
const (
	StandardEdition Role = "standard-edition" // Table 1: Standard Edition server, all roles collocated
	EnterprisePool  Role = "enterprise-pool"  // Table 2: Enterprise pool, consolidated topology
	Director        Role = "director"         // Table 3: Director, Standard Edition topology
	DirectorPool    Role = "director-pool"    // Table 4: Director, Enterprise pool topology
)

// Roles lists every role uclint knows, in the order of the reference tables.
func Roles() []Role { return []Role{StandardEdition, EnterprisePool, Director, DirectorPool} }

// ParseRole returns the role named s, or an error listing the roles uclint knows.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles() {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q: use one of %s", s, RoleNames())
}

// RoleNames is the list of role names for messages: "standard-edition, enterprise-pool, ...".
func RoleNames() string {
	names := make([]string, 0, len(Roles()))
	for _, r := range Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// IsPool reports whether the role is a pool of several member servers that share one certificate.
func (r Role) IsPool() bool { return r == EnterprisePool || r == DirectorPool }

// IsDirector reports whether the role is a Director (Tables 3 and 4).
func (r Role) IsDirector() bool { return r == Director || r == DirectorPool }

// HasWebComponents reports whether servers of this role run the IIS Web Components (port 443).
func (r Role) HasWebComponents() bool { return r == StandardEdition || r == EnterprisePool }

// Table names the reference table that holds the role's certificate requirements.
func (r Role) Table() string {
	switch r {
	case StandardEdition:
		return "Table 1"
	case EnterprisePool:
		return "Table 2"
	case Director:
		return "Table 3"
	case DirectorPool:
		return "Table 4"
	}
	return "Tables 1-4"
}

// FQDNLabel says in the admin's words whose FQDN the role's Subject Name must be.
func (r Role) FQDNLabel() string {
	switch r {
	case StandardEdition:
		return "the Standard Edition server's FQDN"
	case EnterprisePool:
		return "the pool's FQDN"
	case Director:
		return "the Director's FQDN"
	case DirectorPool:
		return "the Director pool's FQDN"
	}
	return "the server's FQDN"
}

// Context is what must hold for the certificates of one server: its role and names, as the rules need them.
// The zero value means "no role given": only the role-independent rules apply.
type Context struct {
	Role        Role     `json:"role" toml:"role"`
	FQDN        string   `json:"fqdn" toml:"fqdn"`                 // Standard Edition server, Director, or pool FQDN
	WebFarm     string   `json:"web_farm" toml:"web_farm"`         // enterprise pool: internal web farm FQDN (host only)
	SIPDomains  []string `json:"sip_domains" toml:"sip_domains"`   // the SIP domains users sign in with
	AutoConfig  bool     `json:"auto_config" toml:"auto_config"`   // automatic client configuration is on
	ClientLogon bool     `json:"client_logon" toml:"client_logon"` // Directors: all clients log on through it
}

// NormalizeName lower-cases a DNS name and drops a trailing dot, so names compare as DNS compares them.
func NormalizeName(name string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".")
}

// SameName reports whether two DNS names are the same name: case-insensitive, a trailing dot ignored.
func SameName(a, b string) bool { return NormalizeName(a) == NormalizeName(b) }

// CheckFQDN returns nil when name is a fully qualified DNS name as OCS accepts it: two or more labels of letters,
// digits and hyphens (no underscores, no Unicode, no wildcard), not an IP address, at most 253 characters.
func CheckFQDN(name string) error {
	n := strings.TrimSuffix(name, ".")
	switch {
	case n == "":
		return fmt.Errorf("empty name")
	case net.ParseIP(n) != nil:
		return fmt.Errorf("%q is an IP address, not a DNS name; use the DNS name clients connect to", name)
	case len(n) > 253:
		return fmt.Errorf("%q is longer than 253 characters", name)
	}
	labels := strings.Split(n, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%q is a short (NetBIOS-style) name; use the fully qualified name, e.g. %s.contoso.com", name, n)
	}
	for _, l := range labels {
		if err := checkLabel(l); err != nil {
			return fmt.Errorf("%q: %w", name, err)
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return fmt.Errorf("%q ends in a numeric label: not a DNS name", name)
	}
	return nil
}

func checkLabel(l string) error {
	if l == "" {
		return fmt.Errorf("empty label")
	}
	if len(l) > 63 {
		return fmt.Errorf("label %q is longer than 63 characters", l)
	}
	if l[0] == '-' || l[len(l)-1] == '-' {
		return fmt.Errorf("label %q starts or ends with a hyphen", l)
	}
	for _, c := range l {
		if !isLDH(c) {
			return fmt.Errorf("label %q holds %q; only letters, digits and hyphens are allowed", l, c)
		}
	}
	return nil
}

// isLDH reports whether c is a letter, digit or hyphen: the characters of a DNS label.
func isLDH(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// WebFarmHost returns the host of a web farm given as a name or as a URL ("https://webpool01.contoso.com/" means
// "webpool01.contoso.com"), normalized.
func WebFarmHost(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	host := s
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", fmt.Errorf("web farm %q is not a valid URL: %w", s, err)
		}
		host = u.Hostname()
	} else if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	}
	host = strings.TrimSuffix(host, "/")
	if err := CheckFQDN(host); err != nil {
		return "", fmt.Errorf("web farm %q: %w", s, err)
	}
	return NormalizeName(host), nil
}
