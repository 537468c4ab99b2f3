package lint

import (
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// The Lync/SfB products and the deployment of fixtures/deployments/lync2013.yaml, whose names their tables treat
// alike.
var lyncProducts = []string{"lync2010", "lync2013", "sfb2015", "sfb2019"}

var lyncSimpleURLs = policy.SimpleURLs{Meet: []string{"meet.contoso.com", "meet.fabrikam.com"}, Dialin: "dialin.contoso.com", Admin: "admin.contoso.com"}

// lyncCtx is the context of a Lync/SfB role of the fixtures' deployment, for one certificate of one member.
func lyncCtx(t testing.TB, product string, role policy.Role, kind, member string) policy.Context {
	t.Helper()
	p, err := policy.Product(product)
	if err != nil {
		t.Fatal(err)
	}
	ctx := policy.Context{Product: p, Role: role, Certificate: kind, Member: member, SIPDomains: sipDomains, AutoConfig: true,
		SimpleURLs: lyncSimpleURLs}
	switch role {
	case policy.StandardEdition:
		ctx.FQDN, ctx.ExternalWeb = "lyncse01.contoso.com", "lyncsewebext.contoso.com"
	case policy.FrontEndPool:
		ctx.FQDN, ctx.InternalWeb, ctx.ExternalWeb = "lyncpool01.contoso.com", "lyncwebint01.contoso.com", "lyncwebext01.contoso.com"
	case policy.Director:
		ctx.FQDN, ctx.ExternalWeb, ctx.ClientLogon = "ldir01.contoso.com", "ldirwebext.contoso.com", true
	case policy.DirectorPool:
		ctx.FQDN, ctx.ExternalWeb, ctx.ClientLogon = "ldirpool01.contoso.com", "ldirpoolwebext.contoso.com", true
	default: // no other Lync/SfB role
	}
	return ctx
}

// lyncRole is one role of the fixtures' deployment and its good certificates, by kind, as Microsoft's tables give
// them.
type lyncRole struct {
	role   policy.Role
	member string
	certs  map[string]string // kind → fixture
}

var lyncRoles = []lyncRole{
	{policy.StandardEdition, "", map[string]string{"default": "lync-se01-default", "web-internal": "lync-se01-web-internal", "web-external": "lync-se01-web-external", "oauth": "lync-oauth"}},
	{policy.FrontEndPool, "lfe01.contoso.com", map[string]string{"default": "lync-fe01-default", "web-internal": "lync-fe01-web-internal", "web-external": "lync-fe01-web-external", "oauth": "lync-oauth"}},
	{policy.Director, "", map[string]string{"default": "lync-dir01-default", "web-internal": "lync-dir01-web-internal", "web-external": "lync-dir01-web-external", "oauth": "lync-oauth"}},
	{policy.DirectorPool, "ldir11.contoso.com", map[string]string{"default": "lync-dir11-default", "web-internal": "lync-dir11-web-internal", "web-external": "lync-dir11-web-external", "oauth": "lync-oauth"}},
}

// ours lists the findings of the product's own rules (not zlint's).
func ours(findings []Finding, product *policy.Profile) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Source == product.Source {
			out = append(out, f)
		}
	}
	return out
}

// TestLyncGoodCertificatesPassEveryRule lints, for every product and role, the certificates that follow
// Microsoft's tables: no rule of the product finds anything, certificate by certificate and across the server's
// certificates; and the profile has exactly the certificates the role's table has.
func TestLyncGoodCertificatesPassEveryRule(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, product := range lyncProducts {
		for _, lr := range lyncRoles {
			t.Run(product+"/"+string(lr.role), func(t *testing.T) {
				roleCtx := lyncCtx(t, product, lr.role, "", "")
				spec, ok := roleCtx.RoleSpec()
				if !ok {
					t.Fatalf("%s has no role %s", product, lr.role)
				}
				wantKinds := "default web-internal web-external oauth"
				if product == "lync2010" {
					wantKinds = "default web-internal web-external"
				}
				if got := strings.Join(spec.CertificateKinds(), " "); got != wantKinds {
					t.Fatalf("certificates %q, want %q", got, wantKinds)
				}
				var server []Seen
				for _, kind := range spec.CertificateKinds() {
					ctx := lyncCtx(t, product, lr.role, kind, lr.member)
					in := input(t, lr.certs[kind], ctx)
					findings, err := r.Lint(in)
					if err != nil {
						t.Fatal(err)
					}
					if f := ours(findings, ctx.Profile()); len(f) > 0 {
						t.Errorf("%s (%s): %+v", lr.certs[kind], kind, f)
					}
					server = append(server, Seen{Server: "s", Member: lr.member, Certificate: in.Leaf, Context: ctx})
				}
				if across := r.DeploymentFindings(server); len(across) > 0 {
					t.Errorf("across the server's certificates: %+v", across)
				}
			})
		}
	}
}

