package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

func TestWildcardSANBeforeFQDN(t *testing.T) {
	web := lyncCtx(t, "lync2010", policy.FrontEndPool, "web-internal", "lfe01.contoso.com")
	runCases(t, "w_lync2010_wildcard_san_before_fqdn", []ruleCase{
		{"FQDN first, wildcards after", "lync-fe01-web-wildcard", web, "", zlint.Pass},
		{"wildcards first", "lync-fe01-mistake-wildcard-first", web, "", zlint.Warn},
		{"no wildcard", "lync-fe01-web-internal", web, "", zlint.NA},
	})
}
