package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestExpiringSoon(t *testing.T) {
	runCases(t, nameExpiringSoon, []ruleCase{
		{"twenty years left", "se01", ctxSE, "", zlint.Pass},
		{"19 days left", "pool01-old", ctxPool, "", zlint.Warn},
		{"14 days left", "se01-expiring-soon", ctxSE, "", zlint.Warn},
		{"expired", "se01-expired", ctxSE, "", zlint.NA},
	})
}
