package main

import (
	"strings"
	"testing"

	"github.com/uclint/uclint/report"
)

// TestCheckPerimeterFlags: the perimeter roles from flags, as a new user checks a certificate before installing it.
func TestCheckPerimeterFlags(t *testing.T) {
	edge := []string{"--role", "edge", "--fqdn", "edge01.contoso.com", "--access-edge", "sip.contoso.com",
		"--sip-domain", "contoso.com", "--sip-domain", "fabrikam.com"}
	cwa := []string{"--role", "cwa", "--fqdn", "cwa01.contoso.com", "--cwa-url", "https://im.contoso.com/"}
	pki := func(name string) string { return fixture("pki", name+".pem") }
	cases := []struct {
		name    string
		args    []string
		want    int
		lint    string // a finding the run must report
		message string // a fragment of stderr, for usage errors
	}{
		{"Edge internal certificate", append(fixed(edge...), pki("edge01-internal")), report.ExitOK, "", ""},
		{"wrong Subject Name on the internal interface", append(fixed(edge...), pki("edge01-internal-external-cn")), report.ExitFailed, "e_ocs_edge_internal_cn_mismatch", ""},
		{"Access Edge from the Enterprise CA, federation declared",
			append(fixed(append(edge, "--certificate", "access", "--federation")...), pki("edge01-access-private")), report.ExitOK, "w_ocs_edge_external_private_ca", ""},
		{"AOL without the client EKU",
			append(fixed(append(edge, "--certificate", "access", "--public-im", "AOL")...), pki("edge01-access-server-only")), report.ExitFailed, "e_ocs_edge_aol_pic_missing_client_auth", ""},
		{"CWA without as. and download.", append(fixed(cwa...), pki("cwa01-no-as-download")), report.ExitFailed, "e_ocs_cwa_san_missing_as_download", ""},
		{"CWA MTLS certificate", append(fixed(append(cwa, "--certificate", "mtls")...), pki("cwa01-mtls")), report.ExitOK, "", ""},
		{"Edge without --access-edge", append(fixed("--role", "edge", "--fqdn", "edge01.contoso.com"), pki("edge01-internal")), report.ExitUsage, "",
			"--role edge needs --access-edge: the Access Edge's external FQDN"},
		{"CWA without --cwa-url", append(fixed("--role", "cwa", "--fqdn", "cwa01.contoso.com"), pki("cwa01")), report.ExitUsage, "", "--role cwa needs --cwa-url"},
		{"reverse proxy without --external-web", append(fixed("--role", "reverse-proxy", "--fqdn", "isa01.contoso.com"), pki("rp-ocsweb")), report.ExitUsage, "", "needs --external-web"},
		{"unknown public IM provider", append(fixed(append(edge, "--public-im", "icq")...), pki("edge01-internal")), report.ExitUsage, "", `--public-im "icq": use msn (Windows Live), aol or yahoo`},
		{"an Edge flag on a Director", append(fixed("--role", "director", "--fqdn", "dir01.contoso.com", "--federation"), pki("dir01")), report.ExitUsage, "", "--federation does not apply"},
		{"an invalid Access Edge FQDN", append(fixed("--role", "edge", "--fqdn", "edge01.contoso.com", "--access-edge", "sip"), pki("edge01-internal")), report.ExitUsage, "", "--access-edge:"},
		{"the deployment file", append(fixed("--config", fixture("deployments", "contoso-perimeter.yaml"), "--server", "edge01", "--certificate", "access"), pki("edge01-access-private")),
			report.ExitOK, "w_ocs_edge_external_private_ca", ""},
		{"perimeter flags with the deployment file", append(fixed("--config", fixture("deployments", "contoso-perimeter.yaml"), "--server", "edge01", "--federation"), pki("edge01-internal")),
			report.ExitUsage, "", "--federation: with --config the deployment file describes the servers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := uclint(t, append(append([]string{"check"}, tc.args...), "--format", "json")...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errOut)
			}
			if tc.message != "" && !strings.Contains(errOut, tc.message) {
				t.Fatalf("stderr %q lacks %q", errOut, tc.message)
			}
			if tc.lint != "" {
				r := decode(t, out)
				if !hasLint(r.Targets[0], tc.lint) {
					t.Fatalf("no %s: %v", tc.lint, lintIDs(r.Targets[0]))
				}
			}
		})
	}
}
