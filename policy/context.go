package policy

import (
	"slices"
	"strings"
)

// Context is what must hold for one certificate of one server: the product and role, which of the role's
// certificates it is, and the names the rules need. The zero value means "no role given": only the rules that do
// not depend on a role apply (under the default product).
type Context struct {
	Product     *Profile // nil: the default product
	Role        Role     // "" when no role is given
	Certificate string   // the certificate kind; "" is the role's default certificate
	FQDN        string   // the server's FQDN, or the pool's
	Member      string   // a pool member's own FQDN, when the certificate is judged as that member's
	WebFarm     string   // OCS 2007 R2 Enterprise pool: the internal web farm FQDN
	InternalWeb string   // Lync/SfB: the internal web services FQDN
	ExternalWeb string   // Lync/SfB: the external web services FQDN
	// NoAutodiscover: Lync/SfB clients do not use automatic discovery (no lyncdiscover records), so its names are
	// not required. The zero value is the usual deployment, where they are.
	NoAutodiscover bool

	SimpleURLs  SimpleURLs
	SIPDomains  []string // the SIP domains users sign in with, normalized, each once
	AutoConfig  bool     // automatic client configuration is on
	ClientLogon bool     // Directors: all clients log on through it
	Clients     []Client // the era's clients whose limits apply (--clients, clients:); none: those rules do not run
	Perimeter            // Edge Servers, Communicator Web Access, the reverse proxy: their names and declarations
}

// SimpleURLs are the hosts of a Lync/SfB deployment's simple URLs.
type SimpleURLs struct {
	Meet   []string // one per SIP domain, usually
	Dialin string
	Admin  string
}

// Hosts lists every simple URL host.
func (s SimpleURLs) Hosts() []string {
	hosts := append([]string(nil), s.Meet...)
	for _, h := range []string{s.Dialin, s.Admin} {
		if h != "" {
			hosts = append(hosts, h)
		}
	}
	return hosts
}

// Profile is the context's product, the default one when none is set.
func (c *Context) Profile() *Profile {
	if c.Product != nil {
		return c.Product
	}
	return defaultProfile
}

// defaultProfile is the default product, built once: profiles are never changed after they are built.
var defaultProfile = ocs2007r2()

// RoleSpec is the context's role in its product; false when no role is given or the product has no such role.
func (c *Context) RoleSpec() (*RoleSpec, bool) {
	if c.Role == "" {
		return nil, false
	}
	return c.Profile().Role(string(c.Role))
}

// CertificateSpec is the certificate of the role being judged; false when no role is given.
func (c *Context) CertificateSpec() (*CertificateSpec, bool) {
	r, ok := c.RoleSpec()
	if !ok {
		return nil, false
	}
	return r.Certificate(c.Certificate)
}

// Holds reports whether the condition holds in this context.
func (c *Context) Holds(cond Condition) bool {
	switch cond {
	case WhenAutoConfig:
		return c.AutoConfig
	case WhenAutodiscover:
		return !c.NoAutodiscover
	case WhenMultipleSIPDomains:
		return len(SIPDomains(c.SIPDomains)) >= 2 // contoso.com and Contoso.com. are one domain
	case WhenSIPDomains:
		return len(c.SIPDomains) >= 1
	case WhenClientLogon:
		return c.ClientLogon
	case WhenWebFarmDiffers:
		return c.WebFarm != "" && !SameName(c.WebFarm, c.FQDN)
	case WhenMember:
		return c.Member != ""
	case WhenInternalWeb:
		return c.InternalWeb != ""
	case WhenExternalWeb:
		return c.ExternalWeb != ""
	case WhenSimpleURLs:
		return len(c.SimpleURLs.Hosts()) > 0
	case WhenFederation, WhenPublicIM, WhenAOL, WhenAnonymous:
		return c.holds(cond)
	}
	return false
}

// HoldsAll reports whether every condition holds.
func (c *Context) HoldsAll(conds []Condition) bool {
	for _, cond := range conds {
		if !c.Holds(cond) {
			return false
		}
	}
	return true
}

