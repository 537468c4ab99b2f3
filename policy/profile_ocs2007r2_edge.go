package policy

// The public sources of the OCS 2007 R2 roles at the edge of the deployment and beside it: Edge Servers,
// Communicator Web Access, Mediation Servers, TLS media gateways and the reverse proxy.
const (
	citeEdgeCerts = "Microsoft, Office Communications Server 2007 R2: Certificate requirements for Edge Servers, " +
		"http://unifiedpeople.ru/ocs2007r2.en/html/f05bd2a7-2298-431f-bf3e-e64d15f596a7.htm"
	citeEdgeArray = "Microsoft TechNet, Migrating to Office Communications Server 2007, Step 4: Configure Certificates on " +
		"the Internal Interface of Your Edge Servers (array: the internal VIP FQDN), http://technet.microsoft.com/en-us/library/bb870318(office.12).aspx"
	citeEdgeSample = "Microsoft, Office Communications Server 2007 R2: Edge Server and reverse proxy certificates of the " +
		"sample topology, http://unifiedpeople.ru/ocs2007r2.en/html/4c62d58d-1bb9-429e-9392-5791ea9f3aa3.htm"
	citeEdgeDNSR2 = "Microsoft, Office Communications Server 2007 R2: Edge Server DNS settings (the Subject Name must " +
		"point to sip.<domain>), http://unifiedpeople.ru/ocs2007r2.en/html/e34602d8-20f3-46ae-b164-1a3565d612a9.htm"
	citeWebConfEdge = "Microsoft, Office Communications Server 2007 R2: Configure the Web Conferencing Edge Server's " +
		"external interface, http://unifiedpeople.ru/ocs2007r2.en/html/fd4dca5e-0cd7-4435-9cfe-36cb94c08fad.htm"
	citeAVAuth = "Microsoft, Office Communications Server 2007 R2: Configure the A/V authentication certificate, " +
		"https://unifiedpeople.ru/ocs2007r2.en/html/1bd42604-d7d8-4950-b6a9-f90f602e1a03.htm"
	citeShudnowPIC = "E. Shudnow, Public IM connectivity and multiple SIP domains, " +
		"https://www.shudnow.net/2008/09/03/public-im-connectivity-and-multiple-sip-domains/"
	citeCWAR2 = "Microsoft, Communicator Web Access (2007 R2 release): one certificate for MTLS and SSL, " +
		"https://unifiedpeople.ru/ocs2007r2.en/html/f0d733d7-b6f4-4378-bacf-10b62c79948a.htm"
	citeCWA2007 = "Microsoft TechNet, Communicator Web Access (OCS 2007): Planning for Certificates, Tables 5-6, " +
		"https://technet.microsoft.com/en-us/library/bb663572(v=office.12).aspx"
	citeCWAPrepare = "Microsoft TechNet, Preparing Certificates for Communicator Web Access (2007 R2, preliminary), " +
		"Table 1, http://technet.microsoft.com/en-us/library/cc751683(v=technet.10)"
	citeConfusedCWA = "confusedamused.com, CWA 2007 R2 Certificate Requirements, " +
		"https://www.confusedamused.com/notebook/cwa-2007-r2-certificate-requirements/"
	citeMediation = "Microsoft, Office Communications Server 2007 R2: Configuring a Mediation Server, " +
		"http://unifiedpeople.ru/ocs2007r2.en/html/3b08a361-2d03-4343-ab8b-d4c1deb647d1.htm"
	citeGateway = "Microsoft, Office Communications Server 2007 R2: media gateway configuration (the gateway's " +
		"certificate and chain), http://unifiedpeople.ru/ocs2007r2.en/html/4f6ece96-b73d-4962-8347-799d3299b786.htm"
	citeReverseProxy = "Microsoft, Lync Server 2010 migration: Office Communications Server 2007 R2 reverse proxy " +
		"certificates, http://unifiedpeople.ru/ocs_14_itpro.en/html/ce5ffdb9-1cbd-47a4-b137-e0849d5dbb60.htm"
)

