package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// chain_not_sent: a live endpoint that must send its chain (a TLS media gateway: its peer may hold only the root)
// sends only its own certificate, or not the intermediates that lead to a trust anchor. It takes the place of
// chain_incomplete for such certificates.
func init() {
	register("chain_not_sent", func(r rule) zlint.CertificateLintInterface { return &chainNotSent{rule: r} })
}

type chainNotSent struct{ rule }

// CheckApplies to a CA-issued certificate seen on a live endpoint that the deployment holds to the rule.
func (l *chainNotSent) CheckApplies(c *x509.Certificate) bool {
	_, ok := l.requirement()
	return ok && l.target().live() && !selfIssued(c) // a self-signed certificate has no CA to send
}

// Execute flags a chain that reaches a trust anchor only with intermediates the endpoint did not send, or an
// endpoint that sent nothing but its own certificate and whose issuer uclint cannot find either.
func (l *chainNotSent) Execute(c *x509.Certificate) *zlint.LintResult {
	t := l.target()
	leafOnly := len(t.Chain) == 0 && !t.Trust.Trusted()
	switch {
	case !t.Trust.Incomplete() && !leafOnly:
		return pass()
	case len(t.Chain) == 0:
		return l.result("the endpoint sends only its own certificate, not the CA certificates above it (issuer %q): a peer that holds only your root cannot build the chain and refuses the TLS connection", c.Issuer.CommonName)
	}
	return l.result("the endpoint sends %d CA certificate(s) but not every intermediate between its certificate and a trust anchor (issuer %q): a peer that holds only your root cannot build the chain", len(t.Chain), c.Issuer.CommonName)
}

// Remediation is the profile's.
func (l *chainNotSent) Remediation(c *x509.Certificate) string {
	return l.fixedOr(fmt.Sprintf("configure the endpoint to send its intermediate CA certificates (issuer %q) with its own", c.Issuer.CommonName))
}