// templateVariables lists the variables a name template may use, for validating profiles:
//
//	fqdn               the server's FQDN, or the pool's
//	member_fqdn        a pool member's own FQDN (nothing when the certificate is not judged as a member's)
//	server_fqdn        the member's own FQDN when known, else fqdn
//	web_farm           OCS 2007 R2: the internal web farm FQDN
//	web_name           the name a client uses for the internal web site: the web farm FQDN, else the internal web
//	                   services FQDN (Lync/SfB), else fqdn
//	sip_domain         each SIP domain
//	internal_web_fqdn  Lync/SfB: the internal web services FQDN, when given
//	external_web_fqdn  Lync/SfB: the external web services FQDN, when given
//	meet, dialin,      Lync/SfB: the hosts of the meet simple URLs (one per SIP domain), the dial-in and the admin
//	admin, simple_urls simple URL; simple_urls all of them
func templateVariables() []string {
	return append([]string{"fqdn", "member_fqdn", "server_fqdn", "web_farm", "web_name", "sip_domain", "internal_web_fqdn",
		"external_web_fqdn", "meet", "dialin", "admin", "simple_urls"}, perimeterVariables()...)
}

// values is what a template variable stands for in this context; a variable with no value expands to nothing.
func (c *Context) values(variable string) []string {
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	switch variable {
	case "fqdn":
		return one(c.FQDN)
	case "member_fqdn":
		return one(c.Member)
	case "server_fqdn":
		if c.Member != "" {
			return one(c.Member)
		}
		return one(c.FQDN)
	case "web_farm":
		return one(c.WebFarm)
	case "web_name":
		switch {
		case c.WebFarm != "":
			return one(c.WebFarm)
		case c.InternalWeb != "":
			return one(c.InternalWeb)
		}
		return one(c.FQDN)
	case "sip_domain":
		return c.SIPDomains
	case "internal_web_fqdn":
		return one(c.InternalWeb)
	case "external_web_fqdn":
		return one(c.ExternalWeb)
	case "meet":
		return c.SimpleURLs.Meet
	case "dialin":
		return one(c.SimpleURLs.Dialin)
	case "admin":
		return one(c.SimpleURLs.Admin)
	case "simple_urls":
		return c.SimpleURLs.Hosts()
	}
	return one(c.value(variable))
}

// Expand turns a name template into the names it stands for: "sip.{sip_domain}" gives sip.contoso.com and
// sip.fabrikam.com; "{fqdn}" the server's or pool's FQDN. A template whose variable has no value gives nothing.
// Names are returned once each, in order.
func (c *Context) Expand(template string) []string {
	open := strings.IndexByte(template, '{')
	end := strings.IndexByte(template, '}')
	if open < 0 || end < open {
		return []string{NormalizeName(template)}
	}
	prefix, variable, suffix := template[:open], template[open+1:end], template[end+1:]
	var out []string
	for _, v := range c.values(variable) {
		name := NormalizeName(prefix + v + suffix)
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// ExpandAll expands every template, each name once.
func (c *Context) ExpandAll(templates []string) []string {
	var out []string
	for _, t := range templates {
		for _, n := range c.Expand(t) {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// Label says in the administrator's words what a template's names are: "the pool's FQDN", "the web farm FQDN".
func (c *Context) Label(template string) string {
	open := strings.IndexByte(template, '{')
	end := strings.IndexByte(template, '}')
	if open < 0 || end < open {
		return template
	}
	switch variable := template[open+1 : end]; variable {
	case "fqdn":
		if r, ok := c.RoleSpec(); ok {
			return r.FQDNLabel
		}
		return "the server's FQDN"
	case "member_fqdn", "server_fqdn":
		return "this server's own FQDN"
	case "web_farm":
		return "the internal web farm FQDN"
	case "web_name":
		switch {
		case c.WebFarm != "":
			return "the internal web farm FQDN"
		case c.InternalWeb != "":
			return "the internal web services FQDN"
		}
		return c.Label("{fqdn}")
	case "sip_domain":
		return template[:open] + "<SIP domain>" + template[end+1:]
	case "internal_web_fqdn":
		return "the internal web services FQDN"
	case "external_web_fqdn":
		return "the external web services FQDN"
	case "meet", "dialin", "admin", "simple_urls":
		return "the simple URLs"
	default:
		if label := perimeterLabel(variable); label != "" {
			return label
		}
		return template
	}
}

// Domain is the administrator's DNS domain, for examples in messages: the domain of the role's FQDN, else the
// first SIP domain, else "".
func (c *Context) Domain() string {
	if d := ParentDomain(c.FQDN); d != "" {
		return d
	}
	if len(c.SIPDomains) > 0 {
		return c.SIPDomains[0]
	}
	return ""
}
