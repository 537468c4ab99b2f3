package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

const nameWebComponentsNameMismatch = "e_ocs_web_components_name_mismatch"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name: nameWebComponentsNameMismatch,
			Description: "The certificate on the IIS Web Components endpoint must name the web farm FQDN (pool) or " +
				"the server FQDN (Standard Edition) in its CN or SAN",
			Citation: citeTable12,
			Source:   Source,
		},
		Lint: newWebComponentsNameMismatch,
	})
}

type webComponentsNameMismatch struct{ cfg webConfig }

func newWebComponentsNameMismatch() zlint.CertificateLintInterface {
	return &webComponentsNameMismatch{}
}

// Configure implements zlint.Configurable.
func (l *webComponentsNameMismatch) Configure() interface{} { return &l.cfg }

// CheckApplies to certificates seen on a web endpoint of a role with Web Components.
func (l *webComponentsNameMismatch) CheckApplies(c *x509.Certificate) bool {
	return l.cfg.Endpoint == policy.WebEndpoint && l.cfg.role().HasWebComponents() && l.name() != ""
}

// name is the name clients use for the Web Components.
func (l *webComponentsNameMismatch) name() string {
	if l.cfg.role() == policy.EnterprisePool && l.cfg.WebFarm != "" {
		return l.cfg.WebFarm
	}
	return l.cfg.FQDN
}

// Execute looks for the Web Components name in the CN or SAN.
func (l *webComponentsNameMismatch) Execute(c *x509.Certificate) *zlint.LintResult {
	if namesCertificate(c, l.name()) {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"IIS presents a certificate for %q, which does not name %q: the OCS certificate was probably never assigned to the web site", subjectCN(c), l.name())}
}

// Remediation points at the IIS snap-in.
func (l *webComponentsNameMismatch) Remediation(c *x509.Certificate) string {
	return "assign the OCS certificate to the Default Web Site with the IIS snap-in (Directory Security > Server Certificate on IIS 6; Bindings > https on IIS 7): the OCS Certificate Wizard does not"
}