// The roles of the perimeter, in the order 'uclint roles' lists them.
const (
	Edge            Role = "edge"             // one Edge Server (Access, Web Conferencing and A/V Edge collocated)
	EdgeArray       Role = "edge-array"       // load-balanced Edge Servers behind an internal VIP
	CWA             Role = "cwa"              // a Communicator Web Access (2007 R2) server
	MediationServer Role = "mediation-server" // a Mediation Server
	MediaGateway    Role = "media-gateway"    // a media gateway the Mediation Server reaches over TLS
	ReverseProxy    Role = "reverse-proxy"    // the reverse proxy that publishes the web farm and CWA
)

// ocsPerimeterRoles are the OCS 2007 R2 roles beyond the internal server tables.
func ocsPerimeterRoles() []RoleSpec {
	edgeOpts := []string{OptionAccessEdge, OptionWebConfEdge, OptionFederation, OptionPublicIM, OptionAnonymous}
	return []RoleSpec{
		{
			Name: string(Edge), Label: "Edge Server", Table: "Edge Server certificates", FQDNLabel: "the Edge Server's internal FQDN",
			Options: edgeOpts, Required: []string{OptionAccessEdge}, Certificates: ocsEdgeCertificates(false),
		},
		{
			Name: string(EdgeArray), Label: "Edge array", Table: "Edge Server certificates", FQDNLabel: "the Edge array's internal VIP FQDN",
			Pool: true, Options: edgeOpts, Required: []string{OptionAccessEdge}, Certificates: ocsEdgeCertificates(true),
		},
		{
			Name: string(CWA), Label: "Communicator Web Access server", Table: "Communicator Web Access certificates",
			FQDNLabel: "the Communicator Web Access server's FQDN", Options: []string{OptionCWAURL}, Required: []string{OptionCWAURL},
			Certificates: []CertificateSpec{
				{Kind: "web", Label: "Communicator Web Access (HTTPS) certificate", Names: []NameRule{
					{Rule: "cwa_cn_not_url_host", Where: InSubject, Names: []string{"{cwa_host}"},
						OtherNames: []string{"{fqdn}"}, OtherRule: "cwa_cn_server_fqdn"},
					{Rule: "cwa_san_missing_as_download", Where: InSAN, Names: []string{"as.{cwa_host}", "download.{cwa_host}"}},
					{Rule: "cwa_san_missing_server_fqdn", Where: InSAN, Names: []string{"{fqdn}"}},
				}, Exportable: ExportableRequired, Endpoints: []EndpointSpec{{Name: "web", Port: 443, SNI: "{cwa_host}"}}},
				{Kind: "mtls", Label: "Communicator Web Access MTLS certificate", Names: []NameRule{
					{Rule: "cwa_mtls_cn_not_server_fqdn", Where: InSubject, Names: []string{"{fqdn}"},
						OtherNames: []string{"{cwa_host}"}, OtherRule: "cwa_mtls_cn_url_host"},
				}, Exportable: ExportableRequired, Endpoints: []EndpointSpec{{Name: "mtls", Port: 5061, SNI: "{fqdn}"}}},
			},
		},
		{
			Name: string(MediationServer), Label: "Mediation Server", Table: "Mediation Server certificate", FQDNLabel: "the Mediation Server's FQDN",
			Certificates: []CertificateSpec{
				{Kind: "default", Label: "Mediation Server certificate", Names: []NameRule{
					{Rule: "mediation_cn_not_fqdn", Where: InSubject, Names: []string{"{fqdn}"}},
				}, Endpoints: []EndpointSpec{sipEndpoint()}},
			},
		},
		{
			Name: string(MediaGateway), Label: "TLS media gateway", Table: "media gateway certificate", FQDNLabel: "the gateway's FQDN",
			Certificates: []CertificateSpec{
				{Kind: "default", Label: "media gateway certificate", Names: []NameRule{
					{Rule: "gateway_cn_not_fqdn", Where: InSubject, Names: []string{"{fqdn}"}},
				}, Endpoints: []EndpointSpec{sipEndpoint()}, Rules: []Requirement{{Rule: "gateway_chain_not_sent"}}},
			},
		},
		{
			Name: string(ReverseProxy), Label: "reverse proxy", Table: "reverse proxy certificates", FQDNLabel: "the reverse proxy's own FQDN",
			Options: []string{OptionExternalWeb, OptionCWAURL}, Required: []string{OptionExternalWeb},
			Certificates: []CertificateSpec{
				{Kind: "web", Label: "reverse proxy certificate of the external web farm", Names: []NameRule{
					{Rule: "reverse_proxy_cn_mismatch", Where: InSubject, Names: []string{"{external_web_fqdn}"}},
				}, Interface: External, Rules: []Requirement{{Rule: "reverse_proxy_private_ca"}},
					Endpoints: []EndpointSpec{{Name: "web", Port: 443, SNI: "{external_web_fqdn}", Host: "{external_web_fqdn}"}}},
				{Kind: "cwa", Label: "reverse proxy certificate of Communicator Web Access", Names: []NameRule{
					{Rule: "reverse_proxy_cn_mismatch", Where: InSubject, Names: []string{"{cwa_host}"}},
				}, Interface: External, Rules: []Requirement{{Rule: "reverse_proxy_private_ca"}},
					Endpoints: []EndpointSpec{{Name: "cwa", Port: 443, SNI: "{cwa_host}", Host: "{cwa_host}"}}},
			},
		},
	}
}

