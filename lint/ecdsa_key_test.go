package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

func TestECCKey(t *testing.T) {
	def := lyncCtx(t, "sfb2019", policy.FrontEndPool, "default", "lfe01.contoso.com")
	runCases(t, "w_sfb2019_ecc_key", []ruleCase{
		{"RSA key", "lync-fe01-default", def, "", zlint.Pass},
		{"ECDSA P-256 key", "lync-fe01-mistake-ecdsa", def, "", zlint.Warn},
	})
}
