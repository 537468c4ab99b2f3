package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// The "names" check judges the name rules of the certificate being judged (policy.NameRule): the Subject CN that
// the role's table requires, the SAN entries it requires (sip.<domain>, the web farm, a member's FQDN, simple
// URLs), or a name that must be in either. Each product rule implemented by "names" judges the name rules
// reported under it, so e_ocs_subject_cn_not_role_fqdn and e_ocs_san_missing_sip_domain are the same code with
// different data.

func init() {
	register("names", func(r rule) zlint.CertificateLintInterface { return &names{rule: r} })
}

type names struct{ rule }

// applicable are the name rules of the certificate being judged that report under this rule (or whose other
// reading does) and whose conditions hold.
func (l *names) applicable() []policy.NameRule {
	var out []policy.NameRule
	for _, n := range l.target().appliedNames() { // the expansion uclint request builds requests from
		if n.Rule == l.spec.Rule || n.OtherRule == l.spec.Rule {
			out = append(out, n.NameRule)
		}
	}
	return out
}

// CheckApplies when a role and its FQDN are known and the certificate has name rules of this rule that apply.
func (l *names) CheckApplies(c *x509.Certificate) bool { return len(l.applicable()) > 0 }

// Execute judges each applicable name rule; the first that fails gives the details.
func (l *names) Execute(c *x509.Certificate) *zlint.LintResult {
	var problems []string
	for _, n := range l.applicable() {
		if p := l.judge(c, n); p != "" {
			problems = append(problems, p)
		}
	}
	if len(problems) == 0 {
		return pass()
	}
	return l.result("%s", l.withConsequence(strings.Join(problems, "; "), ": "))
}

// judge says what is wrong with c under one name rule, or "".
func (l *names) judge(c *x509.Certificate, n policy.NameRule) string {
	ctx := l.ctx()
	want := ctx.ExpandAll(n.Names)
	if n.Where == policy.InSubject && n.OtherRule == l.spec.Rule {
		return l.judgeOtherReading(c, n, want)
	}
	switch n.Where {
	default: // InSANOfAny: judged across the server's certificates (names_any), not here
		return ""
	case policy.InSubject:
		return l.judgeSubject(c, n, want)
	case policy.InSAN, policy.InSANOrWild:
		var missing []string
		for _, name := range want {
			if !hasSANDNS(c, name) && (n.Where != policy.InSANOrWild || !coveredByWildcard(c, name)) {
				missing = append(missing, name)
			}
		}
		if len(missing) == 0 {
			return ""
		}
		return "the Subject Alternative Name lacks " + l.describe(n, missing) + nearMisses(c.DNSNames, missing)
	case policy.InSubjectOrSAN:
		var missing []string
		for _, name := range want {
			if !namesCertificate(c, name) {
				missing = append(missing, name)
			}
		}
		if len(missing) == 0 {
			return ""
		}
		return fmt.Sprintf("the certificate (Subject CN %q) names %s neither in its CN nor in its SAN", subjectCN(c), l.describe(n, missing)) +
			nearMisses(append([]string{subjectCN(c)}, c.DNSNames...), missing)
	}
}

func (l *names) judgeSubject(c *x509.Certificate, n policy.NameRule, want []string) string {
	ctx := l.ctx()
	cn := subjectCN(c)
	for _, name := range append(want, ctx.ExpandAll(n.OtherNames)...) { // the other reading reports under its own rule
		if policy.SameName(cn, name) {
			return ""
		}
	}
	table := ""
	if r, ok := ctx.RoleSpec(); ok && r.Table != "" {
		table = " (" + r.Table + ")"
	}
	var expected []string
	for _, t := range n.Names {
		for _, name := range ctx.Expand(t) {
			expected = append(expected, fmt.Sprintf("%s %q", ctx.Label(t), name))
		}
	}
	if cn == "" {
		return fmt.Sprintf("the Subject has no CN; it must be %s%s", joinAnd(expected, "or"), table)
	}
	msg := fmt.Sprintf("Subject CN %q is not %s%s", cn, joinAnd(expected, "or"), table)
	if why := policy.NameProblem(cn); why != "" {
		msg += fmt.Sprintf("; %s, so it can never match", why)
	}
	return msg
}

