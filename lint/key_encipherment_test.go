package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/probe"
)

func TestKeyEncipherment(t *testing.T) {
	runCases(t, nameKeyEncipherment, []ruleCase{
		{"digitalSignature + keyEncipherment", "se01", ctxSE, "", zlint.Pass},
		{"digitalSignature only", "se01-no-key-encipherment", ctxSE, "", zlint.Warn},
	})
}

// TestKeyEnciphermentWithRSAKeyExchange: when the scan itself negotiated RSA key exchange, a Key Usage without
// keyEncipherment is an error (and the warning gives way); with ECDHE it stays a warning.
func TestKeyEnciphermentWithRSAKeyExchange(t *testing.T) {
	for _, tc := range []struct {
		cipher    string
		cert      string
		err, warn zlint.LintStatus
	}{
		{"TLS_RSA_WITH_3DES_EDE_CBC_SHA", "se01-no-key-encipherment", zlint.Error, zlint.NA},
		{"TLS_RSA_WITH_AES_128_CBC_SHA", "se01", zlint.Pass, zlint.NA},
		{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "se01-no-key-encipherment", zlint.NA, zlint.Warn},
	} {
		in := input(t, tc.cert, ctxSE)
		in.Endpoint = "sip"
		in.TLS = &probe.TLSInfo{Version: "TLSv1.0", Cipher: tc.cipher}
		if res, _ := runRule(t, nameRSAKexKU, in); res.Status != tc.err {
			t.Errorf("%s %s: error rule %s (%q), want %s", tc.cert, tc.cipher, res.Status, res.Details, tc.err)
		}
		if res, _ := runRule(t, nameKeyEncipherment, in); res.Status != tc.warn {
			t.Errorf("%s %s: warning rule %s, want %s", tc.cert, tc.cipher, res.Status, tc.warn)
		}
	}
}
