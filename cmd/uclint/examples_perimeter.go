package main

import "maps"

// checkPerimeter is the example 'uclint check' of a fixture certificate with the rules of a server of the
// perimeter fixture deployment file, as the certificate of that kind.
func checkPerimeter(server, kind, cert string, extra ...string) example {
	file := "fixtures/pki/" + cert + ".pem"
	args := append([]string{"check", "--config", "fixtures/deployments/contoso-perimeter.yaml", "--server", server,
		"--certificate", kind, "--at", fixtureAt}, extra...)
	return example{args: append(args, file), target: file}
}

// perimeter is a failing and a passing fixture of one of a perimeter server's certificates.
func perimeter(server, kind, fail, pass string, extra ...string) ruleExamples {
	return ruleExamples{fail: checkPerimeter(server, kind, fail, extra...), pass: checkPerimeter(server, kind, pass, extra...)}
}

// publicRoot makes the simulated public CA a system root, as a public CA is on an administrator's computer.
const publicRoot = "SSL_CERT_FILE=fixtures/pki/public-root.pem"

// The examples of the rules of the roles at the deployment's edge (profile_ocs2007r2_edge.go).
func init() {
	maps.Copy(examples, map[string]ruleExamples{
		"edge_internal_cn_mismatch":          perimeter("edge01", "internal", "edge01-internal-external-cn", "edge01-internal"),
		"edge_array_internal_cn_member_fqdn": perimeter("edgearray01", "internal", "edgearray-internal-member-cn", "edgearray-internal", "--member", "edge02.contoso.com"),
		"edge_access_external_cn_mismatch":   perimeter("edge01", "access", "edge01-access-internal-cn", "edge01-access"),
		"edge_access_san_missing_sip_domain": perimeter("edge01", "access", "edge01-access-no-fabrikam", "edge01-access"),
		"edge_webconf_external_cn_mismatch":  perimeter("edge01", "webconf", "edge01-webconf-access-cn", "edge01-webconf"),
		"edge_external_private_ca": {
			fail: withEnv(checkPerimeter("edge01", "access", "edge01-access-private"), publicRoot),
			pass: withEnv(checkPerimeter("edge01", "access", "edge01-access"), publicRoot),
		},
		"edge_aol_pic_missing_client_auth": perimeter("edge01", "access", "edge01-access-server-only", "edge01-access"),
		"edge_av_cert_reuses_service_cert": {none: "it compares the certificates of one Edge Server in a scan: 'uclint demo' shows it " +
			"on edge01's A/V authentication file (audit's TestPerimeterFileMistakes runs it both ways from files)"},
		"edge_array_av_cert_differs": {none: "it compares the A/V authentication certificates of an Edge array's members in a scan " +
			"(audit's TestPerimeterFileMistakes runs it both ways from the files of fixtures/deployments/contoso-perimeter.yaml)"},
		"edge_array_internal_cert_differs": {none: "it compares what an Edge array's members present in a scan, and the simulated " +
			"deployment has no array (audit's TestPerimeterOverTLS runs two members on loopback)"},
		"cwa_cn_not_url_host":         perimeter("cwa01", "web", "rp-ocsweb", "cwa01"),
		"cwa_cn_server_fqdn":          perimeter("cwa01", "web", "cwa01-server-cn", "cwa01"),
		"cwa_san_missing_as_download": perimeter("cwa01", "web", "cwa01-no-as-download", "cwa01"),
		"cwa_san_missing_server_fqdn": perimeter("cwa01", "web", "cwa01-no-server-fqdn", "cwa01"),
		"cwa_mtls_cn_not_server_fqdn": perimeter("cwa01", "mtls", "rp-ocsweb", "cwa01-mtls"),
		"cwa_mtls_cn_url_host":        perimeter("cwa01", "mtls", "cwa01", "cwa01-mtls"),
		"mediation_cn_not_fqdn":       perimeter("med01", "default", "pool01", "med01"),
		"gateway_cn_not_fqdn":         perimeter("gw01", "default", "gw01-ip-cn", "gw01"),
		"gateway_chain_not_sent": {none: "it judges what a live gateway sends, and the simulated deployment has no gateway " +
			"(audit's TestPerimeterOverTLS runs one that sends only its own certificate)"},
		"reverse_proxy_cn_mismatch": perimeter("isa01", "web", "rp-im", "rp-ocsweb"),
		"reverse_proxy_private_ca": {
			fail: withEnv(checkPerimeter("isa01", "web", "rp-ocsweb-private"), publicRoot),
			pass: withEnv(checkPerimeter("isa01", "web", "rp-ocsweb"), publicRoot),
		},
	})
}
