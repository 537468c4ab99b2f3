package policy

import (
	"fmt"
	"slices"
	"strings"
)

// Profile is what one product requires of its servers' certificates: its roles, the certificates each role has,
// the names each certificate must carry, the key and signature constraints, and where each certificate is
// presented. Profiles are data (one Go table per product, in profile_*.go); the rules that the tables imply are
// generic lints in package lint, registered once per product under the product's zlint source.
type Profile struct {
	ID          string // the --product value and the deployment file's product: "ocs2007r2"
	Name        string // "Office Communications Server 2007 R2"
	ShortName   string // what administrators call it in a sentence: "OCS"
	Source      string // the zlint source of the product's rules: "OCS2007R2"
	RulePrefix  string // rule IDs are e_<prefix>_..., w_<prefix>_..., n_<prefix>_...: "ocs"
	RequestTool string // how an administrator gets a new certificate, for remediations: "the OCS Certificate Wizard"
	Crypto      Crypto // key and signature constraints of every certificate, unless a certificate overrides them
	Roles       []RoleSpec
	Rules       []RuleSpec // every rule the product has, with its text and citation
}

// Crypto is what a product accepts of a certificate's key and signatures.
type Crypto struct {
	// KeyAlgorithms the product works with ("rsa", "ecdsa"); any other key is an error.
	KeyAlgorithms []string
	// RSAErrorBelow, RSAWarnBelow and RSAWarnAbove are RSA modulus sizes in bits: below the first is an error,
	// below the second a warning, above the third a warning. 0 means no such limit.
	RSAErrorBelow, RSAWarnBelow, RSAWarnAbove int
	// Note, when set, ends the details of a key-size finding on a certificate that overrides the product's limits:
	// where the limit comes from, or that Microsoft's pages disagree on it (the OAuthTokenIssuer certificate).
	Note string
}

// RuleSpec is one of a product's rules: its ID, the generic check that implements it, and what to tell the
// administrator. The ID is Severity + "_" + the product's RulePrefix + "_" + Rule.
type RuleSpec struct {
	Rule        string // the ID without severity and product: "subject_cn_not_role_fqdn"
	Severity    string // "error", "warn" or "notice": the most serious result the rule gives
	Check       string // the generic check in package lint that implements it (see lint.Checks)
	Description string // one sentence: what must hold
	Citation    string // the public source: document title and URL, RFC and section
	// Consequence says what breaks when the rule fails, in the administrator's words; the name checks end their
	// details with it ("clients of those SIP domains cannot sign in automatically").
	Consequence string
	// Remediation, when set, is the fix the rule gives instead of the check's own, with "{request}" standing for
	// how the product's administrator gets a new certificate.
	Remediation string
}

// RoleSpec is one role of a product: a kind of server or pool, and the certificates it has.
type RoleSpec struct {
	Name      string // the --role value: "enterprise-pool"
	Label     string // "Enterprise pool"
	Table     string // where Microsoft states its requirements, for messages: "Table 2"
	FQDNLabel string // whose FQDN the role's fqdn is, in the administrator's words: "the pool's FQDN"
	Pool      bool   // several member servers behind one FQDN
	// Options are the deployment-file keys (and command-line flags) that apply to the role beyond name, role
	// and fqdn: "web_farm", "client_logon", "internal_web_fqdn", "external_web_fqdn", "simple_urls".
	Options []string
	// Required are the options a deployment-file entry of the role must give: the Access Edge's external FQDN of
	// an Edge Server, the URL of Communicator Web Access.
	Required     []string
	Certificates []CertificateSpec // the first is the role's default certificate
}

// The options a role may declare: deployment-file keys (and the flags of the same name) beyond name, role, fqdn.
const (
	OptionWebFarm     = "web_farm"          // the internal web farm FQDN (OCS 2007 R2 Enterprise pool)
	OptionClientLogon = "client_logon"      // all clients log on through this Director
	OptionInternalWeb = "internal_web_fqdn" // the internal web services FQDN (Lync/SfB)
	OptionExternalWeb = "external_web_fqdn" // the external web services FQDN (Lync/SfB)
	OptionSimpleURLs  = "simple_urls"       // meet, dialin and admin URLs (Lync/SfB)
)

// KnownOptions lists every option a role may declare.
func KnownOptions() []string {
	return append([]string{OptionWebFarm, OptionClientLogon, OptionInternalWeb, OptionExternalWeb, OptionSimpleURLs},
		edgeOptions()...)
}

// HasOption reports whether the role takes the deployment-file key opt.
func (r *RoleSpec) HasOption(opt string) bool { return slices.Contains(r.Options, opt) }

