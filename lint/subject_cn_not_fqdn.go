package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

const nameCNNotFQDN = "e_ocs_subject_cn_not_fqdn"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameCNNotFQDN,
			Description: "The Subject CN must be a fully qualified DNS name: two or more labels of letters, digits and hyphens, not an IP address",
			Citation:    citeNames,
			Source:      Source,
		},
		Lint: newCNNotFQDN,
	})
}

type cnNotFQDN struct{}

func newCNNotFQDN() zlint.CertificateLintInterface { return &cnNotFQDN{} }

// CheckApplies to every server certificate.
func (l *cnNotFQDN) CheckApplies(c *x509.Certificate) bool { return true }

// Execute checks the CN's form.
func (l *cnNotFQDN) Execute(c *x509.Certificate) *zlint.LintResult {
	cn := subjectCN(c)
	if cn == "" {
		return &zlint.LintResult{Status: zlint.Error, Details: "the Subject has no CN: OCS needs the server's or pool's FQDN there"}
	}
	if err := policy.CheckFQDN(cn); err != nil {
		return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf("the Subject CN is not a fully qualified DNS name: %v", err)}
	}
	return &zlint.LintResult{Status: zlint.Pass}
}

// Remediation asks for the FQDN.
func (l *cnNotFQDN) Remediation(c *x509.Certificate) string {
	return wizardRequest + " with the server's or pool's fully qualified domain name (e.g. se01.contoso.com) as Subject Name, not a short name or an IP address"
}
