package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestWebComponentsNameMismatch(t *testing.T) {
	runCases(t, nameWebComponentsNameMismatch, []ruleCase{
		{"pool certificate names the web farm", "pool01", ctxPool, "web", zlint.Pass},
		{"standard edition certificate", "se01", ctxSE, "web", zlint.Pass},
		{"IIS self-signed certificate never replaced", "fe02-iis-selfsigned", ctxPool, "web", zlint.Error},
		{"pool certificate without the web farm", "pool01-no-web-farm", ctxPool, "web", zlint.Error},
		{"SIP endpoint", "fe02-iis-selfsigned", ctxPool, "sip", zlint.NA},
		{"director has no web components", "fe02-iis-selfsigned", ctxDir, "web", zlint.NA},
	})
}
