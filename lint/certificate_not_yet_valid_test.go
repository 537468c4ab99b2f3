package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestNotYetValid(t *testing.T) {
	runCases(t, nameNotYetValid, []ruleCase{
		{"valid", "se01", ctxSE, "", zlint.Pass},
		{"not yet valid", "se01-not-yet-valid", ctxSE, "", zlint.Error},
	})
}
