package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// sni_differs: an endpoint probed both with the server name (SNI) and without it presents two different
// certificates. Communicator 2007 R2 on Windows XP and Server 2003 sends no SNI, so it gets the other one; a load
// balancer in front of a pool is the usual cause. It runs in the deployment-level pass (Runner.SNIFindings).
func init() {
	register("sni_differs", func(r rule) zlint.CertificateLintInterface { return &sniDiffers{rule: r} })
}

type sniDiffers struct{ rule }

// CheckApplies when the endpoint was probed both ways and both probes found a certificate.
func (l *sniDiffers) CheckApplies(c *x509.Certificate) bool {
	s := l.target().SNI
	return s != nil && s.WithSNI != nil && s.WithoutSNI != nil
}

// Execute compares the two certificates.
func (l *sniDiffers) Execute(c *x509.Certificate) *zlint.LintResult {
	s := l.target().SNI
	if Fingerprint(s.WithSNI) == Fingerprint(s.WithoutSNI) {
		return pass()
	}
	return l.result("with the server name %q the endpoint presents %s; without a server name (as Communicator on Windows XP and Server 2003 connects) it presents %s",
		s.Name, describeCert(s.WithSNI), describeCert(s.WithoutSNI))
}

// describeCert names a certificate for a message: its CN, issuer and fingerprint.
func describeCert(c *x509.Certificate) string {
	return fmt.Sprintf("%q issued by %q (sha256 %s…)", subjectCN(c), c.Issuer.CommonName, Fingerprint(c)[:16])
}

// Remediation says where to look.
func (l *sniDiffers) Remediation(c *x509.Certificate) string {
	return "make the load balancer (or the web server's default binding) present the same certificate to clients that send no server name: bind the role's certificate to the IP address and port, not only to the host name"
}

// SNIFindings judges an endpoint probed with and without SNI: the finding for it, if the two certificates differ.
func (r *Runner) SNIFindings(ctx policy.Context, endpoint string, cmp *SNIComparison) []Finding {
	c := cmp.WithSNI
	if c == nil {
		c = cmp.WithoutSNI
	}
	if c == nil {
		return nil
	}
	t := &Target{Context: ctx, Endpoint: endpoint, SNI: cmp}
	return r.lintTarget(c, t, idsOf(ctx.Profile(), "sni_differs"))
}