// ocsEdgeCertificates are the four certificates of an Edge Server or, array true, of every member of an Edge
// array: the internal interface (shared by the three Edge services), the Access Edge and Web Conferencing Edge
// external interfaces, and the A/V authentication certificate, which is presented nowhere.
func ocsEdgeCertificates(array bool) []CertificateSpec {
	internalCN := NameRule{Rule: "edge_internal_cn_mismatch", Where: InSubject, Names: []string{"{fqdn}"}}
	exportable := ExportableEither
	var internalRules []Requirement
	av := []Requirement{{Rule: "edge_av_cert_reuses_service_cert"}}
	if array {
		internalCN.OtherNames, internalCN.OtherRule = []string{"{member_fqdn}"}, "edge_array_internal_cn_member_fqdn"
		exportable = ExportableRequired
		internalRules = []Requirement{{Rule: "edge_array_internal_cert_differs"}}
		av = append(av, Requirement{Rule: "edge_array_av_cert_differs"})
	}
	publicCA := Requirement{Rule: "edge_external_private_ca", WhenAny: []Condition{WhenFederation, WhenPublicIM, WhenAnonymous}}
	return []CertificateSpec{
		{Kind: "internal", Label: "Edge internal interface certificate", Names: []NameRule{internalCN}, Exportable: exportable,
			Rules: internalRules, Endpoints: []EndpointSpec{{Name: "internal", Port: 5061, SNI: "{fqdn}"}}},
		{Kind: "access", Label: "Access Edge external certificate", Names: []NameRule{
			{Rule: "edge_access_external_cn_mismatch", Where: InSubject, Names: []string{"{access_edge_fqdn}"}},
			{Rule: "edge_access_san_missing_sip_domain", Where: InSAN, Names: []string{"sip.{sip_domain}"}, When: []Condition{WhenMultipleSIPDomains}},
		}, Interface: External, Exportable: exportable,
			Rules: []Requirement{publicCA, {Rule: "edge_aol_pic_missing_client_auth", When: []Condition{WhenAOL}}},
			Endpoints: []EndpointSpec{
				{Name: "access", Port: 443, SNI: "{access_edge_fqdn}", Host: "{access_edge_fqdn}"},
				{Name: "federation", Port: 5061, SNI: "{access_edge_fqdn}", Host: "{access_edge_fqdn}"},
			}},
		{Kind: "webconf", Label: "Web Conferencing Edge external certificate", Names: []NameRule{
			{Rule: "edge_webconf_external_cn_mismatch", Where: InSubject, Names: []string{"{webconf_edge_fqdn}"}},
		}, Interface: External, Exportable: exportable, Rules: []Requirement{publicCA},
			Endpoints: []EndpointSpec{{Name: "webconf", Port: 443, SNI: "{webconf_edge_fqdn}", Host: "{webconf_edge_fqdn}"}}},
		{Kind: "av-auth", Label: "A/V authentication certificate", Exportable: ExportableRequired, Rules: av},
	}
}

// uncertainAV is what every A/V authentication finding says of where the certificate was read.
const uncertainAV = "the A/V authentication certificate is not presented on any port a scanner can read " +
	"(UNCERTAIN: no source says it is exposed anywhere), so it is checked from the files the deployment file names"

