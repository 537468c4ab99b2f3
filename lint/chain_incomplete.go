package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// chain_incomplete: a live endpoint does not send the intermediates that lead to a trust anchor. A file is not a
// server that fails to send its intermediates, so the rule applies to live endpoints only.
func init() {
	register("chain_incomplete", func(r rule) zlint.CertificateLintInterface { return &chainIncomplete{rule: r} })
}

type chainIncomplete struct{ rule }

// CheckApplies to certificates seen on a live endpoint whose chain reaches a --ca-file anchor, unless the
// certificate is held to a rule of its own about the chain it sends (chain_not_sent: a media gateway).
func (l *chainIncomplete) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	return t.live() && t.Trust != nil && t.Trust.Trust == trustCAFile && l.requiredRuleOf("chain_not_sent") == ""
}

// Execute reports whether the presented chain was complete.
func (l *chainIncomplete) Execute(c *x509.Certificate) *zlint.LintResult {
	if !l.target().Trust.Incomplete {
		return pass()
	}
	return l.result("the server sends only its own certificate, not the intermediate CA: clients that do not have the intermediate (outside the domain) fail")
}

// Remediation says where the intermediate goes, with the tools of Windows Server 2003/2008 and later.
func (l *chainIncomplete) Remediation(c *x509.Certificate) string {
	return "import the issuing CA certificate into the server's Intermediate Certification Authorities store (the Certificates snap-in for the Computer account; certlm.msc on Windows Server 2012 and later), then restart the " +
		l.product.ShortName + " services and IIS"
}
