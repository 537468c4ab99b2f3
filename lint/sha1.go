package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// sha1: SHA-1 signatures on the certificate or a CA below the root. A root's self-signature is left out: no
// verifier checks it.
func init() {
	register("sha1", func(r rule) zlint.CertificateLintInterface { return &sha1Sig{rule: r} })
}

type sha1Sig struct{ rule }

func (l *sha1Sig) found(c *x509.Certificate) []signed {
	return signedWith(c, l.target(), false, x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1)
}

// CheckApplies to every certificate, unless the deployment has clients that cannot validate SHA-2 (--clients
// xp-sp2, server2003): for them SHA-1 is what works, and w_ocs_sha2_legacy_windows judges the other way.
func (l *sha1Sig) CheckApplies(c *x509.Certificate) bool {
	return !l.ctx().HasClient(policy.NoSHA2Clients()...)
}

// Execute looks for SHA-1 in the chain.
func (l *sha1Sig) Execute(c *x509.Certificate) *zlint.LintResult {
	if list := l.found(c); len(list) > 0 {
		return l.result("signed with SHA-1: %s", describeSigned(list))
	}
	return pass()
}

// Remediation explains the trade-off.
func (l *sha1Sig) Remediation(c *x509.Certificate) string {
	return "once every Communicator client has the SHA-2 hotfixes (KB938397, KB968730), move the CA to SHA-256 and " + l.request()
}
