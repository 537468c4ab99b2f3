package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestCNNotRoleFQDN(t *testing.T) {
	runCases(t, nameCNNotRoleFQDN, []ruleCase{
		{"standard edition FQDN", "se01", ctxSE, "", zlint.Pass},
		{"pool FQDN", "pool01", ctxPool, "", zlint.Pass},
		{"director FQDN", "dir01", ctxDir, "", zlint.Pass},
		{"director pool FQDN", "dirpool01", ctxDirPool, "", zlint.Pass},
		{"trailing dot and case ignored", "se01", withFQDN(ctxSE, "SE01.Contoso.COM."), "", zlint.Pass},
		{"member FQDN instead of pool FQDN", "pool01-member-cn", ctxPool, "", zlint.Error},
		{"pool certificate on a Standard Edition server", "pool01", ctxSE, "", zlint.Error},
		{"director certificate for the director pool", "dir01", ctxDirPool, "", zlint.Error},
		{"no role given", "pool01-member-cn", noRole(), "", zlint.NA},
		{"two CNs: the one zcrypto takes is the second", "se01-two-cn", ctxSE, "", zlint.Error},
		{"CN with a trailing space never matches", "se01-space-cn", ctxSE, "", zlint.Error},
		{"look-alike Kelvin sign never stands for k", "kiosk01-lookalike-cn", withFQDN(ctxSE, "kiosk01.contoso.com"), "", zlint.Error},
		{"CN in BMPString is read", "se01-bmp-cn", ctxSE, "", zlint.Pass},
		{"CN in UniversalString is read", "se01-universal-cn", ctxSE, "", zlint.Pass},
		{"trailing dot counts as the name", "se01-trailing-dot", ctxSE, "", zlint.Pass},
		{"web farm as Subject Name on the web endpoint (Table 2)", "pool01-web-farm-cn", ctxPool, "web", zlint.Pass},
		{"web farm as Subject Name on the SIP endpoint", "pool01-web-farm-cn", ctxPool, "sip", zlint.Error},
	})
}

func TestSANMissingSIPDomain(t *testing.T) {
	runCases(t, nameSANMissingSIPDomain, []ruleCase{
		{"every SIP domain", "se01", ctxSE, "", zlint.Pass},
		{"pool with every SIP domain", "pool01", ctxPool, "", zlint.Pass},
		{"pool lacks sip.fabrikam.com", "pool01-missing-sip-fabrikam", ctxPool, "", zlint.Error},
		{"director with client logon lacks sip.fabrikam.com", "pool01-missing-sip-fabrikam", withFQDN(ctxDir, "pool01.contoso.com"), "", zlint.Error},
		{"director without client logon", "pool01-missing-sip-fabrikam", withoutClientLogon(ctxDir), "", zlint.NA},
		{"automatic configuration off", "pool01-missing-sip-fabrikam", withoutAutoConfig(ctxPool), "", zlint.NA},
		{"one SIP domain", "pool01-missing-sip-fabrikam", withSIPDomains(ctxPool, "contoso.com"), "", zlint.NA},
		{"sip.fabrikam.com with a tab never matches", "pool01-sip-tab", ctxPool, "", zlint.Error},
		{"the same SIP domain twice counts once", "pool01-missing-sip-fabrikam", withSIPDomains(ctxPool, "contoso.com", "contoso.com"), "", zlint.NA},
	})
}

func TestSANMissingWebFarm(t *testing.T) {
	runCases(t, nameSANMissingWebFarm, []ruleCase{
		{"web farm in SAN", "pool01", ctxPool, "", zlint.Pass},
		{"web farm missing", "pool01-no-web-farm", ctxPool, "", zlint.Error},
		{"web farm is the pool FQDN", "pool01-no-web-farm", withWebFarm(ctxPool, "pool01.contoso.com"), "", zlint.NA},
		{"standard edition", "se01", ctxSE, "", zlint.NA},
	})
}

func TestWebComponentsNameMismatch(t *testing.T) {
	runCases(t, nameWebComponentsNameMismatch, []ruleCase{
		{"pool certificate names the web farm", "pool01", ctxPool, "web", zlint.Pass},
		{"standard edition certificate", "se01", ctxSE, "web", zlint.Pass},
		{"IIS self-signed certificate never replaced", "fe02-iis-selfsigned", ctxPool, "web", zlint.Error},
		{"pool certificate without the web farm", "pool01-no-web-farm", ctxPool, "web", zlint.Error},
		{"SIP endpoint", "fe02-iis-selfsigned", ctxPool, "sip", zlint.NA},
		{"director has no web components", "fe02-iis-selfsigned", ctxDir, "web", zlint.NA},
	})
}
