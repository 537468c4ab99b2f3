package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestSANMissingSIPDomain(t *testing.T) {
	runCases(t, nameSANMissingSIPDomain, []ruleCase{
		{"every SIP domain", "se01", ctxSE, "", zlint.Pass},
		{"pool with every SIP domain", "pool01", ctxPool, "", zlint.Pass},
		{"pool lacks sip.fabrikam.com", "pool01-missing-sip-fabrikam", ctxPool, "", zlint.Error},
		{"director with client logon lacks sip.fabrikam.com", "pool01-missing-sip-fabrikam", withFQDN(ctxDir, "pool01.contoso.com"), "", zlint.Error},
		{"director without client logon", "pool01-missing-sip-fabrikam", withoutClientLogon(ctxDir), "", zlint.NA},
		{"automatic configuration off", "pool01-missing-sip-fabrikam", withoutAutoConfig(ctxPool), "", zlint.NA},
		{"one SIP domain", "pool01-missing-sip-fabrikam", withSIPDomains(ctxPool, "contoso.com"), "", zlint.NA},
	})
}
