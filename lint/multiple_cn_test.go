package lint

import (
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestMultipleCN(t *testing.T) {
	runCases(t, nameMultipleCN, []ruleCase{
		{"one CN", "se01", ctxSE, "", zlint.Pass},
		{"two CNs", "se01-two-cn", ctxSE, "", zlint.Error},
	})
	res, _ := runRule(t, nameMultipleCN, input(t, "se01-two-cn", ctxSE))
	if !strings.Contains(res.Details, `"se01.contoso.com"`) || !strings.Contains(res.Details, `"sip.contoso.com"`) {
		t.Fatalf("the details must name both CNs: %q", res.Details)
	}
}
