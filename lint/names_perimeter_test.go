package lint

import (
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// The name rules of the perimeter roles are data for the names check: each holds on the certificate that follows
// Microsoft's tables and fails on the typical mistake.

func TestEdgeInternalCN(t *testing.T) {
	internal, array := kind(ctxEdge, "internal"), kind(ctxEdgeArray, "internal")
	runCases(t, nameEdgeInternalCN, []ruleCase{
		{"internal FQDN of the Access Edge", "edge01-internal", internal, "", zlint.Pass},
		{"the Access Edge's external name on the internal interface", "edge01-internal-external-cn", internal, "", zlint.Error},
		{"array: the internal VIP FQDN", "edgearray-internal", array, "", zlint.Pass},
		{"array: a member's own FQDN is the other reading, a warning of its own", "edgearray-internal-member-cn", array, "", zlint.Pass},
		{"array, no member known: a member's FQDN is wrong", "edgearray-internal-member-cn", withMember(array, ""), "", zlint.Error},
		{"single Edge Server given the array's certificate", "edgearray-internal", internal, "", zlint.Error},
		{"on the internal endpoint the internal certificate is judged", "edge01-internal-external-cn", ctxEdge, "internal", zlint.Error},
		{"not judged as the Access Edge certificate", "edge01-internal-external-cn", kind(ctxEdge, "access"), "", zlint.NA},
	})
}

func TestEdgeArrayInternalCNMemberFQDN(t *testing.T) {
	array := kind(ctxEdgeArray, "internal")
	runCases(t, nameEdgeArrayInternalMember, []ruleCase{
		{"the internal VIP FQDN", "edgearray-internal", array, "", zlint.Pass},
		{"a member's own internal FQDN", "edgearray-internal-member-cn", array, "", zlint.Warn},
		{"neither: the error rule reports it", "edge01-internal-external-cn", array, "", zlint.Pass},
		{"single Edge Server: no other reading", "edgearray-internal-member-cn", kind(withFQDN(ctxEdge, "edge02.contoso.com"), "internal"), "", zlint.NA},
	})
	in := input(t, "edgearray-internal-member-cn", array)
	res, fix := runRule(t, nameEdgeArrayInternalMember, in)
	for _, want := range []string{`"edge02.contoso.com"`, `"edge-int.contoso.com"`, "migration guide", "R2"} {
		if !strings.Contains(res.Details, want) {
			t.Errorf("details lack %q: %s", want, res.Details)
		}
	}
	if !strings.Contains(fix, "edge-int.contoso.com") {
		t.Errorf("the remediation should name the VIP FQDN: %s", fix)
	}
}

func TestEdgeAccessExternal(t *testing.T) {
	access := kind(ctxEdge, "access")
	runCases(t, nameEdgeAccessCN, []ruleCase{
		{"the Access Edge's external FQDN", "edge01-access", access, "", zlint.Pass},
		{"the internal FQDN on the external interface", "edge01-access-internal-cn", access, "", zlint.Error},
		{"on the federation endpoint", "edge01-access-internal-cn", ctxEdge, "federation", zlint.Error},
		{"on the remote access endpoint", "edge01-access", ctxEdge, "access", zlint.Pass},
	})
	runCases(t, nameEdgeAccessSIPDomain, []ruleCase{
		{"sip. of every SIP domain", "edge01-access", access, "", zlint.Pass},
		{"sip.fabrikam.com missing", "edge01-access-no-fabrikam", access, "", zlint.Error},
		{"one SIP domain", "edge01-access-no-fabrikam", withSIPDomains(access, "contoso.com"), "", zlint.NA},
	})
}

func TestEdgeWebConfExternal(t *testing.T) {
	webconf := kind(ctxEdge, "webconf")
	runCases(t, nameEdgeWebConfCN, []ruleCase{
		{"the Web Conferencing Edge's external FQDN", "edge01-webconf", webconf, "", zlint.Pass},
		{"the Access Edge certificate on the Web Conferencing Edge", "edge01-webconf-access-cn", webconf, "", zlint.Error},
		{"on its endpoint", "edge01-webconf-access-cn", ctxEdge, "webconf", zlint.Error},
		{"no Web Conferencing Edge FQDN given", "edge01-webconf-access-cn", withPerimeter(webconf, policy.Perimeter{AccessEdge: "sip.contoso.com"}), "", zlint.NA},
	})
}

func TestCWANames(t *testing.T) {
	web, mtls := kind(ctxCWA, "web"), kind(ctxCWA, "mtls")
	runCases(t, nameCWACN, []ruleCase{
		{"the CWA URL host", "cwa01", web, "", zlint.Pass},
		{"the server FQDN: the other reading, a warning of its own", "cwa01-server-cn", web, "", zlint.Pass},
		{"the reverse proxy's web farm certificate", "rp-ocsweb", web, "", zlint.Error},
		{"on the web endpoint", "rp-ocsweb", ctxCWA, "web", zlint.Error},
	})
	runCases(t, nameCWACNServerFQDN, []ruleCase{
		{"the CWA URL host", "cwa01", web, "", zlint.Pass},
		{"the server FQDN (OCS 2007 page)", "cwa01-server-cn", web, "", zlint.Warn},
		{"neither: the error rule reports it", "rp-ocsweb", web, "", zlint.Pass},
	})
	runCases(t, nameCWAAsDownload, []ruleCase{
		{"as. and download. names", "cwa01", web, "", zlint.Pass},
		{"no as. or download. name", "cwa01-no-as-download", web, "", zlint.Error},
		{"the MTLS certificate needs none", "cwa01-mtls", mtls, "", zlint.NA},
	})
	runCases(t, nameCWAServerFQDN, []ruleCase{
		{"server FQDN in the SAN", "cwa01", web, "", zlint.Pass},
		{"server FQDN missing", "cwa01-no-server-fqdn", web, "", zlint.Error},
	})
	runCases(t, nameCWAMTLSCN, []ruleCase{
		{"the server FQDN", "cwa01-mtls", mtls, "", zlint.Pass},
		{"the 2007 R2 single certificate: the other reading", "cwa01", mtls, "", zlint.Pass},
		{"another name", "rp-ocsweb", mtls, "", zlint.Error},
		{"on the MTLS endpoint", "rp-ocsweb", ctxCWA, "mtls", zlint.Error},
	})
	runCases(t, nameCWAMTLSURLHost, []ruleCase{
		{"the server FQDN", "cwa01-mtls", mtls, "", zlint.Pass},
		{"the single certificate named after the URL", "cwa01", mtls, "", zlint.Warn},
	})
	runCases(t, nameWildcard, []ruleCase{
		{"no wildcard", "cwa01", web, "", zlint.Pass},
		{"a wildcard breaks CWA 2007 R2", "cwa01-wildcard", web, "", zlint.Error},
	})
	res, _ := runRule(t, nameCWACNServerFQDN, input(t, "cwa01-server-cn", web))
	if !strings.Contains(res.Details, "2007 R2") || !strings.Contains(res.Details, "OCS 2007 CWA planning page") {
		t.Errorf("the warning should name both readings: %s", res.Details)
	}
}

func TestMediationAndGatewayNames(t *testing.T) {
	runCases(t, nameMediationCN, []ruleCase{
		{"the Mediation Server's FQDN", "med01", ctxMediation, "sip", zlint.Pass},
		{"the pool certificate on the Mediation Server", "pool01", ctxMediation, "sip", zlint.Error},
	})
	runCases(t, nameGatewayCN, []ruleCase{
		{"the gateway's FQDN", "gw01", ctxGateway, "sip", zlint.Pass},
		{"issued to the gateway's IP address", "gw01-ip-cn", ctxGateway, "sip", zlint.Error},
	})
}

func TestReverseProxyNames(t *testing.T) {
	web, cwa := kind(ctxRP, "web"), kind(ctxRP, "cwa")
	runCases(t, nameReverseProxyCN, []ruleCase{
		{"the external web farm FQDN", "rp-ocsweb", web, "", zlint.Pass},
		{"the CWA external FQDN", "rp-im", cwa, "", zlint.Pass},
		{"the CWA certificate on the web farm listener", "rp-im", web, "web", zlint.Error},
		{"the web farm certificate on the CWA listener", "rp-ocsweb", ctxRP, "cwa", zlint.Error},
		{"no CWA published", "rp-ocsweb", withPerimeter(cwa, policy.Perimeter{}), "", zlint.NA},
	})
}
