package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestChainIncomplete(t *testing.T) {
	runCases(t, nameChainIncomplete, []ruleCase{
		{"intermediate sent", "se01", ctxSE, "sip", zlint.Pass},
		{"intermediate not sent", "se01-leaf-only", ctxSE, "sip", zlint.Warn},
		{"a file is not a server", "se01-leaf-only", ctxSE, "", zlint.NA},
		{"untrusted", "se01-self-signed", ctxSE, "sip", zlint.NA},
	})
}
