package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestCNNotRoleFQDN(t *testing.T) {
	runCases(t, nameCNNotRoleFQDN, []ruleCase{
		{"standard edition FQDN", "se01", ctxSE, "", zlint.Pass},
		{"pool FQDN", "pool01", ctxPool, "", zlint.Pass},
		{"director FQDN", "dir01", ctxDir, "", zlint.Pass},
		{"director pool FQDN", "dirpool01", ctxDirPool, "", zlint.Pass},
		{"trailing dot and case ignored", "se01", withFQDN(ctxSE, "SE01.Contoso.COM."), "", zlint.Pass},
		{"member FQDN instead of pool FQDN", "pool01-member-cn", ctxPool, "", zlint.Error},
		{"pool certificate on a Standard Edition server", "pool01", ctxSE, "", zlint.Error},
		{"director certificate for the director pool", "dir01", ctxDirPool, "", zlint.Error},
		{"no role given", "pool01-member-cn", noRole(), "", zlint.NA},
	})
}
