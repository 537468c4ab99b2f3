package policy

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// NormalizeName is how a name the administrator typed (a flag, a deployment file) is stored: surrounding space
// removed, ASCII letters lower-cased, a trailing dot dropped. Names from certificates are never normalized: they
// are compared with SameName.
func NormalizeName(name string) string {
	return strings.TrimSuffix(asciiLower(strings.TrimSpace(name)), ".")
}

// SameName reports whether a name from a certificate (or a DNS answer) is the expected name, as OCS compares them:
// exactly, ASCII letters compared case-insensitively (never Unicode case folding, under which a look-alike such as
// the Kelvin sign would stand for "k"), a single trailing dot on the certificate's name ignored (the
// trailing-dot rule warns about it). No other trimming: a name with a space, a tab or a control character is
// never the expected name.
func SameName(certName, expected string) bool {
	certName = strings.TrimSuffix(certName, ".")
	expected = strings.TrimSuffix(expected, ".")
	return certName != "" && EqualFoldASCII(certName, expected)
}

// EqualFoldASCII reports whether a and b are equal with ASCII letters compared case-insensitively, as SameName
// compares names but with nothing trimmed: for the labels of a DNS name.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if asciiLowerByte(a[i]) != asciiLowerByte(b[i]) {
			return false
		}
	}
	return true
}

// NameProblem says why a name from a certificate can never be an expected name ("it holds a tab"), or "" when
// it is a plain name.
func NameProblem(name string) string {
	for _, r := range name {
		switch {
		case r == ' ':
			return "it holds a space"
		case r == '\t':
			return "it holds a tab"
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("it holds the control character %q", r)
		case r >= 0x80:
			return fmt.Sprintf("it holds the non-ASCII character %q (U+%04X)", r, r)
		}
	}
	return ""
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = asciiLowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

func asciiLowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// CheckFQDN returns nil when name is a fully qualified DNS name as OCS accepts it: two or more labels of letters,
// digits and hyphens (no underscores, no Unicode, no wildcard), not an IP address, at most 253 characters.
func CheckFQDN(name string) error { return CheckFQDNIn(name, "") }

// CheckFQDNIn is CheckFQDN for an administrator whose DNS domain is known (domain, e.g. the SIP domain or the
// pool's domain): the hint for a short name is built from it ("use the fully qualified name, such as
// se01.fabrikam.com") instead of a placeholder.
func CheckFQDNIn(name, domain string) error {
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
		return fmt.Errorf("%q is a short (NetBIOS-style) name; use the fully qualified name, such as %s", name, ExampleName(n, domain))
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

// HostOf returns the host of a name given as a name or as a URL ("https://webpool01.contoso.com/" means
// "webpool01.contoso.com"), checked as an FQDN and normalized; what names the setting in messages ("web farm").
func HostOf(what, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	host := s
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", fmt.Errorf("%s %q is not a valid URL: %w", what, s, err)
		}
		host = u.Hostname()
	} else if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	} else if h, _, ok := strings.Cut(s, "/"); ok {
		host = h
	}
	if err := CheckFQDN(host); err != nil {
		return "", fmt.Errorf("%s %q: %w", what, s, err)
	}
	return NormalizeName(host), nil
}

// SIPDomainProblem says what is wrong with a SIP domain the administrator gave and what to write instead, or "".
func SIPDomainProblem(v string) string {
	err := CheckFQDN(v)
	switch {
	case err == nil:
		if n := NormalizeName(v); strings.HasPrefix(n, "sip.") {
			return fmt.Sprintf("SIP domain %q is the name automatic configuration looks up, not a SIP domain; give the part after @ in users' SIP addresses, %s (uclint adds sip. itself)", v, strings.TrimPrefix(n, "sip."))
		}
		return ""
	case strings.Contains(v, "@"):
		_, domain, _ := strings.Cut(v, "@")
		return fmt.Sprintf("SIP domain %q is a SIP address; give the part after @, e.g. %s", v, domain)
	case !strings.Contains(strings.TrimSuffix(v, "."), "."):
		return fmt.Sprintf("SIP domain %q is not a DNS domain; give the part after @ in users' SIP addresses", v)
	}
	return fmt.Sprintf("SIP domain %v", err)
}

// SIPDomains normalizes the SIP domains given, dropping repeats (contoso.com and Contoso.com. are one domain), in
// the order first given.
func SIPDomains(domains []string) []string {
	var out []string
	for _, d := range domains {
		n := NormalizeName(d)
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// ExampleName is an example FQDN for a message: host in the administrator's domain when it is known (host +
// "." + domain), else host followed by a placeholder for it.
func ExampleName(host, domain string) string {
	domain = strings.Trim(NormalizeName(domain), ".")
	if domain == "" || CheckFQDN(host+"."+domain) != nil {
		return host + ".<your AD domain>"
	}
	return host + "." + domain
}

// ParentDomain is the DNS domain of an FQDN: "contoso.com" for "pool01.contoso.com"; "" for a name of fewer than
// three labels, whose parent would be a top-level domain.
func ParentDomain(fqdn string) string {
	n := strings.TrimSuffix(NormalizeName(fqdn), ".")
	if strings.Count(n, ".") < 2 {
		return ""
	}
	_, parent, _ := strings.Cut(n, ".")
	return parent
}
