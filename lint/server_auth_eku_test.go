package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestMissingServerAuth(t *testing.T) {
	runCases(t, nameMissingServerAuth, []ruleCase{
		{"server authentication", "se01", ctxSE, "", zlint.Pass},
		{"client authentication only", "se01-client-auth-only", ctxSE, "", zlint.Error},
	})
}