// Certificate returns the role's certificate of that kind; "" is the default certificate.
func (r *RoleSpec) Certificate(kind string) (*CertificateSpec, bool) {
	if kind == "" && len(r.Certificates) > 0 {
		return &r.Certificates[0], true
	}
	for i := range r.Certificates {
		if r.Certificates[i].Kind == kind {
			return &r.Certificates[i], true
		}
	}
	return nil, false
}

// CertificateKinds lists the kinds of the role's certificates, the default first.
func (r *RoleSpec) CertificateKinds() []string {
	kinds := make([]string, len(r.Certificates))
	for i, c := range r.Certificates {
		kinds[i] = c.Kind
	}
	return kinds
}

// EndpointNames lists the names of every endpoint of the role's certificates, in order.
func (r *RoleSpec) EndpointNames() []string {
	var names []string
	for _, c := range r.Certificates {
		for _, e := range c.Endpoints {
			if !slices.Contains(names, e.Name) {
				names = append(names, e.Name)
			}
		}
	}
	return names
}

// CertificateSpec is one certificate a role has.
type CertificateSpec struct {
	Kind  string // "default", "web", "web-internal", "web-external", "oauth"
	Label string // what Microsoft's tables call it: "Default", "Web internal"
	// Names are the names the certificate must carry, each reported under one of the product's rules.
	Names []NameRule
	// Wildcards says where a wildcard name is allowed.
	Wildcards WildcardPolicy
	// Exportable says whether the private key must be exportable (shared by several servers), must not be, or
	// either; it can be judged only on requests and PFX files.
	Exportable Exportable
	// Interface is where the certificate faces: internal (an Enterprise CA is recommended) or external (a
	// public CA is expected).
	Interface Interface
	// Crypto overrides the product's key limits for this certificate when non-zero (the OAuth certificate).
	Crypto *Crypto
	// Endpoints are where the certificate is presented, by default; none for a certificate only kept in a store
	// (OAuth, A/V authentication): it is checked from a file.
	Endpoints []EndpointSpec
	// Rules are the product's rules beyond its names that the certificate is held to, each when the deployment's
	// facts say so: a public CA on an external interface when federation is declared, the client authentication
	// EKU with AOL connectivity, the chain a gateway must send, the certificates array members must share.
	Rules []Requirement
}

// Requirement holds a certificate to one of the product's rules when the deployment's facts say so.
type Requirement struct {
	Rule    string      // the RuleSpec.Rule
	When    []Condition // every one must hold
	WhenAny []Condition // when given, at least one must hold too
}

// Where a name rule looks for its names.
type Where string

// The places a name may be required.
const (
	InSubject      Where = "subject"         // the Subject CN must be one of the names
	InSAN          Where = "san"             // every name must be a SAN dNSName
	InSubjectOrSAN Where = "subject-or-san"  // every name must be the CN or a SAN dNSName
	InSANOrWild    Where = "san-or-wildcard" // every name must be a SAN dNSName, or covered by a SAN wildcard
	// InSANOfAny: every name must be a SAN dNSName, or covered by a SAN wildcard, of this certificate or of another
	// certificate of the same server (or pool member) that carries the same rule: Microsoft's pages do not agree on
	// which of them carries the name (lyncdiscover). Judged by the "names_any" check, across certificates.
	InSANOfAny Where = "san-of-any-certificate"
)

// NameRule is a requirement on the names of a certificate.
type NameRule struct {
	Rule  string      // the RuleSpec.Rule it reports under
	Where Where       // where the names must be
	Names []string    // name templates: "{fqdn}", "sip.{sip_domain}" (see Context.Expand)
	When  []Condition // it applies only when every condition holds
	// OtherNames (InSubject only) are the Subject Names another of Microsoft's pages allows where this one
	// requires Names: a CN among them does not break Rule but is reported under OtherRule, a warning that names
	// both readings (Communicator Web Access: the server FQDN or the URL host).
	OtherNames []string
	OtherRule  string
}

// Condition is a fact of the deployment a name rule may depend on.
type Condition string

// The conditions name rules may depend on.
const (
	WhenAutoConfig         Condition = "auto_config"          // automatic client configuration is on
	WhenMultipleSIPDomains Condition = "multiple_sip_domains" // two or more SIP domains
	WhenClientLogon        Condition = "client_logon"         // all clients log on through this Director
	WhenWebFarmDiffers     Condition = "web_farm_differs"     // a web farm FQDN is given and differs from the FQDN
	WhenMember             Condition = "member"               // the certificate belongs to one member server (its FQDN is known)
	WhenInternalWeb        Condition = "internal_web"         // an internal web services FQDN is given
	WhenExternalWeb        Condition = "external_web"         // an external web services FQDN is given
	WhenSimpleURLs         Condition = "simple_urls"          // simple URLs are given
	WhenSIPDomains         Condition = "sip_domains"          // one or more SIP domains are given
	WhenAutodiscover       Condition = "autodiscover"         // Lync/SfB: clients find their pool through lyncdiscover (the default)
)

