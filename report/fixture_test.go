package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/uclint/uclint/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (run go test ./report -update to create it): %v", path, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./report -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func finding(id string, sev lint.Severity, details, fix string, mark Mark) Finding {
	return Finding{Finding: lint.Finding{Lint: id, Status: sev, Details: details, Remediation: fix,
		Citation: "Microsoft, Certificates for Internal Servers, Table 2", Source: "OCS2007R2"}, Baseline: mark}
}

func cert(cn string, san []string, notAfter string, daysLeft int) *Certificate {
	return &Certificate{SubjectCN: cn, SANDNS: san, Issuer: "CN=Contoso Issuing CA 01, O=Contoso Ltd, C=US",
		NotBefore: "2024-01-01T00:00:00Z", NotAfter: notAfter, DaysLeft: daysLeft,
		SHA256: "8c8578e3a0fac328356e29bc9919b63331220b3ad6a190605a8861fa41343ab9", Serial: "3C4E156E9A89E319",
		SignatureAlgorithm: "SHA256-RSA", ChainLength: 2}
}

// checkReport is a finished report of 'uclint check' on five files: one passes (with a notice, which does not
// count), one fails, one fails and warns, one warns, one could not be read.
func checkReport() *Report {
	poolSAN := []string{"pool01.contoso.com", "webpool01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}
	r := &Report{
		Started: "2026-06-01T02:15:00Z", DurationSeconds: 0.25, ExpiryWarningDays: 30, ExpiryCriticalDays: 7,
		Targets: []Target{
			{File: "certs/pool01.pem", Role: "enterprise-pool", Certificate: cert("pool01.contoso.com", poolSAN, "2044-01-01T00:00:00Z", 6423),
				Findings: []Finding{finding("n_ocs_public_ca", lint.Notice, "the chain ends in a public root", "nothing to do if intended", "")}},
			{File: "certs/pool01-member-cn.pem", Role: "enterprise-pool",
				Certificate: cert("fe01.contoso.com", []string{"fe01.contoso.com", "sip.contoso.com"}, "2044-01-01T00:00:00Z", 6423),
				Findings: []Finding{finding("e_ocs_subject_cn_not_role_fqdn", lint.Error,
					`Subject CN "fe01.contoso.com" is not the pool's FQDN "pool01.contoso.com" (Table 2)`,
					"request a new certificate with the OCS Certificate Wizard on a pool member, with the pool FQDN pool01.contoso.com as Subject Name (not the member's own FQDN), then install it on every member", "")}},
			{File: "certs/pool01-old.pem", Role: "enterprise-pool", Certificate: cert("pool01.contoso.com", poolSAN[:3], "2026-06-20T00:00:00Z", 19),
				Findings: []Finding{
					finding("e_ocs_san_missing_sip_domain", lint.Error, `the Subject Alternative Name lacks "sip.fabrikam.com"`, "add sip.fabrikam.com to the Subject Alternative Name", ""),
					finding("w_ocs_certificate_expiring_soon", lint.Warn, "the certificate expires on 2026-06-20 00:00 UTC, in 19 days", "renew it", ""),
				}},
			{File: "certs/se01-sha1.pem", Role: "standard-edition", Certificate: cert("se01.contoso.com", []string{"se01.contoso.com"}, "2027-06-01T00:00:00Z", 365),
				Findings: []Finding{finding("w_ocs_sha1_signature", lint.Warn, "signed with SHA-1", "request a certificate signed with SHA-256", "")}},
			{File: "certs/empty.pem", Role: "enterprise-pool", Error: "certs/empty.pem: the file is empty"},
		},
	}
	r.Finish()
	return r
}

// scanReport is a finished report of 'uclint scan' compared with a baseline: every field set (TLS, handshake
// errors, an unreachable endpoint, new and known findings, a resolved one) and a certificate name that holds
// terminal escape sequences.
func scanReport() *Report {
	tls12 := &TLS{Version: "TLSv1.2", Cipher: "TLS_RSA_WITH_AES_128_CBC_SHA", ClientCertRequested: true}
	r := &Report{
		Started: "2026-06-01T02:15:00Z", DurationSeconds: 1.5, ExpiryWarningDays: 30, ExpiryCriticalDays: 7,
		Targets: []Target{
			{Server: "se01", Endpoint: "sip", Address: "se01.contoso.com:5061", Role: "standard-edition", TLS: tls12,
				Certificate: cert("se01.contoso.com", []string{"se01.contoso.com", "sip.contoso.com"}, "2044-01-01T00:00:00Z", 6423)},
			{Server: "pool01", Member: "fe01.contoso.com", Endpoint: "sip", Address: "fe01.contoso.com:5061", Role: "enterprise-pool",
				TLS:         &TLS{Version: "TLSv1.2", Cipher: "TLS_RSA_WITH_AES_128_CBC_SHA", ClientCertRequested: true, HandshakeError: "remote error: handshake failure"},
				Certificate: cert("pool01.contoso.com", []string{"pool01.contoso.com", "sip.contoso.com"}, "2044-01-01T00:00:00Z", 6423),
				Findings:    []Finding{finding("n_ocs_pool_members_differ", lint.Notice, "fe02.contoso.com presents another certificate", "install the same certificate on every member", MarkKnown)}},
			{Server: "pool01", Member: "fe02.contoso.com", Endpoint: "sip", Address: "fe02.contoso.com:5061", Role: "enterprise-pool", TLS: tls12,
				Certificate: cert("pool01.contoso.com", []string{"pool01.contoso.com"}, "2026-06-20T00:00:00Z", 19),
				Findings: []Finding{
					finding("e_ocs_san_missing_sip_domain", lint.Error, `the Subject Alternative Name lacks "sip.contoso.com"`, "add sip.contoso.com", MarkKnown),
					finding("w_ocs_certificate_expiring_soon", lint.Warn, "expires in 19 days", "renew it", MarkNew),
				}},
			{Server: "pool01", Member: "fe02.contoso.com", Endpoint: "web", Address: "fe02.contoso.com:443", Role: "enterprise-pool",
				TLS:         &TLS{Version: "TLSv1.0", Cipher: "TLS_RSA_WITH_RC4_128_SHA"},
				Certificate: cert("evil\x1b[2J.contoso.com", []string{"fe02.contoso.com"}, "2027-01-01T00:00:00Z", 214),
				Findings: []Finding{
					finding("e_ocs_chain_untrusted", lint.Error, "no chain to a trusted root", "assign the OCS certificate to the IIS site", MarkNew),
					finding("e_ocs_web_components_name_mismatch", lint.Error, "IIS presents a certificate for another name", "assign the OCS certificate to the IIS site", MarkNew),
				}},
			{Server: "dir01", Endpoint: "sip", Address: "dir01.contoso.com:5061", Role: "director",
				TLS:         &TLS{Version: "TLSv1.0", Cipher: "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
				Certificate: cert("dir01.contoso.com", []string{"dir01.contoso.com"}, "2027-06-01T00:00:00Z", 365),
				Findings:    []Finding{finding("w_ocs_sha1_signature", lint.Warn, "signed with SHA-1", "request a certificate signed with SHA-256", MarkKnown)}},
			{Server: "dir02", Endpoint: "sip", Address: "dir02.contoso.com:5061", Role: "director", Error: "dir02.contoso.com:5061: connection refused: is the Front-End service running?", ErrorBaseline: MarkNew},
		},
		Resolved: []Resolved{{Server: "se01", Endpoint: "sip", Lint: "w_ocs_certificate_expiring_soon", Status: lint.Warn, Details: "expires in 12 days"}},
	}
	r.Finish()
	return r
}
