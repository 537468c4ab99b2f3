package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestNonRSAKey(t *testing.T) {
	runCases(t, nameNonRSAKey, []ruleCase{
		{"RSA", "se01", ctxSE, "", zlint.Pass},
		{"ECDSA P-256", "se01-ecdsa", ctxSE, "", zlint.Error},
		{"Ed25519", "se01-ed25519", ctxSE, "", zlint.Error},
		{"without a role, the product's rule still applies", "se01-ecdsa", noRole(), "", zlint.Error},
	})
}