// KnownConditions lists every condition.
func KnownConditions() []Condition {
	return append([]Condition{WhenAutoConfig, WhenMultipleSIPDomains, WhenClientLogon, WhenWebFarmDiffers, WhenMember,
		WhenInternalWeb, WhenExternalWeb, WhenSimpleURLs, WhenSIPDomains, WhenAutodiscover}, edgeConditions()...)
}

// WildcardPolicy says where a certificate may carry a wildcard name.
type WildcardPolicy string

// The wildcard policies.
const (
	WildcardNever      WildcardPolicy = ""            // no wildcard anywhere (the default)
	WildcardSimpleURLs WildcardPolicy = "simple-urls" // in the SAN only, standing for simple URLs and lyncdiscover names
)

// Exportable says what a certificate's private key must be.
type Exportable string

// The exportability requirements.
const (
	ExportableEither   Exportable = ""         // no requirement
	ExportableRequired Exportable = "required" // shared by several servers: must be exportable
	ExportableNo       Exportable = "no"       // per server: Microsoft recommends non-exportable
)

// Interface is where a certificate faces.
type Interface string

// The interfaces.
const (
	Internal Interface = ""         // internal servers: an Enterprise CA is recommended
	External Interface = "external" // the internet or federation partners: a public CA is expected
)

// EndpointSpec is where a certificate is presented by default.
type EndpointSpec struct {
	Name string // the endpoint's name in reports and in the deployment file's endpoints: "sip", "web"
	Port int
	SNI  string // the server name a client sends, as a template: "{fqdn}", "{web_name}"
	// Host is the name dialled by default, as a template, when it is not the machine's own FQDN: an external
	// interface is reached at its external FQDN ("{access_edge_fqdn}"). A pool's endpoint with a Host is dialled
	// once for the pool (at its load balancer), unless its members give their own addresses for it.
	Host string
}

// RuleID is the lint ID of one of the product's rules: "e_ocs_subject_cn_not_role_fqdn".
func (p *Profile) RuleID(rule string) string {
	r, ok := p.Rule(rule)
	if !ok {
		return ""
	}
	return severityPrefix(r.Severity) + "_" + p.RulePrefix + "_" + r.Rule
}

func severityPrefix(severity string) string {
	switch severity {
	case "error":
		return "e"
	case "warn":
		return "w"
	case "notice":
		return "n"
	}
	return "?"
}

// Rule returns the product's rule of that name.
func (p *Profile) Rule(rule string) (RuleSpec, bool) {
	for _, r := range p.Rules {
		if r.Rule == rule {
			return r, true
		}
	}
	return RuleSpec{}, false
}

// Role returns the product's role of that name.
func (p *Profile) Role(name string) (*RoleSpec, bool) {
	for i := range p.Roles {
		if p.Roles[i].Name == name {
			return &p.Roles[i], true
		}
	}
	return nil, false
}

// RoleNames lists the product's roles for messages: "standard-edition, enterprise-pool, ...".
func (p *Profile) RoleNames() string {
	names := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// ParseRole returns the product's role named s, or an error listing the roles it has.
func (p *Profile) ParseRole(s string) (*RoleSpec, error) {
	if r, ok := p.Role(s); ok {
		return r, nil
	}
	return nil, fmt.Errorf("unknown %s role %q: use one of %s", p.ID, s, p.RoleNames())
}

// CryptoFor is the key limits of a certificate: its own when it overrides the product's.
func (p *Profile) CryptoFor(c *CertificateSpec) Crypto {
	if c != nil && c.Crypto != nil {
		return *c.Crypto
	}
	return p.Crypto
}

// DefaultProduct is the product of a deployment file or command line that names none.
const DefaultProduct = "ocs2007r2"

// Profiles returns every product's profile, OCS 2007 R2 first. Each call builds them anew: callers may keep and
// read them, never share a change.
func Profiles() []*Profile {
	return []*Profile{ocs2007r2(), lync2010(), lync2013(), sfb2015(), sfb2019()}
}

// ProductIDs lists the products uclint knows, for messages: "ocs2007r2, lync2010, ...".
func ProductIDs() string {
	var ids []string
	for _, p := range Profiles() {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

// Product returns the profile of the product id ("" is DefaultProduct), or an error listing the products.
func Product(id string) (*Profile, error) {
	if id == "" {
		id = DefaultProduct
	}
	for _, p := range Profiles() {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown product %q: use one of %s", id, ProductIDs())
}
