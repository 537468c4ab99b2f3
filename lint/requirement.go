package lint

import (
	"strings"

	"github.com/uclint/uclint/policy"
)

// A certificate's requirements (policy.CertificateSpec.Rules) hold it to rules beyond its names when the
// deployment's facts say so: the checks below read them through these helpers.

// requirement is the certificate's requirement that reports under this rule, if it holds in the target's context.
func (r *rule) requirement() (policy.Requirement, bool) { return r.ctx().Requirement(r.spec.Rule) }

// requiredRuleOf is the rule, among the certificate's requirements that hold, that check implements; "" when
// there is none.
func (r *rule) requiredRuleOf(check string) string {
	ctx := r.ctx()
	cert, ok := ctx.CertificateSpec()
	if !ok {
		return ""
	}
	for _, req := range cert.Rules {
		if spec, ok := ctx.Profile().Rule(req.Rule); ok && spec.Check == check && ctx.HoldsRequirement(req) {
			return req.Rule
		}
	}
	return ""
}

// declared says which of a requirement's WhenAny conditions the deployment declares, in the administrator's
// words ("federation and public IM connectivity (msn, aol)"), and who is on the other side of each ("federated
// partners and public IM providers").
func declared(ctx *policy.Context, req policy.Requirement) (what, who string) {
	var whats, whos []string
	for _, cond := range req.WhenAny {
		if !ctx.Holds(cond) {
			continue
		}
		switch cond {
		case policy.WhenFederation:
			whats, whos = append(whats, "federation"), append(whos, "federated partners")
		case policy.WhenPublicIM:
			whats, whos = append(whats, "public IM connectivity ("+strings.Join(ctx.PublicIM, ", ")+")"), append(whos, "public IM providers")
		case policy.WhenAOL:
			whats, whos = append(whats, "public IM connectivity with AOL"), append(whos, "AOL")
		case policy.WhenAnonymous:
			whats, whos = append(whats, "anonymous web conferencing"), append(whos, "anonymous participants' computers")
		default:
			whats = append(whats, string(cond))
		}
	}
	return joinAnd(whats, "and"), joinAnd(whos, "and")
}

// certificateLabel is what the role calls a certificate of that kind: "the Access Edge external certificate".
func certificateLabel(ctx *policy.Context, kind string) string {
	if r, ok := ctx.RoleSpec(); ok {
		if c, ok := r.Certificate(kind); ok {
			return "the " + c.Label
		}
	}
	if kind == "" {
		return "the certificate"
	}
	return "the " + kind + " certificate"
}
