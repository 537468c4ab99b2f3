package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestSANMissingWebFarm(t *testing.T) {
	runCases(t, nameSANMissingWebFarm, []ruleCase{
		{"web farm in SAN", "pool01", ctxPool, "", zlint.Pass},
		{"web farm missing", "pool01-no-web-farm", ctxPool, "", zlint.Error},
		{"web farm is the pool FQDN", "pool01-no-web-farm", withWebFarm(ctxPool, "pool01.contoso.com"), "", zlint.NA},
		{"standard edition", "se01", ctxSE, "", zlint.NA},
	})
}
