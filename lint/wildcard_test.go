package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestWildcard(t *testing.T) {
	runCases(t, nameWildcard, []ruleCase{
		{"explicit names", "pool01", ctxPool, "", zlint.Pass},
		{"wildcard SAN", "se01-wildcard", ctxSE, "", zlint.Error},
	})
}
