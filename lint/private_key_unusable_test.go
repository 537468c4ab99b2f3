package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/probe"
)

// TestPrivateKeyUnusable judges the handshakes the probe records (the probe's own tests make each of them with
// real servers; audit's test runs the whole path against one).
func TestPrivateKeyUnusable(t *testing.T) {
	for _, tc := range []struct {
		name     string
		endpoint string
		tls      *probe.TLSInfo
		want     zlint.LintStatus
	}{
		{"handshake completed", "sip", &probe.TLSInfo{Version: "TLSv1.2"}, zlint.Pass},
		{"client certificate required", "sip", &probe.TLSInfo{ClientCertRequested: true, FailedAt: probe.StageClientCertificate,
			HandshakeError: "the server asked for a client certificate"}, zlint.Pass},
		{"no proof of the key", "sip", &probe.TLSInfo{FailedAt: probe.StageCertificate, FailedAfterCertificate: true, Alert: "internal_error"}, zlint.Error},
		{"signature with another key", "web", &probe.TLSInfo{FailedAt: probe.StageSignature, FailedAfterCertificate: true,
			HandshakeError: "the server's signature does not verify"}, zlint.Error},
		{"key exchange failed", "sip", &probe.TLSInfo{FailedAt: probe.StageKeyExchange, FailedAfterCertificate: true, Alert: "decrypt_error"}, zlint.Error},
		{"a file", "", nil, zlint.NA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := input(t, "se01", ctxSE)
			in.Endpoint, in.TLS = tc.endpoint, tc.tls
			if res, fix := runRule(t, "e_ocs_server_cannot_use_private_key", in); res.Status != tc.want || (res.Status == zlint.Error && fix == "") {
				t.Fatalf("got %s %q, want %s", res.Status, res.Details, tc.want)
			}
		})
	}
}
