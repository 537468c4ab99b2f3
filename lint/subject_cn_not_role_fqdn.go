package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

const nameCNNotRoleFQDN = "e_ocs_subject_cn_not_role_fqdn"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name: nameCNNotRoleFQDN,
			Description: "The Subject CN must be the role's FQDN: the Standard Edition server's, the pool's, the " +
				"Director's or the Director pool's",
			Citation: citeTables + ": Subject Name/Common Name",
			Source:   Source,
		},
		Lint: newCNNotRoleFQDN,
	})
}

type cnNotRoleFQDN struct{ cfg nameConfig }

func newCNNotRoleFQDN() zlint.CertificateLintInterface { return &cnNotRoleFQDN{} }

// Configure implements zlint.Configurable.
func (l *cnNotRoleFQDN) Configure() interface{} { return &l.cfg }

// CheckApplies: a role and its FQDN are known.
func (l *cnNotRoleFQDN) CheckApplies(c *x509.Certificate) bool {
	return l.cfg.Role != "" && l.cfg.FQDN != ""
}

// Execute compares the CN with the role's FQDN.
func (l *cnNotRoleFQDN) Execute(c *x509.Certificate) *zlint.LintResult {
	cn := subjectCN(c)
	if policy.SameName(cn, l.cfg.FQDN) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	role := l.cfg.role()
	if cn == "" {
		return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
			"the Subject has no CN; %s needs %s %q there", role.Table(), role.FQDNLabel(), l.cfg.FQDN)}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"Subject CN %q is not %s %q (%s)", cn, role.FQDNLabel(), l.cfg.FQDN, role.Table())}
}

// Remediation says which name to request.
func (l *cnNotRoleFQDN) Remediation(c *x509.Certificate) string {
	if l.cfg.role().IsPool() {
		return fmt.Sprintf("%s on a pool member, with the pool FQDN %s as Subject Name (not the member's own FQDN), then install it on every member",
			wizardRequest, l.cfg.FQDN)
	}
	return fmt.Sprintf("%s with %s as Subject Name", wizardRequest, l.cfg.FQDN)
}
