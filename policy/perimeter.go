package policy

import "slices"

// The roles at the edge of an OCS 2007 R2 deployment (Edge Servers, Communicator Web Access, the reverse proxy)
// need names and declarations the internal roles do not: the external FQDNs of the Edge services, the URL of
// Communicator Web Access, and whether federation, public IM connectivity or anonymous conferencing is on. They
// are role options of the deployment file, kept here in one place.

// The options of the Edge Server, Communicator Web Access and reverse proxy roles.
const (
	OptionAccessEdge  = "access_edge_fqdn"       // the Access Edge's external FQDN (sip.contoso.com)
	OptionWebConfEdge = "webconf_edge_fqdn"      // the Web Conferencing Edge's external FQDN
	OptionFederation  = "federation"             // federation with other organizations is enabled
	OptionPublicIM    = "public_im_connectivity" // the public IM providers connected to: msn, aol, yahoo
	OptionAnonymous   = "anonymous_conferencing" // anonymous participants may join web conferences
	OptionCWAURL      = "cwa_url"                // the URL users open Communicator Web Access at
)

func edgeOptions() []string {
	return []string{OptionAccessEdge, OptionWebConfEdge, OptionFederation, OptionPublicIM, OptionAnonymous, OptionCWAURL}
}

// The conditions that depend on the perimeter's declarations.
const (
	WhenFederation Condition = "federation"             // federation is enabled on the Access Edge
	WhenPublicIM   Condition = "public_im"              // public IM connectivity with any provider
	WhenAOL        Condition = "aol"                    // public IM connectivity with AOL
	WhenAnonymous  Condition = "anonymous_conferencing" // anonymous participants may join web conferences
)

func edgeConditions() []Condition {
	return []Condition{WhenFederation, WhenPublicIM, WhenAOL, WhenAnonymous}
}

// The public IM providers OCS 2007 R2 connects to, as the deployment file names them.
const (
	ProviderMSN   = "msn" // Windows Live
	ProviderAOL   = "aol"
	ProviderYahoo = "yahoo"
)

// PublicIMProviders lists the providers the deployment file accepts.
func PublicIMProviders() []string { return []string{ProviderMSN, ProviderAOL, ProviderYahoo} }

// Perimeter holds what the roles at the edge of the deployment declare: the external names of an Edge Server's
// services, the Communicator Web Access URL host, and the connections to the outside that decide which CA the
// external certificates must come from.
type Perimeter struct {
	AccessEdge  string // the Access Edge's external FQDN
	WebConfEdge string // the Web Conferencing Edge's external FQDN
	CWAHost     string // the host of the Communicator Web Access URL
	// Federation, PublicIM and Anonymous are what the Edge Server connects to: federated partners, the public IM
	// providers ("msn", "aol", "yahoo"), anonymous conference participants.
	Federation bool
	PublicIM   []string
	Anonymous  bool
}

// clone copies the perimeter, so that a context never shares the deployment's lists.
func (p Perimeter) clone() Perimeter {
	p.PublicIM = slices.Clone(p.PublicIM)
	return p
}

// holds reports whether a perimeter condition holds; false for any other condition.
func (p Perimeter) holds(cond Condition) bool {
	return map[Condition]bool{
		WhenFederation: p.Federation,
		WhenPublicIM:   len(p.PublicIM) > 0,
		WhenAOL:        slices.Contains(p.PublicIM, ProviderAOL),
		WhenAnonymous:  p.Anonymous,
	}[cond]
}

// perimeterVariables are the name-template variables the perimeter gives values to.
func perimeterVariables() []string {
	return []string{"access_edge_fqdn", "webconf_edge_fqdn", "cwa_host"}
}

// value is what a perimeter variable stands for; "" when it has no value or is not a perimeter variable.
func (p Perimeter) value(variable string) string {
	switch variable {
	case "access_edge_fqdn":
		return p.AccessEdge
	case "webconf_edge_fqdn":
		return p.WebConfEdge
	case "cwa_host":
		return p.CWAHost
	}
	return ""
}

// perimeterLabel says in the administrator's words what a perimeter variable is; "" for another variable.
func perimeterLabel(variable string) string {
	switch variable {
	case "access_edge_fqdn":
		return "the Access Edge's external FQDN"
	case "webconf_edge_fqdn":
		return "the Web Conferencing Edge's external FQDN"
	case "cwa_host":
		return "the Communicator Web Access URL's host"
	}
	return ""
}

// HoldsRequirement reports whether a certificate is held to the requirement in this context: every condition of
// When holds and, when WhenAny is given, at least one of it.
func (c *Context) HoldsRequirement(r Requirement) bool {
	if !c.HoldsAll(r.When) {
		return false
	}
	if len(r.WhenAny) == 0 {
		return true
	}
	return slices.ContainsFunc(r.WhenAny, c.Holds)
}

// Requirement returns the requirement of the certificate being judged that reports under rule, if the
// certificate has one and it holds in this context.
func (c *Context) Requirement(rule string) (Requirement, bool) {
	cert, ok := c.CertificateSpec()
	if !ok {
		return Requirement{}, false
	}
	for _, r := range cert.Rules {
		if r.Rule == rule && c.HoldsRequirement(r) {
			return r, true
		}
	}
	return Requirement{}, false
}
