package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
	"github.com/zmap/zlint/v3/util"
)

const nameSANMissingCN = "w_ocs_san_missing_subject_cn"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameSANMissingCN,
			Description: "When a SAN is present it should repeat the Subject CN: clients that follow RFC 2818/6125 ignore the CN then",
			Citation:    citeCNInSAN,
			Source:      Source,
		},
		Lint: newSANMissingCN,
	})
}

type sanMissingCN struct{}

func newSANMissingCN() zlint.CertificateLintInterface { return &sanMissingCN{} }

// CheckApplies: a SAN extension and a CN are present.
func (l *sanMissingCN) CheckApplies(c *x509.Certificate) bool {
	return subjectCN(c) != "" && hasExtension(c, util.SubjectAlternateNameOID)
}

// Execute looks for the CN among the SAN DNS names.
func (l *sanMissingCN) Execute(c *x509.Certificate) *zlint.LintResult {
	if hasSANDNS(c, subjectCN(c)) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Warn, Details: fmt.Sprintf(
		"the Subject Alternative Name does not repeat the Subject CN %q: clients that check only the SAN will not match it", subjectCN(c))}
}

// Remediation asks for the CN in the SAN.
func (l *sanMissingCN) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("next time you request the certificate, add %s to the Subject Alternative Name too", subjectCN(c))
}
