package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestTrailingDot(t *testing.T) {
	runCases(t, nameTrailingDot, []ruleCase{
		{"no trailing dot", "se01", ctxSE, "", zlint.Pass},
		{"CN and SAN with a trailing dot", "se01-trailing-dot", ctxSE, "", zlint.Warn},
	})
}
