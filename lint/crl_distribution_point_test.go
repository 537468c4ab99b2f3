package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestMissingCRLDP(t *testing.T) {
	runCases(t, nameMissingCRLDP, []ruleCase{
		{"CRL distribution point", "se01", ctxSE, "", zlint.Pass},
		{"none", "se01-no-crl-dp", ctxSE, "", zlint.Error},
	})
}
