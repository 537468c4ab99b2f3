package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

func TestEdgeAOLClientAuth(t *testing.T) {
	access := kind(ctxEdge, "access")
	msnOnly := withPerimeter(access, policy.Perimeter{AccessEdge: "sip.contoso.com", PublicIM: []string{policy.ProviderMSN}})
	runCases(t, nameEdgeAOLClientAuth, []ruleCase{
		{"server and client authentication", "edge01-access", access, "", zlint.Pass},
		{"server authentication only, AOL declared", "edge01-access-server-only", access, "", zlint.Error},
		{"server authentication only, Windows Live only", "edge01-access-server-only", msnOnly, "", zlint.NA},
		{"the Web Conferencing Edge certificate", "edge01-access-server-only", kind(ctxEdge, "webconf"), "", zlint.NA},
	})
}
