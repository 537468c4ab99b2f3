package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

func TestLyncdiscoverNotSIPDomain(t *testing.T) {
	webInternal := lyncCtx(t, "sfb2015", policy.FrontEndPool, "web-internal", "lfe01.contoso.com")
	noDomains := withSIPDomains(webInternal)
	off := webInternal
	off.NoAutodiscover = true
	runCases(t, "w_sfb2015_lyncdiscover_not_sip_domain", []ruleCase{
		{"under the SIP domains", "lync-fe01-web-internal", webInternal, "", zlint.Pass},
		{"under the internal AD domain", "lync-fe01-mistake-lyncdiscover-local", webInternal, "", zlint.Warn},
		{"no SIP domain given: nothing to compare with", "lync-fe01-mistake-lyncdiscover-local", noDomains, "", zlint.NA},
		{"automatic discovery not used", "lync-fe01-mistake-lyncdiscover-local", off, "", zlint.NA},
		{"the OAuth certificate carries no such names", "lync-oauth", lyncCtx(t, "sfb2015", policy.FrontEndPool, "oauth", ""), "", zlint.NA},
	})
}
