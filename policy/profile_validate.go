package policy

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Validate checks that a profile is complete and consistent: the schema of the profile data. Every product's
// profile passes it (a test holds them to it), so a new product or role that breaks it fails the build's tests,
// not an administrator's run.
func (p *Profile) Validate() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(p.ID+": "+format, args...)) }
	if p.ID == "" || p.Name == "" || p.ShortName == "" || p.Source == "" || p.RulePrefix == "" || p.RequestTool == "" {
		fail("ID, Name, ShortName, Source, RulePrefix and RequestTool are all required")
	}
	if len(p.Crypto.KeyAlgorithms) == 0 {
		fail("Crypto.KeyAlgorithms is empty")
	}
	rules := map[string]bool{}
	for _, r := range p.Rules {
		switch {
		case rules[r.Rule]:
			fail("rule %s is listed twice", r.Rule)
		case r.Rule == "" || r.Check == "" || r.Description == "" || r.Citation == "":
			fail("rule %q needs Rule, Check, Description and Citation", r.Rule)
		case severityPrefix(r.Severity) == "?":
			fail("rule %s: severity %q is not error, warn or notice", r.Rule, r.Severity)
		case strings.Contains(r.Citation, "reference/") || strings.Contains(r.Citation, "REQUIREMENTS"):
			fail("rule %s: the citation must name a public source, not a file outside the repository", r.Rule)
		}
		rules[r.Rule] = true
	}
	roles := map[string]bool{}
	for _, role := range p.Roles {
		if roles[role.Name] || role.Name == "" || role.Label == "" || role.FQDNLabel == "" {
			fail("role %q: a unique Name, a Label and an FQDNLabel are required", role.Name)
		}
		roles[role.Name] = true
		for _, opt := range role.Options {
			if !slices.Contains(KnownOptions(), opt) {
				fail("role %s: unknown option %q", role.Name, opt)
			}
		}
		for _, opt := range role.Required {
			if !role.HasOption(opt) {
				fail("role %s: required option %q is not one of its options", role.Name, opt)
			}
		}
		if len(role.Certificates) == 0 {
			fail("role %s has no certificate", role.Name)
		}
		kinds := map[string]bool{}
		for _, c := range role.Certificates {
			if kinds[c.Kind] || c.Kind == "" || c.Label == "" {
				fail("role %s: certificate %q needs a unique Kind and a Label", role.Name, c.Kind)
			}
			kinds[c.Kind] = true
			errs = append(errs, p.validateCertificate(role, c, rules)...)
		}
	}
	return errors.Join(errs...)
}

func (p *Profile) validateCertificate(role RoleSpec, c CertificateSpec, rules map[string]bool) []error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: role %s, certificate %s: "+format, append([]any{p.ID, role.Name, c.Kind}, args...)...))
	}
	for _, n := range c.Names {
		if !rules[n.Rule] {
			fail("name rule %q is not one of the product's rules", n.Rule)
		}
		switch n.Where {
		case InSubject, InSAN, InSubjectOrSAN, InSANOrWild, InSANOfAny:
		default:
			fail("name rule %s: unknown Where %q", n.Rule, n.Where)
		}
		p.validateNameCheck(n, fail)
		if len(n.Names) == 0 {
			fail("name rule %s has no names", n.Rule)
		}
		for _, t := range n.Names {
			if err := checkTemplate(t); err != nil {
				fail("name rule %s: %v", n.Rule, err)
			}
		}
		for _, cond := range n.When {
			if !slices.Contains(KnownConditions(), cond) {
				fail("name rule %s: unknown condition %q", n.Rule, cond)
			}
		}
		validateOtherReading(n, rules, fail)
	}
	for _, r := range c.Rules {
		if !rules[r.Rule] {
			fail("requirement %q is not one of the product's rules", r.Rule)
		}
		for _, cond := range append(append([]Condition{}, r.When...), r.WhenAny...) {
			if !slices.Contains(KnownConditions(), cond) {
				fail("requirement %s: unknown condition %q", r.Rule, cond)
			}
		}
	}
	endpoints := map[string]bool{}
	for _, e := range c.Endpoints {
		if e.Name == "" || e.Port < 1 || e.Port > 65535 || endpoints[e.Name] {
			fail("endpoint %q: a unique name and a port from 1 to 65535 are required", e.Name)
		}
		endpoints[e.Name] = true
		if err := checkTemplate(e.SNI); err != nil {
			fail("endpoint %s: SNI: %v", e.Name, err)
		}
		if e.Host != "" {
			if err := checkTemplate(e.Host); err != nil {
				fail("endpoint %s: Host: %v", e.Name, err)
			}
		}
	}
	switch c.Wildcards {
	case WildcardNever, WildcardSimpleURLs:
	default:
		fail("unknown wildcard policy %q", c.Wildcards)
	}
	switch c.Exportable {
	case ExportableEither, ExportableRequired, ExportableNo:
	default:
		fail("unknown exportability %q", c.Exportable)
	}
	switch c.Interface {
	case Internal, External:
	default:
		fail("unknown interface %q", c.Interface)
	}
	return errs
}

// checkTemplate checks a name template: literal text around at most one known {variable}.
func checkTemplate(t string) error {
	if t == "" {
		return errors.New("empty template")
	}
	open, end := strings.IndexByte(t, '{'), strings.IndexByte(t, '}')
	switch {
	case open < 0 && end < 0:
		return nil
	case open < 0 || end < open || strings.Count(t, "{") != 1 || strings.Count(t, "}") != 1:
		return fmt.Errorf("template %q: write at most one {variable}", t)
	case !slices.Contains(templateVariables(), t[open+1:end]):
		return fmt.Errorf("template %q: unknown variable; use one of %s", t, strings.Join(templateVariables(), ", "))
	}
	return nil
}

// validateOtherReading checks a name rule's other reading: Subject Names only, a rule of the product to report it
// under, and valid templates.
func validateOtherReading(n NameRule, rules map[string]bool, fail func(string, ...any)) {
	switch {
	case len(n.OtherNames) == 0 && n.OtherRule == "":
		return
	case len(n.OtherNames) == 0 || n.OtherRule == "":
		fail("name rule %s: OtherNames and OtherRule go together", n.Rule)
	case n.Where != InSubject:
		fail("name rule %s: an other reading applies to Subject Names only", n.Rule)
	case !rules[n.OtherRule]:
		fail("name rule %s: other rule %q is not one of the product's rules", n.Rule, n.OtherRule)
	}
	for _, t := range n.OtherNames {
		if err := checkTemplate(t); err != nil {
			fail("name rule %s: other names: %v", n.Rule, err)
		}
	}
}

// The checks that judge name rules: the names of one certificate, or names any certificate of a server may carry.
const (
	checkNames    = "names"
	checkNamesAny = "names_any"
)

// validateNameCheck checks that a name rule reports under a rule whose check judges it: names on one certificate
// under the "names" check, names any of a server's certificates may carry (InSANOfAny) under "names_any".
func (p *Profile) validateNameCheck(n NameRule, fail func(string, ...any)) {
	r, ok := p.Rule(n.Rule)
	if !ok {
		return // reported as not one of the product's rules
	}
	want := checkNames
	if n.Where == InSANOfAny {
		want = checkNamesAny
	}
	if r.Check != want {
		fail("name rule %s: its rule's check is %q; names %s need the %q check", n.Rule, r.Check, n.Where, want)
	}
}
