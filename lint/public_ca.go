package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
)

// public_ca: an internal interface's certificate whose chain ends in a system (public) root rather than a
// --ca-file (Enterprise CA) anchor.
func init() {
	register("public_ca", func(r rule) zlint.CertificateLintInterface { return &publicCA{rule: r} })
}

type publicCA struct{ rule }

// CheckApplies when the chain is trusted and the certificate faces the internal network.
func (l *publicCA) CheckApplies(c *x509.Certificate) bool {
	if !l.target().Trust.Trusted() {
		return false
	}
	cert, ok := l.ctx().CertificateSpec()
	return !ok || cert.Interface == policy.Internal
}

// Execute notes a chain that ends in a system root.
func (l *publicCA) Execute(c *x509.Certificate) *zlint.LintResult {
	v := l.target().Trust
	if v.Outcome != trust.System {
		return pass()
	}
	return l.result("the chain ends in the system root %q, not in a --ca-file (Enterprise CA) anchor", v.AnchorName)
}

// Remediation explains the choice, in the product's words when its profile has them.
func (l *publicCA) Remediation(c *x509.Certificate) string {
	return l.fixedOr("nothing to fix if this is intended; otherwise pass your Enterprise root with --ca-file, or issue internal server certificates from your Enterprise CA (KB929395 lists the public CAs that work with OCS)")
}