// judgeOtherReading says, for a name rule's other reading, that the Subject CN follows the other reading: one of
// OtherNames rather than Names. A CN that is neither is the name rule's own finding.
func (l *names) judgeOtherReading(c *x509.Certificate, n policy.NameRule, want []string) string {
	ctx := l.ctx()
	cn := subjectCN(c)
	for _, name := range want {
		if policy.SameName(cn, name) {
			return ""
		}
	}
	for _, t := range n.OtherNames {
		for _, name := range ctx.Expand(t) {
			if policy.SameName(cn, name) {
				var expected []string
				for _, w := range n.Names {
					for _, e := range ctx.Expand(w) {
						expected = append(expected, fmt.Sprintf("%s %q", ctx.Label(w), e))
					}
				}
				return fmt.Sprintf("Subject CN %q is %s, not %s", cn, ctx.Label(t), joinAnd(expected, "or"))
			}
		}
	}
	return ""
}

// describe names the missing names: with their label when the template stands for one name ("the internal web
// farm FQDN \"webpool01.contoso.com\""), else quoted.
func (l *names) describe(n policy.NameRule, missing []string) string {
	if len(n.Names) == 1 && len(missing) == 1 && !strings.Contains(n.Names[0], "{sip_domain}") &&
		!strings.Contains(n.Names[0], "{simple_urls}") && !strings.Contains(n.Names[0], "{meet}") {
		return fmt.Sprintf("%s %q", l.ctx().Label(n.Names[0]), missing[0])
	}
	return quoteList(missing)
}

// nearMisses notes certificate names that are one of the missing names but for whitespace, control characters or
// case-folding tricks, which never match: "(the SAN holds \"sip.contoso.com\\t\": it holds a tab)".
func nearMisses(have, missing []string) string {
	var notes []string
	for _, h := range have {
		why := policy.NameProblem(h)
		if why == "" {
			continue
		}
		squeezed := strings.Map(func(r rune) rune {
			if r <= ' ' || r == 0x7f {
				return -1
			}
			return r
		}, h)
		for _, m := range missing {
			if strings.EqualFold(squeezed, m) || strings.EqualFold(strings.TrimSuffix(squeezed, "."), m) {
				notes = append(notes, fmt.Sprintf("%q is there but %s, so it never matches", h, why))
				break
			}
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

// Remediation names what to request.
func (l *names) Remediation(c *x509.Certificate) string {
	ctx := l.ctx()
	var subject []string
	var missing []string
	for _, n := range l.applicable() {
		want := ctx.ExpandAll(n.Names)
		switch n.Where {
		case policy.InSubject:
			subject = append(subject, want[0])
		default:
			for _, name := range want {
				if !namesCertificate(c, name) && !slices.Contains(missing, name) {
					missing = append(missing, name)
				}
			}
		}
	}
	if fix := l.fixed(); fix != "" {
		return strings.ReplaceAll(fix, "{names}", plainList(append(subject, missing...)))
	}
	r, _ := ctx.RoleSpec()
	switch {
	case len(subject) > 0 && r != nil && r.Pool:
		return fmt.Sprintf("%s on a pool member, with the pool FQDN %s as Subject Name (not the member's own FQDN), then install it on every member",
			l.request(), subject[0])
	case len(subject) > 0:
		return fmt.Sprintf("%s with %s as Subject Name", l.request(), subject[0])
	}
	return fmt.Sprintf("%s and add %s to the Subject Alternative Name", l.request(), plainList(missing))
}

// hasSANDNS reports whether the SAN holds name as a DNS name, as OCS compares names (policy.SameName); a wildcard
// does not count.
func hasSANDNS(c *x509.Certificate, name string) bool {
	for _, n := range c.DNSNames {
		if policy.SameName(n, name) {
			return true
		}
	}
	return false
}

// coveredByWildcard reports whether a SAN wildcard "*.contoso.com" covers name (one label, RFC 6125 6.4.3).
func coveredByWildcard(c *x509.Certificate, name string) bool {
	_, parent, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	for _, n := range c.DNSNames {
		if rest, ok := strings.CutPrefix(n, "*."); ok && policy.SameName(rest, parent) {
			return true
		}
	}
	return false
}

// namesCertificate reports whether name is the certificate's CN or one of its SAN DNS names.
func namesCertificate(c *x509.Certificate, name string) bool {
	return policy.SameName(subjectCN(c), name) || hasSANDNS(c, name)
}

// hasExtension reports whether the certificate carries the extension oid. It compares OIDs directly: zlint's
// util.IsExtInCert formats every OID as a string, which costs more than all of uclint's rules together.
func hasExtension(c *x509.Certificate, oid asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}
