package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
)

// private_ca: an external interface whose certificate is expected to come from a public CA (an Edge Server's
// external interfaces when federation, public IM connectivity or anonymous conferencing is declared; the reverse
// proxy's listeners always) presents a chain that ends in a --ca-file anchor, the Enterprise CA. The inverse of
// public_ca, which applies to internal interfaces.
func init() {
	register("private_ca", func(r rule) zlint.CertificateLintInterface { return &privateCA{rule: r} })
}

type privateCA struct{ rule }

// CheckApplies when the chain is trusted and the certificate is held to this rule in the deployment.
func (l *privateCA) CheckApplies(c *x509.Certificate) bool {
	if !l.target().Trust.Trusted() {
		return false
	}
	_, ok := l.requirement()
	return ok
}

// Execute flags a chain that ends in a --ca-file anchor.
func (l *privateCA) Execute(c *x509.Certificate) *zlint.LintResult {
	v := l.target().Trust
	if v.Outcome != trust.Anchored {
		return pass()
	}
	req, _ := l.requirement()
	msg := fmt.Sprintf("the chain ends in %q, a --ca-file (Enterprise CA) anchor, not a public CA", v.AnchorName)
	what, who := declared(l.ctx(), req)
	switch {
	case what != "" && who != "":
		msg += fmt.Sprintf(", and the deployment declares %s: %s do not trust your Enterprise CA", what, who)
	case l.spec.Consequence != "":
		msg += ": " + l.spec.Consequence
	}
	return l.result("%s", msg)
}

// Remediation is the profile's.
func (l *privateCA) Remediation(c *x509.Certificate) string {
	return l.fixedOr("request the certificate from a public CA and assign it to the external interface")
}
