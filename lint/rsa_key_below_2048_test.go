package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestRSABelow2048(t *testing.T) {
	runCases(t, nameRSABelow2048, []ruleCase{
		{"2048 bits", "se01", ctxSE, "", zlint.Pass},
		{"1024 bits", "se01-rsa1024", ctxSE, "", zlint.Warn},
		{"512 bits is the error rule's", "se01-rsa512", ctxSE, "", zlint.NA},
	})
}
