package policy

import (
	"errors"
	"fmt"
	"slices"
)

// AppliedNameRule is one name rule of a certificate whose conditions hold in a context, with the names its
// templates stand for there.
type AppliedNameRule struct {
	NameRule
	Expanded []string // the names of Names in the context, each once, in order
}

// NameRulesThatApply lists the name rules of the context's certificate whose conditions hold and whose templates
// stand for at least one name: what the name rules judge, and what a new request for the certificate must carry.
// Empty when no role or FQDN is given.
func (c *Context) NameRulesThatApply() []AppliedNameRule {
	cert, ok := c.CertificateSpec()
	if !ok || c.FQDN == "" {
		return nil
	}
	var out []AppliedNameRule
	for _, n := range cert.Names {
		if !c.HoldsAll(n.When) {
			continue
		}
		if names := c.ExpandAll(n.Names); len(names) > 0 {
			out = append(out, AppliedNameRule{NameRule: n, Expanded: names})
		}
	}
	return out
}

// RequiredNames are the names a certificate must carry for its context to pass every name rule: the Subject CN
// and the SAN DNS names.
type RequiredNames struct {
	// Subject is the Subject CN: the first name of the first Subject rule (the role's FQDN), else the FQDN.
	Subject string
	// SAN holds the Subject first (clients that follow RFC 2818 read only the SAN), then every name the name
	// rules require in the SAN or in either place, each once, in the profile's order.
	SAN []string
}

// ErrNoRole is returned by RequiredNames for a context without a role and FQDN: nothing says which names a
// certificate needs.
var ErrNoRole = errors.New("no role: give --role and --fqdn, or --config and --server, to say which server the certificate is for")

// RequiredNames expands the name rules that apply to the context (NameRulesThatApply) into the names a new
// certificate needs. A certificate holding exactly these names passes every name rule of its role: the request
// builder and the name rules read the same profile data through this one function.
func (c *Context) RequiredNames() (RequiredNames, error) {
	if c.Role == "" || c.FQDN == "" {
		return RequiredNames{}, ErrNoRole
	}
	if _, ok := c.CertificateSpec(); !ok {
		return RequiredNames{}, fmt.Errorf("a %s %s has no %q certificate", c.Profile().ShortName, c.Role, c.Certificate)
	}
	var out RequiredNames
	rules := c.NameRulesThatApply()
	for _, n := range rules {
		if n.Where == InSubject {
			out.Subject = n.Expanded[0]
			break
		}
	}
	if out.Subject == "" {
		out.Subject = NormalizeName(c.FQDN)
	}
	out.SAN = []string{out.Subject}
	for _, n := range rules {
		if n.Where == InSubject {
			continue
		}
		for _, name := range n.Expanded {
			if !slices.ContainsFunc(out.SAN, func(have string) bool { return SameName(have, name) }) {
				out.SAN = append(out.SAN, name)
			}
		}
	}
	return out, nil
}
