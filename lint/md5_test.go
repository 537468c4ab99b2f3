package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestMD5(t *testing.T) {
	runCases(t, nameMD5, []ruleCase{
		{"SHA-1", "se01-sha1", ctxSE, "", zlint.Pass},
		{"MD5", "se01-md5", ctxSE, "", zlint.Error},
		{"SHA-256 leaf under an MD5-signed CA", "se01-md5-ca", ctxSE, "", zlint.Error},
		{"SHA-256 chain", "se01", ctxSE, "", zlint.Pass},
	})
}
