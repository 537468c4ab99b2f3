package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestPublicCA(t *testing.T) {
	runCases(t, namePublicCA, []ruleCase{
		{"Enterprise CA", "se01", ctxSE, "", zlint.Pass},
		{"public CA", "se01-public", ctxSE, "", zlint.Notice},
		{"untrusted", "se01-rogue", ctxSE, "", zlint.NA},
	})
}