// lyncMistake is a certificate with one of the common mistakes and what each product's rule says of it.
type lyncMistake struct {
	name   string
	cert   string
	role   policy.Role
	kind   string
	member string
	rule   string                      // the rule (without severity and product)
	want   map[string]zlint.LintStatus // by product; a product not listed: want["*"]; NA when the rule is absent
	detail string                      // a fragment the details must hold
}

func (m lyncMistake) status(product string) (zlint.LintStatus, bool) {
	if s, ok := m.want[product]; ok {
		return s, true
	}
	s, ok := m.want["*"]
	return s, ok
}

var lyncMistakes = []lyncMistake{
	{"member FQDN missing from a pool member's Default certificate", "lync-fe01-mistake-no-member", policy.FrontEndPool, "default", "lfe01.contoso.com",
		"san_missing_server_fqdn", map[string]zlint.LintStatus{"*": zlint.Error}, `"lfe01.contoso.com"`},
	{"member FQDN as the Default certificate's Subject Name", "lync-fe01-mistake-member-cn", policy.FrontEndPool, "default", "lfe01.contoso.com",
		"subject_cn_not_role_fqdn", map[string]zlint.LintStatus{"*": zlint.Error}, `is not the pool's FQDN "lyncpool01.contoso.com"`},
	{"simple URL missing from the Web internal certificate", "lync-fe01-mistake-no-meet", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"san_missing_simple_url", map[string]zlint.LintStatus{"*": zlint.Error}, `"meet.fabrikam.com"`},
	{"wildcard in the Default certificate", "lync-fe01-mistake-default-wildcard", policy.FrontEndPool, "default", "lfe01.contoso.com",
		"wildcard_name", map[string]zlint.LintStatus{"*": zlint.Error}, `"*.contoso.com"`},
	{"wildcard SAN for the simple URLs on the Web internal certificate", "lync-fe01-web-wildcard", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"wildcard_name", map[string]zlint.LintStatus{"*": zlint.Pass}, ""},
	{"wildcard SAN covers the simple URLs", "lync-fe01-web-wildcard", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"san_missing_simple_url", map[string]zlint.LintStatus{"*": zlint.Pass}, ""},
	{"OAuthTokenIssuer certificate below 2048 bits: Microsoft's pages disagree", "lync-oauth-mistake-1024", policy.FrontEndPool, "oauth", "",
		"rsa_key_below_2048", map[string]zlint.LintStatus{"lync2010": zlint.NA, "lync2013": zlint.Warn, "sfb2015": zlint.NA, "sfb2019": zlint.NA}, "Microsoft's pages disagree"},
	{"OAuthTokenIssuer certificate below 2048 bits: must be 2048", "lync-oauth-mistake-1024", policy.FrontEndPool, "oauth", "",
		"rsa_key_below_minimum", map[string]zlint.LintStatus{"lync2010": zlint.NA, "lync2013": zlint.Pass, "sfb2015": zlint.Error, "sfb2019": zlint.Error}, "must be at least 2048 bits"},
	{"wildcard SAN before the FQDN (Lync Server 2010's page)", "lync-fe01-mistake-wildcard-first", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"wildcard_san_before_fqdn", map[string]zlint.LintStatus{"lync2010": zlint.Warn}, `"*.contoso.com" (entry 1) before "lyncpool01.contoso.com" (entry 3)`},
	{"FQDN before the wildcard SAN", "lync-fe01-web-wildcard", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"wildcard_san_before_fqdn", map[string]zlint.LintStatus{"lync2010": zlint.Pass}, ""},
	{"elliptic-curve key", "lync-fe01-mistake-ecdsa", policy.FrontEndPool, "default", "lfe01.contoso.com",
		"ecc_key", map[string]zlint.LintStatus{"*": zlint.Warn}, "Microsoft's pages disagree"},
	{"elliptic-curve key is not an unsupported algorithm", "lync-fe01-mistake-ecdsa", policy.FrontEndPool, "default", "lfe01.contoso.com",
		"unsupported_key_algorithm", map[string]zlint.LintStatus{"*": zlint.Pass}, ""},
	{"lyncdiscoverinternal under the internal AD domain", "lync-fe01-mistake-lyncdiscover-local", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"lyncdiscover_not_sip_domain", map[string]zlint.LintStatus{"*": zlint.Warn}, `"lyncdiscoverinternal.contoso.local"`},
	{"Web external certificate as the pool row lists it (no meet URLs)", "lync-fe01-mistake-external-no-meet", policy.FrontEndPool, "web-external", "lfe01.contoso.com",
		"web_external_san_missing_meet_url", map[string]zlint.LintStatus{"*": zlint.Warn}, "Microsoft's table lists only the dial-in"},
	{"Web external certificate as the pool row lists it has the dial-in URL", "lync-fe01-mistake-external-no-meet", policy.FrontEndPool, "web-external", "lfe01.contoso.com",
		"san_missing_simple_url", map[string]zlint.LintStatus{"*": zlint.Pass}, ""},
	{"Director pool Default as the Skype for Business example writes it", "lync-dir11-mistake-no-pool", policy.DirectorPool, "default", "ldir11.contoso.com",
		"director_san_missing_pool_fqdn", map[string]zlint.LintStatus{"lync2010": zlint.NA, "lync2013": zlint.NA, "sfb2015": zlint.Warn, "sfb2019": zlint.Warn}, "its example leaves it out"},
	{"Director pool Default without the pool FQDN (Lync tables agree)", "lync-dir11-mistake-no-pool", policy.DirectorPool, "default", "ldir11.contoso.com",
		"san_missing_role_fqdn", map[string]zlint.LintStatus{"lync2010": zlint.Error, "lync2013": zlint.Error, "sfb2015": zlint.NA, "sfb2019": zlint.NA}, `"ldirpool01.contoso.com"`},
	{"Front End pool certificate on a Director", "lync-fe01-default", policy.Director, "default", "",
		"subject_cn_not_role_fqdn", map[string]zlint.LintStatus{"*": zlint.Error}, `"ldir01.contoso.com"`},
	{"Standard Edition certificate without sip.<domain> under automatic configuration", "lync-se01-web-internal", policy.StandardEdition, "default", "",
		"san_missing_sip_domain", map[string]zlint.LintStatus{"*": zlint.Error}, `"sip.contoso.com" and "sip.fabrikam.com"`},
	{"Director Web external without the external web FQDN", "lync-dir01-web-internal", policy.Director, "web-external", "",
		"san_missing_external_web_fqdn", map[string]zlint.LintStatus{"*": zlint.Error}, `"ldirwebext.contoso.com"`},
	{"Front End Web internal without the internal web FQDN", "lync-se01-web-internal", policy.FrontEndPool, "web-internal", "lfe01.contoso.com",
		"san_missing_internal_web_fqdn", map[string]zlint.LintStatus{"*": zlint.Error}, `"lyncwebint01.contoso.com"`},
}

