package lint

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

const nameWildcard = "e_ocs_wildcard_name"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameWildcard,
			Description: "No wildcard in the Subject CN or any SAN DNS name: OCS does not support wildcard certificates",
			Citation:    citeWildcards,
			Source:      Source,
		},
		Lint: newWildcard,
	})
}

type wildcard struct{}

func newWildcard() zlint.CertificateLintInterface { return &wildcard{} }

// CheckApplies to every server certificate.
func (l *wildcard) CheckApplies(c *x509.Certificate) bool { return true }

// Execute looks for "*" in the CN and the SAN DNS names.
func (l *wildcard) Execute(c *x509.Certificate) *zlint.LintResult {
	names := wildcardNames(c)
	if len(names) == 0 {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"wildcard name %s: OCS services do not start with a wildcard certificate", quoteList(names))}
}

func wildcardNames(c *x509.Certificate) []string {
	var names []string
	for _, n := range append([]string{subjectCN(c)}, c.DNSNames...) {
		if strings.Contains(n, "*") {
			names = append(names, n)
		}
	}
	return names
}

// Remediation asks for explicit names.
func (l *wildcard) Remediation(c *x509.Certificate) string {
	return wizardRequest + " that lists every name explicitly (server or pool FQDN, web farm, sip.<domain>) instead of " + plainList(wildcardNames(c))
}
