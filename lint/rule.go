// Package lint holds uclint's rules, written as zlint lints and registered once per product under the product's
// zlint source (OCS2007R2, ...) from the product profiles of package policy, and the runner that lints each
// certificate with its target (context, chain verdict, handshake) together with zlint's own lints of the default
// RFC sources. It does no I/O.
package lint

import (
	"fmt"
	"slices"
	"strings"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// A check is the Go code of a rule that the product profiles parameterise: "names" judges every name rule of a
// certificate, "wildcard" where wildcards may be, "rsa_min" the smallest RSA key. Each check's file registers it
// with register, which registers one zlint lint for every product whose profile lists a rule implemented by the
// check (policy.RuleSpec.Check), under the product's source and with the product's rule ID, description and
// citation. So a product's rules are its profile's data, and a new check is one file plus its test.

// rule is what every one of uclint's lints holds: its product, its rule (ID, text, citation) and, once the
// runner has handed it over, the target being judged. Each lint embeds it.
type rule struct {
	product *policy.Profile
	spec    *policy.RuleSpec // the profile's: a lint instance is made per certificate, so it points rather than copies
	id      string
	t       *Target
}

// targeted is implemented by uclint's lints (through rule): the runner hands each new lint instance its target
// before zlint's sequence (CheckApplies, CheckEffective, Execute) runs. No configuration text is written or parsed.
type targeted interface {
	setTarget(t *Target)
	ruleOf() *rule
}

func (r *rule) setTarget(t *Target) { r.t = t }
func (r *rule) ruleOf() *rule       { return r }

// ctx is the target's context; the zero context when the rule runs without a target (zlint's own CLI).
func (r *rule) ctx() *policy.Context {
	if r.t == nil {
		return &policy.Context{Product: r.product}
	}
	return &r.t.Context
}

// target is the target being judged; a zero target when the rule runs without one.
func (r *rule) target() *Target {
	if r.t == nil {
		return &Target{Context: policy.Context{Product: r.product}}
	}
	return r.t
}

// request is how the administrator gets a new certificate in this product: "request a new certificate with the
// OCS Certificate Wizard".
func (r *rule) request() string { return requestWith(r.product) }

// requestWith is how the administrator gets a new certificate in product p.
func requestWith(p *policy.Profile) string { return "request a new certificate with " + p.RequestTool }

// fixed is the profile's own remediation for the rule, if it has one.
func (r *rule) fixed() string {
	return strings.ReplaceAll(r.spec.Remediation, "{request}", r.request())
}

// fixedOr is the profile's own remediation for the rule, else def.
func (r *rule) fixedOr(def string) string {
	if fix := r.fixed(); fix != "" {
		return fix
	}
	return def
}

// withConsequence is details followed by the profile's consequence of the rule, after sep, when it states one.
func (r *rule) withConsequence(details, sep string) string {
	if r.spec.Consequence == "" {
		return details
	}
	return details + sep + r.spec.Consequence
}

// result is a finding of the rule's own severity with the details given.
func (r *rule) result(format string, args ...any) *zlint.LintResult {
	return &zlint.LintResult{Status: zlintStatus(r.spec.Severity), Details: fmt.Sprintf(format, args...)}
}

// pass is the result of a rule that holds.
func pass() *zlint.LintResult { return &zlint.LintResult{Status: zlint.Pass} }

func zlintStatus(severity string) zlint.LintStatus {
	switch severity {
	case "error":
		return zlint.Error
	case "warn":
		return zlint.Warn
	case "notice":
		return zlint.Notice
	}
	return zlint.Fatal
}

// register registers, for every product whose profile has rules implemented by check, one zlint lint per such
// rule. newLint makes a lint instance around the rule it is given. Called from the init function of each check's
// file: zlint's registry is the only registry.
func register(check string, newLint func(r rule) zlint.CertificateLintInterface) {
	for _, p := range policy.Profiles() {
		for i := range p.Rules {
			spec := &p.Rules[i]
			if spec.Check != check {
				continue
			}
			base := rule{product: p, spec: spec, id: p.RuleID(spec.Rule)}
			zlint.RegisterCertificateLint(&zlint.CertificateLint{
				LintMetadata: zlint.LintMetadata{
					Name:        base.id,
					Description: spec.Description,
					Citation:    spec.Citation,
					Source:      zlint.LintSource(p.Source),
				},
				Lint: func() zlint.CertificateLintInterface { return newLint(base) },
			})
		}
	}
}

// idsOf is the set of the product's rule IDs implemented by a check.
func idsOf(p *policy.Profile, check string) map[string]bool {
	ids := map[string]bool{}
	for _, spec := range p.Rules {
		if spec.Check == check {
			ids[p.RuleID(spec.Rule)] = true
		}
	}
	return ids
}

// Sources lists the zlint sources of every product: uclint's rules.
func Sources() []zlint.LintSource {
	var out []zlint.LintSource
	for _, p := range policy.Profiles() {
		out = append(out, zlint.LintSource(p.Source))
	}
	return out
}

// isOurs reports whether a lint source is one of uclint's products.
func isOurs(s zlint.LintSource) bool { return slices.Contains(Sources(), s) }

// quoteList formats names for a message: "a", "b" and "c".
func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return joinAnd(quoted, "and")
}

// plainList formats names for a remediation: a, b and c.
func plainList(names []string) string { return joinAnd(names, "and") }

func joinAnd(items []string, word string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word + " " + items[len(items)-1]
}

// Scope is what a rule judges, so that the runner passes over it where there is nothing for it to judge: most
// rules judge a certificate; some a certificate request, the packaging of a PFX file, the certificates of a whole
// server (the deployment-level pass), or DNS answers (the DNS pass).
type Scope int

// The scopes of rules.
const (
	ScopeCertificate Scope = iota // a certificate, in the per-certificate pass (the default)
	ScopeRequest                  // a CSR or certreq INF file (Runner.LintRequest), or what a PFX file says of its key
	ScopePFX                      // how a PFX file is packaged (Target.PFX): its key provider, its encryption
	ScopeDeployment               // several certificates of one server (Runner.DeploymentFindings)
	ScopeDNS                      // DNS answers (DNSFindings, PlaceFindings)
)

// scoped is implemented by the rules whose scope is not a certificate.
type scoped interface{ scope() Scope }

// ScopeOf is what a lint judges, asked of one instance: ScopeCertificate for zlint's lints and most of uclint's.
func ScopeOf(l *zlint.CertificateLint) Scope {
	if s, ok := l.Lint().(scoped); ok {
		return s.scope()
	}
	return ScopeCertificate
}
