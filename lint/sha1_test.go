package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestSHA1(t *testing.T) {
	runCases(t, nameSHA1, []ruleCase{
		{"SHA-256", "se01", ctxSE, "", zlint.Pass},
		{"SHA-1", "se01-sha1", ctxSE, "", zlint.Warn},
		{"SHA-256 leaf under a SHA-1-signed CA", "se01-sha1-ca", ctxSE, "", zlint.Warn},
		{"MD5 is the other rule's", "se01-md5-ca", ctxSE, "", zlint.Pass},
	})
}
