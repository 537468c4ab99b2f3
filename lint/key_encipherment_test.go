package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestKeyEncipherment(t *testing.T) {
	runCases(t, nameKeyEncipherment, []ruleCase{
		{"digitalSignature + keyEncipherment", "se01", ctxSE, "", zlint.Pass},
		{"digitalSignature only", "se01-no-key-encipherment", ctxSE, "", zlint.Warn},
	})
}
