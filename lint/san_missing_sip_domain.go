package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

const nameSANMissingSIPDomain = "e_ocs_san_missing_sip_domain"

func init() {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{
			Name: nameSANMissingSIPDomain,
			Description: "With several SIP domains and automatic client configuration (Directors: and client logon " +
				"through the Director), the SAN must hold sip.<domain> for every SIP domain",
			Citation: citeTables + ": Subject Alternate Name; reference/REQUIREMENTS.md, Names: SIP domain FQDN",
			Source:   Source,
		},
		Lint: newSANMissingSIPDomain,
	})
}

type sanMissingSIPDomain struct{ cfg sipDomainConfig }

func newSANMissingSIPDomain() zlint.CertificateLintInterface { return &sanMissingSIPDomain{} }

// Configure implements zlint.Configurable.
func (l *sanMissingSIPDomain) Configure() interface{} { return &l.cfg }

// CheckApplies: two or more SIP domains with automatic client configuration; for a Director, only when all
// clients log on through it (Tables 3 and 4).
func (l *sanMissingSIPDomain) CheckApplies(c *x509.Certificate) bool {
	if l.cfg.Role == "" || len(l.cfg.SIPDomains) < 2 || !l.cfg.AutoConfig {
		return false
	}
	return !policy.Role(l.cfg.Role).IsDirector() || l.cfg.ClientLogon
}

// Execute looks for sip.<domain> of every SIP domain in the SAN.
func (l *sanMissingSIPDomain) Execute(c *x509.Certificate) *zlint.LintResult {
	missing := l.missing(c)
	if len(missing) == 0 {
		return &zlint.LintResult{Status: zlint.Pass}
	}
	return &zlint.LintResult{Status: zlint.Error, Details: fmt.Sprintf(
		"the Subject Alternative Name lacks %s: clients of those SIP domains cannot sign in automatically", quoteList(missing))}
}

func (l *sanMissingSIPDomain) missing(c *x509.Certificate) []string {
	var missing []string
	for _, d := range l.cfg.SIPDomains {
		if name := sipFQDN(d); !hasSANDNS(c, name) {
			missing = append(missing, name)
		}
	}
	return missing
}

// Remediation names the SIP domain FQDNs to add.
func (l *sanMissingSIPDomain) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("%s and add %s to the Subject Alternative Name", wizardRequest, plainList(l.missing(c)))
}
