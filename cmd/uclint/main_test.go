package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixturesDir is the committed fixture PKI, relative to this package.
var fixturesDir = filepath.Join("..", "..", "fixtures")

func fixture(elem ...string) string { return filepath.Join(append([]string{fixturesDir}, elem...)...) }

// uclint runs the command line in-process and returns the exit code and what it printed.
func uclint(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// fixed are the flags that make a check of the fixtures repeatable: a fixed time and only the Contoso CA.
func fixed(args ...string) []string {
	return append([]string{"--at", "2026-06-01T00:00:00Z", "--no-system-roots", "--ca-file", fixture("pki", "contoso-ca-bundle.pem")}, args...)
}

var poolFlags = []string{"--role", "enterprise-pool", "--fqdn", "pool01.contoso.com", "--web-farm", "https://webpool01.contoso.com/",
	"--sip-domain", "contoso.com", "--sip-domain", "fabrikam.com", "--auto-config"}

func checkArgs(files ...string) []string {
	args := append([]string{"check"}, fixed(poolFlags...)...)
	for _, f := range files {
		args = append(args, fixture("pki", f))
	}
	return args
}

// volatile matches what changes from run to run: when it ran, how long it took, loopback ports.
var volatile = regexp.MustCompile(`("started": "|"duration_seconds": |uclint_scan_duration_seconds |uclint_last_run_timestamp_seconds |timestamp="|time=")[^,\n"]*`)

// golden compares got, with volatile values masked, with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	got = volatile.ReplaceAllString(got, "${1}X")
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (run go test -update to create it): %v", path, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./cmd/uclint -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// decode parses a JSON report.
func decode(t testing.TB, s string) report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return r
}

func lintIDs(tg report.Target) []string {
	var ids []string
	for _, f := range tg.Findings {
		ids = append(ids, f.Lint)
	}
	return ids
}

func hasLint(tg report.Target, id string) bool {
	for _, f := range tg.Findings {
		if f.Lint == id {
			return true
		}
	}
	return false
}

func TestCheckGoldenTable(t *testing.T) {
	code, out, errOut := uclint(t, checkArgs("pool01.pem", "pool01-member-cn.pem", "pool01-missing-sip-fabrikam.pem", "pool01-old.pem")...)
	if code != report.ExitFailed {
		t.Fatalf("exit %d, want %d; stderr: %s", code, report.ExitFailed, errOut)
	}
	golden(t, "check-pool.table.golden", out)
}

func TestCheckGoldenJSON(t *testing.T) {
	code, out, errOut := uclint(t, append(checkArgs("pool01.pem", "pool01-member-cn.pem"), "--format", "json", fixture("bad", "garbage.cer"))...)
	if code != report.ExitFailed {
		t.Fatalf("exit %d, want %d; stderr: %s", code, report.ExitFailed, errOut)
	}
	golden(t, "check-pool.json.golden", out)
	validateReport(t, out)
	r := decode(t, out)
	if r.Summary.Targets != 3 || r.Summary.Pass != 1 || r.Summary.Fail != 1 || r.Summary.Error != 1 {
		t.Fatalf("summary %+v", r.Summary)
	}
	if r.Targets[0].Certificate == nil || r.Targets[0].Certificate.SubjectCN != "pool01.contoso.com" || len(r.Targets[0].Certificate.SHA256) != 64 {
		t.Fatalf("certificate %+v", r.Targets[0].Certificate)
	}
	if !hasLint(r.Targets[1], "e_ocs_subject_cn_not_role_fqdn") {
		t.Fatalf("member CN not flagged: %v", lintIDs(r.Targets[1]))
	}
	if r.Targets[2].Status != report.Error || !strings.Contains(r.Targets[2].Error, "garbage.cer") {
		t.Fatalf("garbage file: %+v", r.Targets[2])
	}
}

func TestCheckExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"good certificate", checkArgs("pool01.pem"), report.ExitOK},
		{"member FQDN instead of pool FQDN", checkArgs("pool01-member-cn.pem"), report.ExitFailed},
		{"a bad file beside a good one", append(checkArgs("pool01.pem"), fixture("bad", "truncated.pem")), report.ExitUncheckable},
		{"a bad file beside a failing one", append(checkArgs("pool01-member-cn.pem"), fixture("bad", "empty.pem")), report.ExitFailed},
		{"no file", []string{"check", "--role", "standard-edition", "--fqdn", "se01.contoso.com"}, report.ExitUsage},
		{"unknown role", []string{"check", "--role", "frontend", "--fqdn", "se01.contoso.com", fixture("pki", "se01.pem")}, report.ExitUsage},
		{"role without fqdn", []string{"check", "--role", "director", fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"short fqdn", []string{"check", "--role", "director", "--fqdn", "dir01", fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"unknown flag", []string{"check", "--bogus", fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"bad --at", []string{"check", "--at", "yesterday", fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"missing ca file", []string{"check", "--ca-file", fixture("pki", "nope.pem"), fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"unknown zlint source", []string{"check", "--zlint-sources", "NOPE", fixture("pki", "dir01.pem")}, report.ExitUsage},
		{"deployment file server", append([]string{"check"}, fixed("--config", fixture("deployments", "contoso.yaml"), "--server", "dir01", fixture("pki", "dir01.pem"))...), report.ExitOK},
		{"deployment file without --server", append([]string{"check"}, fixed("--config", fixture("deployments", "contoso.yaml"), fixture("pki", "dir01.pem"))...), report.ExitUsage},
		{"deployment file unknown server", append([]string{"check"}, fixed("--config", fixture("deployments", "contoso.yaml"), "--server", "nope", fixture("pki", "dir01.pem"))...), report.ExitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := uclint(t, tc.args...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errOut)
			}
			if tc.want == report.ExitUsage && !strings.HasPrefix(errOut, "uclint: ") {
				t.Fatalf("a usage error must say what is wrong on stderr, got %q", errOut)
			}
		})
	}
}

func TestCheckFailOnWarn(t *testing.T) {
	// pool01-old expires in 19 days at --at: a warning; it also lacks sip.fabrikam.com, so check it as a
	// single-SIP-domain pool, where that rule does not apply.
	args := append([]string{"check"}, fixed("--role", "enterprise-pool", "--fqdn", "pool01.contoso.com", "--web-farm", "webpool01.contoso.com",
		"--sip-domain", "contoso.com", fixture("pki", "pool01-old.pem"))...)
	code, out, _ := uclint(t, args...)
	if code != report.ExitOK || !strings.Contains(out, "w_ocs_certificate_expiring_soon") {
		t.Fatalf("warning: exit %d, want 0\n%s", code, out)
	}
	code, _, _ = uclint(t, append(args, "--fail-on", "warn")...)
	if code != report.ExitFailed {
		t.Fatalf("--fail-on warn: exit %d, want 1", code)
	}
}

func TestCheckFormats(t *testing.T) {
	for _, f := range []string{
		filepath.Join("formats", "se01.cer"), filepath.Join("formats", "se01.p7b"), filepath.Join("formats", "se01-pem.p7b"),
		filepath.Join("formats", "se01-legacy.pfx"), filepath.Join("formats", "se01-aes.pfx"), filepath.Join("formats", "se01-crlf.pem"),
		filepath.Join("formats", "se01-chain-reversed.pem"),
	} {
		t.Run(f, func(t *testing.T) {
			t.Setenv(pfxPasswordEnv, fixtures.PFXPassword)
			args := append([]string{"check", "--format", "json"}, fixed("--role", "standard-edition", "--fqdn", "se01.contoso.com", "--sip-domain", "contoso.com", "--sip-domain", "fabrikam.com", "--auto-config", fixture("pki", f))...)
			code, out, errOut := uclint(t, args...)
			r := decode(t, out)
			if code != report.ExitOK || r.Targets[0].Certificate == nil || r.Targets[0].Certificate.SubjectCN != "se01.contoso.com" {
				t.Fatalf("exit %d: %s\n%s", code, out, errOut)
			}
		})
	}
}

func TestCheckPFXPassword(t *testing.T) {
	pfx := fixture("pki", "formats", "se01-legacy.pfx")
	t.Setenv(pfxPasswordEnv, "wrong-password")
	code, out, _ := uclint(t, "check", "--format", "json", pfx)
	r := decode(t, out)
	if code != report.ExitUncheckable || !strings.Contains(r.Targets[0].Error, "password") || strings.Contains(out, "wrong-password") {
		t.Fatalf("wrong password: exit %d %s", code, out)
	}
	file := filepath.Join(t.TempDir(), "password.txt")
	if err := os.WriteFile(file, []byte(fixtures.PFXPassword+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = uclint(t, "check", "--format", "json", "--password-file", file, pfx)
	if r := decode(t, out); r.Targets[0].Status == report.Error {
		t.Fatalf("--password-file with a trailing newline: exit %d %s", code, out)
	}
}

func TestLintsCommand(t *testing.T) {
	code, out, _ := uclint(t, "lints", "--format", "json")
	if code != report.ExitOK {
		t.Fatalf("exit %d", code)
	}
	var infos []ruleInfo
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatal(err)
	}
	ids := map[string]ruleInfo{}
	for _, i := range infos {
		ids[i.ID] = i
	}
	for _, id := range []string{"e_ocs_subject_cn_not_role_fqdn", "e_ocs_san_missing_sip_domain", "e_ocs_san_missing_web_farm",
		"e_ocs_subject_cn_not_fqdn", "e_ocs_wildcard_name", "w_ocs_san_missing_subject_cn", "e_ocs_missing_server_auth_eku",
		"e_ocs_missing_crl_distribution_point", "w_ocs_rsa_key_below_2048", "e_ocs_rsa_key_below_1024", "w_ocs_sha1_signature",
		"e_ocs_md5_signature", "w_ocs_key_usage_lacks_key_encipherment", "e_ocs_certificate_expired", "e_ocs_certificate_not_yet_valid",
		"w_ocs_certificate_expiring_soon", "e_ocs_chain_untrusted", "n_ocs_public_ca", "e_ocs_web_components_name_mismatch",
		"w_ocs_chain_incomplete", "n_ocs_pool_members_differ", "e_basic_constraints_not_critical"} {
		i, ok := ids[id]
		if !ok || i.Citation == "" || i.Description == "" {
			t.Errorf("lints: %s missing or without citation/description: %+v", id, i)
		}
	}
	if ids["w_ocs_sha1_signature"].Severity != "warn" || ids["n_ocs_public_ca"].Source != "OCS2007R2" {
		t.Errorf("severity/source wrong: %+v %+v", ids["w_ocs_sha1_signature"], ids["n_ocs_public_ca"])
	}
}

// BenchmarkCheckOneFile is 'uclint check' of one PEM file in-process, from flags to the printed table: what the
// process does after it starts (measure the start with the built binary: see the closing note).
func BenchmarkCheckOneFile(b *testing.B) {
	args := []string{"check", "--role", "standard-edition", "--fqdn", "se01.contoso.com", "--ca-file", fixture("pki", "contoso-ca-bundle.pem"), fixture("pki", "se01.pem")}
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if code := run(args, &out, io.Discard); code != report.ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// TestDaysLeftAgree: a certificate that expires in six and a half days has 6 days left in the JSON report, the
// table, the Nagios line and the finding (floor, computed in one place), and one that expired half a day ago -1.
func TestDaysLeftAgree(t *testing.T) {
	for _, tc := range []struct {
		at, cert string
		days     int
		table    string
		finding  string
	}{
		{"2026-06-08T12:00:00Z", "se01-expiring-soon", 6, "(6 days left)", "in 6 days"},
		{"2026-06-15T12:00:00Z", "se01-expiring-soon", -1, "(expired 1 days ago)", "(1 days ago)"},
	} {
		args := []string{"check", "--at", tc.at, "--no-system-roots", "--ca-file", fixture("pki", "contoso-ca-bundle.pem"), fixture("pki", tc.cert+".pem")}
		_, out, _ := uclint(t, append(args, "--format", "json")...)
		r := decode(t, out)
		if got := r.Targets[0].Certificate.DaysLeft; got != tc.days {
			t.Errorf("%s: JSON days_left %d, want %d", tc.at, got, tc.days)
		}
		found := false
		for _, f := range r.Targets[0].Findings {
			found = found || strings.Contains(f.Details, tc.finding)
		}
		if !found {
			t.Errorf("%s: no finding says %q: %+v", tc.at, tc.finding, r.Targets[0].Findings)
		}
		if _, table, _ := uclint(t, args...); !strings.Contains(table, tc.table) {
			t.Errorf("%s: the table does not say %q:\n%s", tc.at, tc.table, table)
		}
		if _, nagios, _ := uclint(t, append(args, "--format", "nagios")...); !strings.Contains(nagios, fmt.Sprintf("earliest_expiry_days=%d;", tc.days)) {
			t.Errorf("%s: the Nagios line does not say %d days: %s", tc.at, tc.days, nagios)
		}
	}
}
