package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestSANMissingCN(t *testing.T) {
	runCases(t, nameSANMissingCN, []ruleCase{
		{"CN repeated", "se01", ctxSE, "", zlint.Pass},
		{"CN not in SAN", "se01-cn-not-in-san", ctxSE, "", zlint.Warn},
		{"no SAN at all", "se01-no-san", ctxSE, "", zlint.NA},
	})
}
