package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestRSABelow1024(t *testing.T) {
	runCases(t, nameRSABelow1024, []ruleCase{
		{"1024 bits", "se01-rsa1024", ctxSE, "", zlint.Pass},
		{"512 bits", "se01-rsa512", ctxSE, "", zlint.Error},
	})
}
