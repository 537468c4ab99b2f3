package lint

import (
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// TestEdgeExternalPrivateCA: an external Edge certificate from the Enterprise CA warns when the Edge federates,
// connects to public IM providers or admits anonymous participants, and only then.
func TestEdgeExternalPrivateCA(t *testing.T) {
	access, webconf := kind(ctxEdge, "access"), kind(ctxEdge, "webconf")
	anonymousOnly := withPerimeter(webconf, policy.Perimeter{AccessEdge: "sip.contoso.com", WebConfEdge: "webconf.contoso.com", Anonymous: true})
	runCases(t, nameEdgePrivateCA, []ruleCase{
		{"public CA", "edge01-access", access, "", zlint.Pass},
		{"Enterprise CA with federation and public IM connectivity", "edge01-access-private", access, "", zlint.Warn},
		{"on the federation endpoint", "edge01-access-private", ctxEdge, "federation", zlint.Warn},
		{"Enterprise CA, nothing declared", "edge01-access-private", withPerimeter(access, policy.Perimeter{AccessEdge: "sip.contoso.com"}), "", zlint.NA},
		{"Web Conferencing Edge with anonymous conferencing", "edge01-access-private", anonymousOnly, "", zlint.Warn},
		{"internal interface: never", "edge01-internal", kind(ctxEdge, "internal"), "", zlint.NA},
		{"untrusted chain: chain_untrusted says it", "se01-rogue", access, "", zlint.NA},
	})
	res, fix := runRule(t, nameEdgePrivateCA, input(t, "edge01-access-private", access))
	for _, want := range []string{`"Contoso Root CA"`, "federation", "public IM connectivity (msn, aol)"} {
		if !strings.Contains(res.Details, want) {
			t.Errorf("details lack %q: %s", want, res.Details)
		}
	}
	if !strings.Contains(fix, "KB 929395") {
		t.Errorf("remediation: %s", fix)
	}
}

// TestPublicCAByInterface: n_ocs_public_ca judges internal interfaces only, w_ocs_edge_external_private_ca external
// ones: a certificate is never told both to come from a public CA and from the Enterprise CA.
func TestPublicCAByInterface(t *testing.T) {
	runCases(t, namePublicCA, []ruleCase{
		{"public CA on the Edge internal interface", "edge01-access", kind(ctxEdge, "internal"), "", zlint.Notice},
		{"public CA on the Access Edge: expected", "edge01-access", kind(ctxEdge, "access"), "", zlint.NA},
		{"public CA on the reverse proxy: expected", "rp-ocsweb", kind(ctxRP, "web"), "", zlint.NA},
	})
}

func TestReverseProxyPrivateCA(t *testing.T) {
	runCases(t, nameReverseProxyPrivateCA, []ruleCase{
		{"public CA", "rp-ocsweb", kind(ctxRP, "web"), "", zlint.Pass},
		{"Enterprise CA", "rp-ocsweb-private", kind(ctxRP, "web"), "", zlint.Warn},
		{"on the CWA listener", "rp-ocsweb-private", ctxRP, "cwa", zlint.Warn},
		{"not the reverse proxy", "rp-ocsweb-private", ctxSE, "", zlint.NA},
	})
	res, _ := runRule(t, nameReverseProxyPrivateCA, input(t, "rp-ocsweb-private", kind(ctxRP, "web")))
	if !strings.Contains(res.Details, "outside the domain") {
		t.Errorf("details: %s", res.Details)
	}
}
