package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestCNNotFQDN(t *testing.T) {
	runCases(t, nameCNNotFQDN, []ruleCase{
		{"FQDN", "se01", ctxSE, "", zlint.Pass},
		{"NetBIOS name", "se01-short-cn", ctxSE, "", zlint.Error},
		{"IP address", "se01-ip-cn", ctxSE, "", zlint.Error},
		{"IIS self-signed machine name", "fe02-iis-selfsigned", noRole(), "", zlint.Error},
	})
}
