package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

const nameSANMissingWebFarm = "e_ocs_san_missing_web_farm"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name:        nameSANMissingWebFarm,
			Description: "An Enterprise pool's certificate must hold the internal web farm FQDN in the SAN when it differs from the pool FQDN",
			Citation:    citeTable2 + ": Web Components Server role",
			Source:      Source,
		},
		Lint: newSANMissingWebFarm,
	})
}

type sanMissingWebFarm struct{ cfg webConfig }

func newSANMissingWebFarm() zlint.CertificateLintInterface { return &sanMissingWebFarm{} }

// Configure implements zlint.Configurable.
func (l *sanMissingWebFarm) Configure() interface{} { return &l.cfg }

// CheckApplies: an Enterprise pool whose web farm FQDN differs from the pool FQDN.
func (l *sanMissingWebFarm) CheckApplies(c *x509.Certificate) bool {
	return l.cfg.role() == policy.EnterprisePool && l.cfg.WebFarm != "" && !policy.SameName(l.cfg.WebFarm, l.cfg.FQDN)
}

// Execute looks for the web farm FQDN among the SAN DNS names.
func (l *sanMissingWebFarm) Execute(c *x509.Certificate) *zlint.LintResult {
	if hasSANDNS(c, l.cfg.WebFarm) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"the Subject Alternative Name lacks the internal web farm FQDN %q: Communicator cannot reach the pool's Web Components (address book, meeting content)", l.cfg.WebFarm)}
}

// Remediation names the web farm FQDN to add.
func (l *sanMissingWebFarm) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("%s and add the web farm FQDN %s to the Subject Alternative Name", wizardRequest, l.cfg.WebFarm)
}
