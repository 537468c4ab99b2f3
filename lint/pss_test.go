package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestPSS(t *testing.T) {
	runCases(t, namePSS, []ruleCase{
		{"PKCS#1 v1.5", "se01", ctxSE, "", zlint.Pass},
		{"RSASSA-PSS", "se01-pss", ctxSE, "", zlint.Error},
	})
}
