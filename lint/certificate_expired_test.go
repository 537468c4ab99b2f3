package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestExpired(t *testing.T) {
	runCases(t, nameExpired, []ruleCase{
		{"valid", "se01", ctxSE, "", zlint.Pass},
		{"expired", "se01-expired", ctxSE, "", zlint.Error},
	})
}
