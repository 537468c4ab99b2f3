package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestChainUntrusted(t *testing.T) {
	runCases(t, nameChainUntrusted, []ruleCase{
		{"Contoso chain", "se01", ctxSE, "", zlint.Pass},
		{"leaf only, issuing CA from --ca-file", "se01-leaf-only", ctxSE, "", zlint.Pass},
		{"public CA", "se01-public", ctxSE, "", zlint.Pass},
		{"SHA-1 signed by the Enterprise CA", "se01-sha1", ctxSE, "", zlint.Pass},
		{"expired certificate still chains", "se01-expired", ctxSE, "", zlint.Pass},
		{"self-signed", "se01-self-signed", ctxSE, "", zlint.Error},
		{"unknown CA", "se01-rogue", ctxSE, "", zlint.Error},
		{"IIS self-signed", "fe02-iis-selfsigned", ctxSE, "", zlint.Error},
	})
}