// TestLyncMistakes runs each common mistake through each product's rule: it fails the rule it should, with the
// severity the product's sources give, and a finding says what and how to fix it.
func TestLyncMistakes(t *testing.T) {
	for _, m := range lyncMistakes {
		for _, product := range lyncProducts {
			want, listed := m.status(product)
			t.Run(product+"/"+m.name, func(t *testing.T) {
				ctx := lyncCtx(t, product, m.role, m.kind, m.member)
				id := ctx.Profile().RuleID(m.rule)
				if id == "" {
					if listed && want != zlint.NA {
						t.Fatalf("%s has no rule %s", product, m.rule)
					}
					return
				}
				if !listed {
					t.Fatalf("%s has rule %s: list what it should say", product, id)
				}
				if _, ok := ctx.CertificateSpec(); !ok {
					if want != zlint.NA {
						t.Fatalf("%s %s has no %s certificate", product, m.role, m.kind)
					}
					return
				}
				res, fix := runRule(t, id, input(t, m.cert, ctx))
				if res.Status != want {
					t.Fatalf("%s on %s: got %s (%q), want %s", id, m.cert, res.Status, res.Details, want)
				}
				if res.Status >= zlint.Notice {
					if !strings.Contains(res.Details, m.detail) {
						t.Errorf("%s: details %q lack %q", id, res.Details, m.detail)
					}
					if fix == "" {
						t.Errorf("%s: a finding without remediation", id)
					}
				}
			})
		}
	}
}

// TestLyncRulesStayWithTheirProduct: a Lync certificate judged under OCS 2007 R2 gets OCS's rules, and the OCS
// rules a Lync profile leaves out (one shared pool certificate, SHA-1) do not run for Lync.
func TestLyncRulesStayWithTheirProduct(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := r.Lint(input(t, "lync-fe01-default", lyncCtx(t, "sfb2019", policy.FrontEndPool, "default", "lfe01.contoso.com")))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if isOurs(zlint.LintSource(f.Source)) && f.Source != "SFB2019" {
			t.Errorf("another product's rule ran: %+v", f)
		}
	}
	for _, p := range lyncProducts {
		prof, _ := policy.Product(p)
		for _, gone := range []string{"pool_members_differ", "sha1_signature", "san_missing_web_farm"} {
			if _, ok := prof.Rule(gone); ok {
				t.Errorf("%s has the OCS rule %s", p, gone)
			}
		}
	}
}
