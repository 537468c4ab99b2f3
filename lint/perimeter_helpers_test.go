package lint

import "github.com/uclint/uclint/policy"

// The IDs of the rules of the perimeter roles (Edge Servers, Communicator Web Access, Mediation Servers, media
// gateways, the reverse proxy).
const (
	nameEdgeInternalCN          = "e_ocs_edge_internal_cn_mismatch"
	nameEdgeArrayInternalMember = "w_ocs_edge_array_internal_cn_member_fqdn"
	nameEdgeAccessCN            = "e_ocs_edge_access_external_cn_mismatch"
	nameEdgeAccessSIPDomain     = "e_ocs_edge_access_san_missing_sip_domain"
	nameEdgeWebConfCN           = "e_ocs_edge_webconf_external_cn_mismatch"
	nameEdgePrivateCA           = "w_ocs_edge_external_private_ca"
	nameEdgeAOLClientAuth       = "e_ocs_edge_aol_pic_missing_client_auth"
	nameEdgeAVReuse             = "w_ocs_edge_av_cert_reuses_service_cert"
	nameEdgeArrayAVDiffers      = "e_ocs_edge_array_av_cert_differs"
	nameEdgeArrayInternalDiffer = "e_ocs_edge_array_internal_cert_differs"
	nameCWACN                   = "e_ocs_cwa_cn_not_url_host"
	nameCWACNServerFQDN         = "w_ocs_cwa_cn_server_fqdn"
	nameCWAAsDownload           = "e_ocs_cwa_san_missing_as_download"
	nameCWAServerFQDN           = "e_ocs_cwa_san_missing_server_fqdn"
	nameCWAMTLSCN               = "e_ocs_cwa_mtls_cn_not_server_fqdn"
	nameCWAMTLSURLHost          = "w_ocs_cwa_mtls_cn_url_host"
	nameMediationCN             = "e_ocs_mediation_cn_not_fqdn"
	nameGatewayCN               = "e_ocs_gateway_cn_not_fqdn"
	nameGatewayChain            = "w_ocs_gateway_chain_not_sent"
	nameReverseProxyCN          = "e_ocs_reverse_proxy_cn_mismatch"
	nameReverseProxyPrivateCA   = "w_ocs_reverse_proxy_private_ca"
)

// The contexts of the perimeter fixtures: edge01 federates and connects to Windows Live and AOL; edgearray01's
// internal VIP is edge-int.contoso.com; cwa01 is opened at https://im.contoso.com/; isa01 publishes the external
// web farm ocsweb.contoso.com and CWA.
var (
	edgePerimeter = policy.Perimeter{AccessEdge: "sip.contoso.com", WebConfEdge: "webconf.contoso.com", Federation: true,
		PublicIM: []string{policy.ProviderMSN, policy.ProviderAOL}}
	ctxEdge      = policy.Context{Role: policy.Edge, FQDN: "edge01.contoso.com", SIPDomains: sipDomains, Perimeter: edgePerimeter}
	ctxEdgeArray = policy.Context{Role: policy.EdgeArray, FQDN: "edge-int.contoso.com", Member: "edge02.contoso.com", SIPDomains: sipDomains,
		Perimeter: policy.Perimeter{AccessEdge: "sip.contoso.com"}}
	ctxCWA = policy.Context{Role: policy.CWA, FQDN: "cwa01.contoso.com", SIPDomains: sipDomains,
		Perimeter: policy.Perimeter{CWAHost: "im.contoso.com"}}
	ctxMediation = policy.Context{Role: policy.MediationServer, FQDN: "med01.contoso.com"}
	ctxGateway   = policy.Context{Role: policy.MediaGateway, FQDN: "gw01.contoso.com"}
	ctxRP        = policy.Context{Role: policy.ReverseProxy, FQDN: "isa01.contoso.com", ExternalWeb: "ocsweb.contoso.com",
		Perimeter: policy.Perimeter{CWAHost: "im.contoso.com"}}
)

// kind judges the context's certificate of that kind.
func kind(c policy.Context, k string) policy.Context { c.Certificate = k; return c }

// withPerimeter replaces the context's perimeter declarations.
func withPerimeter(c policy.Context, p policy.Perimeter) policy.Context { c.Perimeter = p; return c }

// withMember judges the certificate as that member's ("" for the pool's own file).
func withMember(c policy.Context, m string) policy.Context { c.Member = m; return c }