// ocsPerimeterRules are the rules of the perimeter roles.
func ocsPerimeterRules() []RuleSpec {
	return []RuleSpec{
		{Rule: "edge_internal_cn_mismatch", Severity: "error", Check: "names",
			Description: "The Edge internal interface certificate's Subject CN must be the internal FQDN of the Edge Server's Access Edge; an Edge array's, the internal load balancer's VIP FQDN",
			Citation:    citeEdgeCerts + "; " + citeEdgeArray,
			Consequence: "the pools and Directors refuse the Edge Server's internal interface, so remote, federated and public IM users reach nobody inside",
			Remediation: "{request} for the internal interface with {names} as Subject Name (an Edge array: marked exportable and imported on every member), assign it to the internal interface, and update the Edge Server list in the pool's Global Properties if the name changed"},
		{Rule: "edge_array_internal_cn_member_fqdn", Severity: "warn", Check: "names",
			Description: "An Edge array's internal certificate carries a member's own internal FQDN as Subject CN rather than the internal VIP FQDN",
			Citation:    citeEdgeArray + "; " + citeEdgeCerts,
			Consequence: "the OCS 2007 R2 Edge certificate page names each Edge Server's certificate after its own Access Edge's internal FQDN, but the only guidance for arrays (the OCS 2007 migration guide, not an R2 page) requires the internal VIP FQDN, which the pools dial through the load balancer, on one certificate imported on every member",
			Remediation: "{request} with {names} (the internal VIP FQDN) as Subject Name, marked exportable; import it on every member of the array and assign it to the internal interface"},
		{Rule: "edge_access_external_cn_mismatch", Severity: "error", Check: "names",
			Description: "The Access Edge external certificate's Subject CN must be the Access Edge's external FQDN",
			Citation:    citeEdgeCerts + "; " + citeEdgeSample,
			Consequence: "remote users, federated partners and public IM providers (which read only the Subject Name) refuse the Access Edge",
			Remediation: "{request} for the Access Edge's external interface with {names} as Subject Name and in the SAN (from a public CA if you federate or connect to public IM providers), and assign it to the external interface"},
		{Rule: "edge_access_san_missing_sip_domain", Severity: "error", Check: "names",
			Description: "With several SIP domains the Access Edge external certificate's SAN must hold sip.<domain> for every SIP domain",
			Citation:    citeEdgeSample + "; " + citeEdgeDNSR2 + "; " + citeShudnowPIC,
			Consequence: "remote users and federated partners of those SIP domains cannot reach the Access Edge (public IM providers read only the Subject Name)",
			Remediation: "{request} for the Access Edge's external interface (from a public CA if you federate) with {names} added to the SAN, and assign it to the external interface"},
		{Rule: "edge_webconf_external_cn_mismatch", Severity: "error", Check: "names",
			Description: "The Web Conferencing Edge external certificate's Subject CN must be the Web Conferencing Edge's external FQDN",
			Citation:    citeEdgeCerts + "; " + citeWebConfEdge,
			Consequence: "external and anonymous participants cannot load meeting content",
			Remediation: "{request} for the Web Conferencing Edge's external interface with {names} as Subject Name, assign it, and update the Web Conferencing Edge name on the internal Web Conferencing Servers if it changed"},
		{Rule: "edge_external_private_ca", Severity: "warn", Check: "private_ca",
			Description: "An external Edge certificate should come from a public CA when federation, public IM connectivity or anonymous web conferencing is declared; its chain ends in your Enterprise CA (a --ca-file anchor). The inverse of n_ocs_public_ca",
			Citation:    citeEdgeCerts + "; " + citeOCSSupport,
			Consequence: "federated partners, public IM providers and anonymous participants' computers do not trust your Enterprise CA",
			Remediation: "request the certificate from a public CA that works with OCS 2007 R2 (Microsoft KB 929395 lists them) and assign it to the external interface"},
		{Rule: "edge_aol_pic_missing_client_auth", Severity: "error", Check: "client_auth_eku",
			Description: "With public IM connectivity to AOL, the Access Edge external certificate's Extended Key Usage must hold Client Authentication as well as Server Authentication",
			Citation:    citeOCSSupport + "; " + citeOCSInfrastructure,
			Remediation: "request the Access Edge external certificate with both Server Authentication and Client Authentication in its Extended Key Usage (a public CA's unified communications product, or a template with both Application Policies): AOL authenticates the Access Edge as a client"},
		{Rule: "edge_av_cert_reuses_service_cert", Severity: "warn", Check: "shares_key",
			Description: "The A/V authentication certificate should not share its key with an Edge service certificate (internal, Access Edge, Web Conferencing Edge). OCS 2007 R2 advice: Lync Server 2010 uses one certificate for both by default",
			Citation:    citeEdgeCerts + "; " + citeAVAuth,
			Consequence: uncertainAV,
			Remediation: "request a separate A/V authentication certificate with its own key pair (Certificate Wizard on the Edge Server, marked exportable), assign it as the A/V authentication certificate, and keep the service certificates"},
		{Rule: "edge_array_av_cert_differs", Severity: "error", Check: "members_key_differ",
			Description: "Every member of an Edge array must hold the same A/V authentication certificate: the same issuer and the same private key",
			Citation:    citeEdgeCerts + "; " + citeAVAuth,
			Consequence: uncertainAV,
			Remediation: "export the A/V authentication certificate with its private key from one member, import it on every other member of the array and assign it as the A/V authentication certificate there"},
		{Rule: "edge_array_internal_cert_differs", Severity: "error", Check: "pool_members_differ",
			Description: "Every member of an Edge array must present the same internal certificate: one certificate, exported with its private key and imported on each member",
			Citation:    citeEdgeArray,
			Remediation: "export the array's internal certificate (Subject Name: the internal VIP FQDN) with its private key from one member, import it on every member and assign it to the internal interface"},
		{Rule: "cwa_cn_not_url_host", Severity: "error", Check: "names",
			Description: "The Communicator Web Access certificate's Subject CN must be the host of the CWA URL (the OCS 2007 page's server FQDN is a warning, w_ocs_cwa_cn_server_fqdn)",
			Citation:    citeCWAR2,
			Consequence: "browsers opening the CWA URL report a certificate error",
			Remediation: "request the CWA certificate (from a Web Server template) with {names} as Subject Name and, in the SAN, the URL host, as.<host>, download.<host> and the server's FQDN; assign it to the CWA virtual server"},
		{Rule: "cwa_cn_server_fqdn", Severity: "warn", Check: "names",
			Description: "The Communicator Web Access certificate carries the server FQDN as Subject CN: the OCS 2007 CWA page allows it, the 2007 R2 page requires the CWA URL host",
			Citation:    citeCWAR2 + "; " + citeCWA2007,
			Consequence: "Microsoft's pages disagree: the OCS 2007 CWA planning page names the SSL certificate after the server (or its load balancer), the 2007 R2 page after the CWA URL, with the server FQDN in the SAN; uclint follows 2007 R2, where browsers opening the URL accept the certificate only if its SAN carries the URL host",
			Remediation: "request the CWA certificate again (from a Web Server template) with {names} (the CWA URL host) as Subject Name and the server FQDN in the SAN, as the 2007 R2 page describes; nothing to change if users open CWA at the server's own name"},
		{Rule: "cwa_san_missing_as_download", Severity: "error", Check: "names",
			Description: "The Communicator Web Access certificate's SAN must hold as.<CWA URL host> and download.<CWA URL host>",
			Citation:    citeCWAR2,
			Consequence: "Communicator Web Access sends browsers to its asURL and downloadURL too, where they report a certificate error",
			Remediation: "request the CWA certificate again (from a Web Server template) with {names} added to the SAN, and assign it to the CWA virtual server"},
		{Rule: "cwa_san_missing_server_fqdn", Severity: "error", Check: "names",
			Description: "The Communicator Web Access certificate's SAN must hold the CWA server's FQDN",
			Citation:    citeCWAR2 + "; " + citeConfusedCWA,
			Consequence: "Internet Explorer blocks content with a certificate error when a user starts a chat",
			Remediation: "request the CWA certificate again (from a Web Server template) with the server's FQDN {names} added to the SAN, and assign it to the CWA virtual server"},
		{Rule: "cwa_mtls_cn_not_server_fqdn", Severity: "error", Check: "names",
			Description: "The Communicator Web Access MTLS certificate's Subject CN must be the CWA server's FQDN (or, with the 2007 R2 single certificate, the CWA URL host: a warning)",
			Citation:    citeCWA2007 + "; " + citeCWAPrepare + "; " + citeCWAR2,
			Consequence: "the pool refuses Communicator Web Access's mutual TLS connection, so nobody can sign in to CWA",
			Remediation: "request a certificate for mutual TLS (from a Web Server template) with {names} (the CWA server's FQDN) as Subject Name, marked exportable, and assign it as Communicator Web Access's MTLS certificate"},
		{Rule: "cwa_mtls_cn_url_host", Severity: "warn", Check: "names",
			Description: "The Communicator Web Access MTLS certificate carries the CWA URL host as Subject CN: the 2007 R2 single-certificate page allows it, the CWA certificate tables require the server FQDN",
			Citation:    citeCWAR2 + "; " + citeCWA2007 + "; " + citeCWAPrepare,
			Consequence: "Microsoft's pages disagree: the 2007 R2 single-certificate page uses one certificate named after the CWA URL (with the server FQDN in the SAN) for MTLS too, while the OCS 2007 planning page and the 2007 R2 preliminary table say MTLS succeeds only with the server FQDN as Subject Name",
			Remediation: "if signing in to CWA fails, request a certificate for mutual TLS (from a Web Server template) with {names} (the server's FQDN) as Subject Name and assign it as the MTLS certificate; otherwise make sure the SAN carries the server FQDN"},
		{Rule: "mediation_cn_not_fqdn", Severity: "error", Check: "names",
			Description: "The Mediation Server certificate's Subject CN must be the Mediation Server's FQDN",
			Citation:    citeOCSRequest + "; " + citeMediation,
			Consequence: "the pool refuses the Mediation Server's mutual TLS connection, so calls to and from the PSTN fail",
			Remediation: "{request} on the Mediation Server with {names} as Subject Name and select it in the Mediation Server's properties (Certificate tab)"},
		{Rule: "gateway_cn_not_fqdn", Severity: "error", Check: "names",
			Description: "A TLS media gateway's certificate Subject CN must be the gateway FQDN the Mediation Server is configured with",
			Citation:    citeGateway,
			Consequence: "the Mediation Server refuses the gateway's TLS connection, so PSTN calls through it fail",
			Remediation: "have the gateway's certificate reissued with {names} as Subject Name (the gateway's own tools make the request), load it on the gateway, and check that the Mediation Server's PSTN gateway setting uses the same FQDN"},
		{Rule: "gateway_chain_not_sent", Severity: "warn", Check: "chain_not_sent",
			Description: "A TLS media gateway must send its intermediate CA certificates with its own certificate in the TLS handshake",
			Citation:    citeGateway,
			Remediation: "load the issuing CA's certificates on the gateway (its certificate chain, per the vendor's guide) so that it sends them in the TLS handshake"},
		{Rule: "reverse_proxy_cn_mismatch", Severity: "error", Check: "names",
			Description: "A reverse proxy listener's certificate Subject CN must be the name it publishes: the external web farm FQDN, or the Communicator Web Access external FQDN",
			Citation:    citeReverseProxy + "; " + citeEdgeSample,
			Consequence: "external users get a certificate error when Communicator downloads the address book or meeting content, or when they open Communicator Web Access",
			Remediation: "request a certificate with {names} as Subject Name (from a public CA) and assign it to the reverse proxy's web listener for that name"},
		{Rule: "reverse_proxy_private_ca", Severity: "warn", Check: "private_ca",
			Description: "A reverse proxy listener's certificate should come from a public CA; its chain ends in your Enterprise CA (a --ca-file anchor). Microsoft says the reverse proxy 'typically' needs public certificates: implied, not stated, so a warning",
			Citation:    citeReverseProxy,
			Consequence: "external users' computers outside the domain do not trust your Enterprise CA",
			Remediation: "request the listener's certificate from a public CA (Microsoft KB 929395 lists CAs that work with OCS) and assign it to the reverse proxy's web listener; nothing to change if every external computer trusts your Enterprise root"},
	}
}
