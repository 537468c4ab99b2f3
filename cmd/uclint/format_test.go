package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// poolCheck checks four pool certificates (one pass, three fail) and a bad file, in the given format.
func poolCheck(t *testing.T, extra ...string) (int, string, string) {
	t.Helper()
	args := append(checkArgs("pool01.pem", "pool01-member-cn.pem", "pool01-missing-sip-fabrikam.pem", "pool01-old.pem"), fixture("bad", "empty.pem"))
	return uclint(t, append(args, extra...)...)
}

func TestFormatGoldens(t *testing.T) {
	for _, format := range []string{formatJUnit, formatPrometheus, formatNagios} {
		t.Run(format, func(t *testing.T) {
			_, out, errOut := poolCheck(t, "--format", format)
			if errOut != "" {
				t.Fatalf("stderr: %s", errOut)
			}
			golden(t, "check-pool."+format+".golden", out)
		})
	}
}

func TestPrometheusParses(t *testing.T) {
	_, out, _ := poolCheck(t, "--format", formatPrometheus)
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not valid textfile-collector format: %v\n%s", err, out)
	}
	status := families["uclint_target_status"]
	if status == nil || len(status.GetMetric()) != 5 {
		t.Fatalf("uclint_target_status: %v", status)
	}
	values := map[string]float64{}
	for _, m := range status.GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "file" {
				values[filepath.Base(l.GetValue())] = m.GetGauge().GetValue()
			}
		}
	}
	if values["pool01.pem"] != 0 || values["pool01-member-cn.pem"] != 2 || values["empty.pem"] != 3 {
		t.Fatalf("status values %v", values)
	}
	for _, name := range []string{"uclint_certificate_not_after_timestamp_seconds", "uclint_findings", "uclint_scan_duration_seconds", "uclint_last_run_timestamp_seconds"} {
		if families[name] == nil {
			t.Errorf("%s missing", name)
		}
	}
	var errorsCount float64
	for _, m := range families["uclint_findings"].GetMetric() {
		if m.GetLabel()[0].GetValue() == "error" {
			errorsCount = m.GetGauge().GetValue()
		}
	}
	if errorsCount < 3 {
		t.Fatalf("uclint_findings{severity=error} = %v", errorsCount)
	}
}

func TestJUnitParsesBack(t *testing.T) {
	_, out, _ := poolCheck(t, "--format", formatJUnit)
	var suites junitSuites
	if err := xml.Unmarshal([]byte(out), &suites); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if suites.Tests != 5 || suites.Failures != 3 || suites.Errors != 1 || len(suites.Suites) != 5 {
		t.Fatalf("tests %d failures %d errors %d suites %d", suites.Tests, suites.Failures, suites.Errors, len(suites.Suites))
	}
	member := suites.Suites[1].Cases[0]
	if member.Failure == nil || !strings.Contains(member.Failure.Message, "e_ocs_subject_cn_not_role_fqdn") || !strings.Contains(member.Failure.Text, "fix: ") {
		t.Fatalf("member CN failure: %+v", member)
	}
	if suites.Suites[4].Cases[0].Error == nil || !strings.Contains(suites.Suites[4].Cases[0].Error.Message, "empty") {
		t.Fatalf("bad file: %+v", suites.Suites[4].Cases[0])
	}
}

func TestNagiosExitCodes(t *testing.T) {
	cases := []struct {
		files []string
		want  int
		state string
	}{
		{[]string{"pool01.pem"}, nagiosOK, "UCLINT OK"},
		{[]string{"pool01-member-cn.pem"}, nagiosCritical, "UCLINT CRITICAL"},
	}
	for _, tc := range cases {
		code, out, _ := uclint(t, append(checkArgs(tc.files...), "--format", "nagios")...)
		if code != tc.want || !strings.HasPrefix(out, tc.state) || strings.Count(out, "\n") != 1 || !strings.Contains(out, "| targets=") {
			t.Errorf("%v: exit %d, %q", tc.files, code, out)
		}
	}
	args := append([]string{"check"}, fixed("--role", "enterprise-pool", "--fqdn", "pool01.contoso.com", "--sip-domain", "contoso.com",
		"--format", "nagios", fixture("pki", "pool01-old.pem"))...)
	if code, out, _ := uclint(t, args...); code != nagiosWarning || !strings.Contains(out, "earliest_expiry_days=19;30;7") {
		t.Errorf("warning: exit %d %q", code, out)
	}
	if code, out, _ := uclint(t, "check", "--format", "nagios", fixture("bad", "empty.pem")); code != nagiosUnknown || !strings.HasPrefix(out, "UCLINT UNKNOWN") {
		t.Errorf("unknown: exit %d %q", code, out)
	}
}

