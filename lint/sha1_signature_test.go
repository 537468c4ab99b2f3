package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestSHA1(t *testing.T) {
	runCases(t, nameSHA1, []ruleCase{
		{"SHA-256", "se01", ctxSE, "", zlint.Pass},
		{"SHA-1", "se01-sha1", ctxSE, "", zlint.Warn},
	})
}
