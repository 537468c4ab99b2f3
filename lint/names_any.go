package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// names_any: names that one of a server's certificates must carry, where Microsoft's pages do not agree on which
// (policy.InSANOfAny: lyncdiscoverinternal.<domain> on the Default or the Web internal certificate, lyncdiscover
// on any of them). A SAN wildcard that covers the name counts. It needs the server's other certificates, so it runs
// in the deployment-level pass (Runner.DeploymentFindings) once every target was linted; in the per-certificate pass it
// does not apply.
//
// A missing name is reported once per server (or pool member): on the last of the certificates that may carry it
// that was seen, the most specific one (Web internal before Default). It is an error when every certificate that
// may carry it was seen; when one was not (a file checked alone, an endpoint that did not answer) it is a notice
// that says which to check. A name under another domain than the SIP domain (lyncdiscoverinternal.contoso.local)
// is left to names_any_domain, which warns: Microsoft's pages disagree on that domain.
func init() {
	register("names_any", func(r rule) zlint.CertificateLintInterface { return &namesAny{rule: r} })
}

type namesAny struct{ rule }

func (*namesAny) scope() Scope { return ScopeDeployment }

// applicable are the name rules of the certificate being judged that report under this rule and whose conditions
// hold.
func (l *namesAny) applicable() []policy.NameRule {
	ctx := l.ctx()
	cert, ok := ctx.CertificateSpec()
	if !ok || ctx.FQDN == "" {
		return nil
	}
	var out []policy.NameRule
	for _, n := range cert.Names {
		if n.Rule == l.spec.Rule && n.Where == policy.InSANOfAny && ctx.HoldsAll(n.When) && len(ctx.ExpandAll(n.Names)) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// CheckApplies in the deployment-level pass, to certificates with name rules of this rule that apply.
func (l *namesAny) CheckApplies(c *x509.Certificate) bool {
	return l.target().Others != nil && len(l.applicable()) > 0
}

// carriers lists, in the role's order, the certificates of the role that may carry the names of n.
func (l *namesAny) carriers(n policy.NameRule) []policy.CertificateSpec {
	r, ok := l.ctx().RoleSpec()
	if !ok {
		return nil
	}
	var out []policy.CertificateSpec
	for _, c := range r.Certificates {
		if slices.ContainsFunc(c.Names, func(m policy.NameRule) bool {
			return m.Rule == n.Rule && m.Where == n.Where && slices.Equal(m.Names, n.Names)
		}) {
			out = append(out, c)
		}
	}
	return out
}

// kind is the kind of the certificate being judged.
func (l *namesAny) kind() string {
	if cert, ok := l.ctx().CertificateSpec(); ok {
		return cert.Kind
	}
	return ""
}

// seen reports whether a certificate of that kind was seen for the server: the one judged, or one of the others.
func (l *namesAny) seen(kind string) bool {
	return kind == l.kind() || len(l.target().Others[kind]) > 0
}

// problem is what one name rule finds wrong: the names no certificate carries, the certificates that may carry
// them, and those of them that were not seen.
type problem struct {
	missing           []string
	carriers, unseen  []string // labels: "Default certificate"
	definite          bool     // every certificate that may carry the names was seen
	laterUnseen       bool     // a certificate after this one in the role's order was not seen
	wildcardSuggested string   // "*.contoso.com"
}

// judge finds the problems of the name rules reported on this certificate.
func (l *namesAny) judge(c *x509.Certificate) []problem {
	ctx := l.ctx()
	var out []problem
	for _, n := range l.applicable() {
		carriers := l.carriers(n)
		var reporter string
		for _, k := range carriers {
			if l.seen(k.Kind) {
				reporter = k.Kind
			}
		}
		if reporter != l.kind() {
			continue // reported on a more specific certificate of the server
		}
		certs := []*x509.Certificate{c}
		var p problem
		after := false // past this certificate in the role's order
		for _, k := range carriers {
			p.carriers = append(p.carriers, k.Label)
			if !l.seen(k.Kind) {
				p.unseen = append(p.unseen, k.Label)
				if after {
					p.laterUnseen = true
				}
			}
			if k.Kind == l.kind() {
				after = true
			} else {
				certs = append(certs, l.target().Others[k.Kind]...)
			}
		}
		if p.laterUnseen {
			continue // a more specific certificate, not seen, is where the names usually are: nothing to say
		}
		for _, name := range ctx.ExpandAll(n.Names) {
			if !carried(certs, name) && !underOtherDomain(certs, name, ctx.SIPDomains) {
				p.missing = append(p.missing, name)
				if p.wildcardSuggested == "" {
					if _, parent, ok := strings.Cut(name, "."); ok {
						p.wildcardSuggested = "*." + parent
					}
				}
			}
		}
		if len(p.missing) > 0 {
			p.definite = len(p.unseen) == 0
			out = append(out, p)
		}
	}
	return out
}

// carried reports whether one of the certificates holds name as a SAN DNS name or under a SAN wildcard.
func carried(certs []*x509.Certificate, name string) bool {
	for _, c := range certs {
		if hasSANDNS(c, name) || coveredByWildcard(c, name) {
			return true
		}
	}
	return false
}

// underOtherDomain reports whether one of the certificates holds name's first label under a domain that is not a
// SIP domain ("lyncdiscoverinternal.contoso.local" for "lyncdiscoverinternal.contoso.com"): names_any_domain
// judges that.
func underOtherDomain(certs []*x509.Certificate, name string, sipDomains []string) bool {
	label, _, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	for _, c := range certs {
		for _, n := range c.DNSNames {
			if labelUnderOtherDomain(n, label, sipDomains) {
				return true
			}
		}
	}
	return false
}

// labelUnderOtherDomain reports whether the certificate name n is label under a domain that is not a SIP domain
// ("lyncdiscoverinternal.contoso.local" for lyncdiscoverinternal).
func labelUnderOtherDomain(n, label string, sipDomains []string) bool {
	first, parent, ok := strings.Cut(n, ".")
	return ok && policy.SameName(first, label) && !isSIPDomain(parent, sipDomains)
}

// isSIPDomain reports whether name is one of the SIP domains, as names compare.
func isSIPDomain(name string, sipDomains []string) bool {
	return slices.ContainsFunc(sipDomains, func(d string) bool { return policy.SameName(name, d) })
}

// Execute reports the names no certificate of the server carries: an error when every certificate that may carry
// them was seen, else a notice naming the one to check.
func (l *namesAny) Execute(c *x509.Certificate) *zlint.LintResult {
	problems := l.judge(c)
	if len(problems) == 0 {
		return pass()
	}
	var parts []string
	definite := false
	for _, p := range problems {
		definite = definite || p.definite
		msg := fmt.Sprintf("%s: on neither %s (nor under a SAN wildcard %s)", quoteList(p.missing), joinAnd(theLabels(p.carriers), "nor"), p.wildcardSuggested)
		if len(p.carriers) == 1 {
			msg = fmt.Sprintf("%s: not on the %s (nor under a SAN wildcard %s)", quoteList(p.missing), p.carriers[0], p.wildcardSuggested)
		}
		if !p.definite {
			verb := "was"
			if len(p.unseen) > 1 {
				verb = "were"
			}
			msg = fmt.Sprintf("this %s lacks %s; %s %s not checked: it must carry them if this one does not", l.label(), quoteList(p.missing), joinAnd(theLabels(p.unseen), "and"), verb)
		}
		parts = append(parts, msg)
	}
	details := l.withConsequence(strings.Join(parts, "; "), ": ")
	if !definite {
		return &zlint.LintResult{Status: zlint.Notice, Details: details}
	}
	return l.result("%s", details)
}

// label is what Microsoft's tables call the certificate being judged.
func (l *namesAny) label() string {
	if cert, ok := l.ctx().CertificateSpec(); ok {
		return cert.Label
	}
	return "certificate"
}

func theLabels(labels []string) []string {
	out := make([]string, len(labels))
	for i, s := range labels {
		out[i] = "the " + s
	}
	return out
}

// Remediation names the names and where they may go.
func (l *namesAny) Remediation(c *x509.Certificate) string {
	var adds []string
	wildcard := ""
	for _, p := range l.judge(c) {
		adds = append(adds, fmt.Sprintf("%s to the SAN of %s", plainList(p.missing), joinAnd(theLabels(p.carriers), "or")))
		if wildcard == "" {
			wildcard = p.wildcardSuggested
		}
	}
	return fmt.Sprintf("%s and add %s (any of them will do; one certificate often serves them all), or a wildcard %s to a web certificate's SAN",
		l.request(), strings.Join(adds, "; "), wildcard)
}

// NeedsOthers reports whether a certificate judged with ctx has rules judged across its server's certificates: the
// pipeline then keeps it for DeploymentFindings.
func NeedsOthers(ctx policy.Context) bool {
	if _, ok := ctx.RoleSpec(); !ok {
		return false
	}
	return len(idsOf(ctx.Profile(), "names_any")) > 0
}