func TestOutputFilesAtomic(t *testing.T) {
	dir := t.TempDir()
	jsonFile, promFile := filepath.Join(dir, "last.json"), filepath.Join(dir, "uclint.prom")
	code, out, _ := poolCheck(t, "--output", "json="+jsonFile, "--output", "prometheus="+promFile, "-q")
	if code != exitFailed || !strings.Contains(out, "SUBJECT CN") || strings.Contains(out, "pool01.pem ") {
		t.Fatalf("exit %d; -q must leave passing targets out of the table:\n%s", code, out)
	}
	data, err := os.ReadFile(jsonFile)
	if err != nil || decode(t, string(data)).Summary.Targets != 5 {
		t.Fatalf("json file: %v", err)
	}
	if prom, err := os.ReadFile(promFile); err != nil || !strings.Contains(string(prom), "uclint_target_status") {
		t.Fatalf("prometheus file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteAtomicKeepsOldFileOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last.json")
	if err := os.WriteFile(path, []byte(`{"old": "complete"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, `{"new": "half`)
		return errors.New("the run failed midway")
	})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != `{"old": "complete"}` {
		t.Fatalf("old file changed: %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary file left behind: %v", entries)
	}
}

func TestOutputUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--output", "json"}, {"--output", "xml=out.xml"}, {"--format", "csv"}, {"--fail-on", "new"}, {"--fail-on", "sometimes"},
	} {
		if code, _, _ := uclint(t, append(checkArgs("pool01.pem"), args...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	baseline := filepath.Join(dir, "last.json")
	// Night 1, no baseline yet: every finding is new, and --fail-on new fails.
	args := func(files ...string) []string {
		return append(checkArgs(files...), "--baseline", baseline, "--fail-on", "new", "--output", "json="+baseline, "--format", "json")
	}
	code, out, _ := uclint(t, args("pool01-member-cn.pem", "pool01-old.pem")...)
	r := decode(t, out)
	if code != exitFailed || r.Targets[0].Findings[0].Baseline != baselineNew {
		t.Fatalf("night 1: exit %d, %+v", code, r.Targets[0].Findings)
	}
	// Night 2, unchanged: everything known, exit 0 although targets still fail.
	code, out, _ = uclint(t, args("pool01-member-cn.pem", "pool01-old.pem")...)
	r = decode(t, out)
	if code != exitOK || r.Targets[0].Findings[0].Baseline != baselineKnown || r.Summary.Fail != 2 || len(r.Resolved) != 0 {
		t.Fatalf("night 2: exit %d, resolved %v", code, r.Resolved)
	}
	// Night 3: pool01-old was replaced by pool01-missing-sip-fabrikam under the same file name: its expiry warning is
	// resolved, its SIP domain error is known; a new file brings new findings.
	replaced := filepath.Join(dir, "pool01-old.pem")
	copyFile(t, fixture("pki", "pool01-old.pem"), replaced)
	args3 := append(checkArgs("pool01-member-cn.pem"), replaced, "--baseline", baseline, "--fail-on", "new", "--format", "json")
	copyFile(t, fixture("pki", "pool01-missing-sip-fabrikam.pem"), replaced)
	uclint(t, append(args3, "--output", "json="+baseline)...) // the baseline now holds the replaced file's findings
	copyFile(t, fixture("pki", "pool01-old.pem"), replaced)
	code, out, _ = uclint(t, args3...)
	r = decode(t, out)
	if code != exitFailed || !hasBaseline(r.Targets[1], "w_ocs_certificate_expiring_soon", baselineNew) || !hasBaseline(r.Targets[1], "e_ocs_san_missing_sip_domain", baselineKnown) {
		t.Fatalf("night 3: exit %d, %+v", code, r.Targets[1].Findings)
	}
	copyFile(t, fixture("pki", "pool01-missing-sip-fabrikam.pem"), replaced)
	uclint(t, append(args3, "--output", "json="+baseline)...)
	copyFile(t, fixture("pki", "pool01.pem"), replaced)
	code, out, _ = uclint(t, append(args3[:len(args3)-2], "--format", "table")...)
	if code != exitOK || !strings.Contains(out, "Resolved since the baseline") || !strings.Contains(out, "e_ocs_san_missing_sip_domain") {
		t.Fatalf("night 4 (fixed): exit %d\n%s", code, out)
	}
}

func hasBaseline(tg target, lint, mark string) bool {
	for _, f := range tg.Findings {
		if f.Lint == lint {
			return f.Baseline == mark
		}
	}
	return false
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBaselineNotAReport(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := uclint(t, append(checkArgs("pool01.pem"), "--baseline", bad)...); code != exitUsage || !strings.Contains(errOut, "not a uclint JSON report") {
		t.Fatalf("exit %d %q", code, errOut)
	}
}

func TestColorOnlyOnTerminals(t *testing.T) {
	if colored(statusFail, true) != "\x1b[31mfail\x1b[0m" || colored(statusFail, false) != "fail" {
		t.Fatal("colored")
	}
	_, out, _ := poolCheck(t)
	if strings.Contains(out, "\x1b[") {
		t.Fatal("colour codes in output that is not a terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if colorWanted(os.Stdout) {
		t.Fatal("NO_COLOR set, colours wanted")
	}
}

func TestProgressOnlyOnTerminals(t *testing.T) {
	var buf strings.Builder
	p := startProgress(&buf, 100)
	for i := 0; i < 100; i++ {
		p.step()
	}
	p.finish()
	if buf.Len() != 0 {
		t.Fatalf("progress drawn on a pipe: %q", buf.String())
	}
}

func TestLogFormatJSON(t *testing.T) {
	_, config := startSim(t)
	code, _, errOut := uclint(t, "scan", "--config", config, "--server", "dir01", "--log-level", "debug", "--log-format", "json", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var messages []string
	s := bufio.NewScanner(strings.NewReader(errOut))
	for s.Scan() {
		var entry map[string]any
		if err := json.Unmarshal(s.Bytes(), &entry); err != nil {
			t.Fatalf("log line is not JSON: %q", s.Text())
		}
		messages = append(messages, entry["msg"].(string))
	}
	if strings.Join(messages, ",") != "scan started,probed,scan finished" {
		t.Fatalf("log messages %v", messages)
	}
	if code, _, _ := uclint(t, "lints", "--log-level", "loud"); code != exitUsage {
		t.Fatalf("bad --log-level: exit %d", code)
	}
}
