package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestRSABelow1024(t *testing.T) {
	runCases(t, nameRSABelow1024, []ruleCase{
		{"1024 bits", "se01-rsa1024", ctxSE, "", zlint.Pass},
		{"512 bits", "se01-rsa512", ctxSE, "", zlint.Error},
	})
}

func TestRSABelow2048(t *testing.T) {
	runCases(t, nameRSABelow2048, []ruleCase{
		{"2048 bits", "se01", ctxSE, "", zlint.Pass},
		{"1024 bits", "se01-rsa1024", ctxSE, "", zlint.Warn},
		{"512 bits is the error rule's", "se01-rsa512", ctxSE, "", zlint.NA},
	})
}

func TestRSAOver4096(t *testing.T) {
	runCases(t, nameRSAOver4096, []ruleCase{
		{"2048 bits", "se01", ctxSE, "", zlint.Pass},
		{"4608 bits", "se01-rsa4608", ctxSE, "", zlint.Warn},
		{"not RSA", "se01-ecdsa", ctxSE, "", zlint.NA},
	})
}
