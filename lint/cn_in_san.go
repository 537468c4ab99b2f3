package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

// cn_in_san: a SAN, when present, repeats the Subject CN.
func init() {
	register("cn_in_san", func(r rule) zlint.CertificateLintInterface { return &cnInSAN{rule: r} })
}

type cnInSAN struct{ rule }

// CheckApplies: a SAN extension and a CN are present.
func (l *cnInSAN) CheckApplies(c *x509.Certificate) bool {
	return subjectCN(c) != "" && hasExtension(c, util.SubjectAlternateNameOID)
}

// Execute looks for the CN among the SAN DNS names.
func (l *cnInSAN) Execute(c *x509.Certificate) *zlint.LintResult {
	if hasSANDNS(c, subjectCN(c)) {
		return pass()
	}
	return l.result("the Subject Alternative Name does not repeat the Subject CN %q: clients that check only the SAN will not match it", subjectCN(c))
}

// Remediation asks for the CN in the SAN.
func (l *cnInSAN) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("next time you request the certificate, add %s to the Subject Alternative Name too", subjectCN(c))
}
