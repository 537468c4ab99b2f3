package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/uclint/uclint/report"
)

// The renderers are tested on fixed reports in the report package; these tests run them through the command
// line: flags, exit codes, files, logs.

// poolCheck checks four pool certificates (one pass, three fail) and a bad file, in the given format.
func poolCheck(t *testing.T, extra ...string) (int, string, string) {
	t.Helper()
	args := append(checkArgs("pool01.pem", "pool01-member-cn.pem", "pool01-missing-sip-fabrikam.pem", "pool01-old.pem"), fixture("bad", "empty.pem"))
	return uclint(t, append(args, extra...)...)
}

func TestFormatGoldens(t *testing.T) {
	for _, format := range []string{report.FormatJUnit, report.FormatPrometheus, report.FormatNagios} {
		t.Run(format, func(t *testing.T) {
			_, out, errOut := poolCheck(t, "--format", format)
			if errOut != "" {
				t.Fatalf("stderr: %s", errOut)
			}
			golden(t, "check-pool."+format+".golden", out)
		})
	}
}

func TestNagiosExitCodes(t *testing.T) {
	cases := []struct {
		files []string
		want  int
		state string
	}{
		{[]string{"pool01.pem"}, report.NagiosOK, "UCLINT OK"},
		{[]string{"pool01-member-cn.pem"}, report.NagiosCritical, "UCLINT CRITICAL"},
	}
	for _, tc := range cases {
		code, out, _ := uclint(t, append(checkArgs(tc.files...), "--format", "nagios")...)
		if code != tc.want || !strings.HasPrefix(out, tc.state) || strings.Count(out, "\n") != 1 || !strings.Contains(out, "| targets=") {
			t.Errorf("%v: exit %d, %q", tc.files, code, out)
		}
	}
	args := append([]string{"check"}, fixed("--role", "enterprise-pool", "--fqdn", "pool01.contoso.com", "--sip-domain", "contoso.com",
		"--format", "nagios", fixture("pki", "pool01-old.pem"))...)
	if code, out, _ := uclint(t, args...); code != report.NagiosWarning || !strings.Contains(out, "earliest_expiry_days=19;30:;7:") {
		t.Errorf("warning: exit %d %q", code, out)
	}
	if code, out, _ := uclint(t, "check", "--format", "nagios", fixture("bad", "empty.pem")); code != report.NagiosUnknown || !strings.HasPrefix(out, "UCLINT UNKNOWN") {
		t.Errorf("unknown: exit %d %q", code, out)
	}
}

func TestOutputFilesAtomic(t *testing.T) {
	dir := t.TempDir()
	jsonFile, promFile := filepath.Join(dir, "last.json"), filepath.Join(dir, "uclint.prom")
	code, out, _ := poolCheck(t, "--output", "json="+jsonFile, "--output", "prometheus="+promFile, "-q")
	if code != report.ExitFailed || !strings.Contains(out, "SUBJECT CN") || strings.Contains(out, "pool01.pem ") {
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

// TestQuietAllPassPrintsNothing: -q with every target passing prints nothing at all, not even the table header
// or the summary line, while the --output file is complete.
func TestQuietAllPassPrintsNothing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "last.json")
	code, out, errOut := uclint(t, append(checkArgs("pool01.pem"), "-q", "--output", "json="+file)...)
	if code != report.ExitOK || out != "" {
		t.Fatalf("-q, every target passing: exit %d, printed %q %s", code, out, errOut)
	}
	if r := decodeFile(t, file); r.Summary.Targets != 1 || r.Summary.Pass != 1 || r.Targets[0].Certificate == nil {
		t.Fatalf("the --output file under -q is not complete: %+v", r)
	}
	if _, out, _ := uclint(t, checkArgs("pool01.pem")...); !strings.Contains(out, "SUBJECT CN") || !strings.Contains(out, "1 targets: 1 pass") {
		t.Fatalf("without -q the table is printed:\n%s", out)
	}
}

func TestOutputUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--output", "json"}, {"--output", "xml=out.xml"}, {"--format", "csv"}, {"--fail-on", "new"}, {"--fail-on", "sometimes"},
	} {
		if code, _, _ := uclint(t, append(checkArgs("pool01.pem"), args...)...); code != report.ExitUsage {
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
	if code != report.ExitFailed || r.Targets[0].Findings[0].Baseline != report.MarkNew {
		t.Fatalf("night 1: exit %d, %+v", code, r.Targets[0].Findings)
	}
	validateReport(t, out)
	// Night 2, unchanged: everything known, exit 0 although targets still fail.
	code, out, _ = uclint(t, args("pool01-member-cn.pem", "pool01-old.pem")...)
	r = decode(t, out)
	if code != report.ExitOK || r.Targets[0].Findings[0].Baseline != report.MarkKnown || r.Summary.Fail != 2 || len(r.Resolved) != 0 {
		t.Fatalf("night 2: exit %d, resolved %v", code, r.Resolved)
	}
	// The nightly cron job: -q with nothing new prints nothing (cron mails nothing), and still writes the whole
	// report, known findings and all.
	quiet := append(checkArgs("pool01-member-cn.pem", "pool01-old.pem"), "--baseline", baseline, "--fail-on", "new", "-q",
		"--output", "json="+filepath.Join(dir, "tonight.json"))
	if code, out, errOut := uclint(t, quiet...); code != report.ExitOK || out != "" {
		t.Fatalf("night 2 with -q: exit %d, printed %q %s", code, out, errOut)
	}
	if tonight := decodeFile(t, filepath.Join(dir, "tonight.json")); tonight.Summary.Fail != 2 || len(tonight.Targets[0].Findings) == 0 ||
		tonight.Targets[0].Findings[0].Baseline != report.MarkKnown {
		t.Fatalf("the --output file under -q is not complete: %+v", tonight.Targets)
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
	if code != report.ExitFailed || !hasBaseline(r.Targets[1], "w_ocs_certificate_expiring_soon", report.MarkNew) || !hasBaseline(r.Targets[1], "e_ocs_san_missing_sip_domain", report.MarkKnown) {
		t.Fatalf("night 3: exit %d, %+v", code, r.Targets[1].Findings)
	}
	// With -q only the new finding is printed, under its target; the known ones and the unchanged target are not.
	tableArgs := append(append([]string{}, args3[:len(args3)-2]...), "--format", "table", "-q")
	if _, out, _ := uclint(t, tableArgs...); !strings.Contains(out, "w_ocs_certificate_expiring_soon") || !strings.Contains(out, "(new)") ||
		strings.Contains(out, "e_ocs_san_missing_sip_domain") || strings.Contains(out, "(known)") || strings.Contains(out, "pool01-member-cn.pem") {
		t.Fatalf("night 3 with -q: only the new finding must show:\n%s", out)
	}
	copyFile(t, fixture("pki", "pool01-missing-sip-fabrikam.pem"), replaced)
	uclint(t, append(args3, "--output", "json="+baseline)...)
	copyFile(t, fixture("pki", "pool01.pem"), replaced)
	code, out, _ = uclint(t, append(append([]string{}, args3[:len(args3)-2]...), "--format", "table")...)
	if code != report.ExitOK || !strings.Contains(out, "Resolved since the baseline") || !strings.Contains(out, "e_ocs_san_missing_sip_domain") {
		t.Fatalf("night 4 (fixed): exit %d\n%s", code, out)
	}
	_, out, _ = uclint(t, args3...)
	validateReport(t, out) // baseline marks and the resolved list
	if r := decode(t, out); len(r.Resolved) != 1 {
		t.Fatalf("night 4: resolved %+v", r.Resolved)
	}
}

func hasBaseline(tg report.Target, lint string, mark report.Mark) bool {
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

func decodeFile(t *testing.T, path string) report.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, string(data))
}

func TestBaselineNotAReport(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	for _, content := range []string{"not json", `{"old": "complete"}`} {
		if err := os.WriteFile(bad, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := uclint(t, append(checkArgs("pool01.pem"), "--baseline", bad)...); code != report.ExitUsage || !strings.Contains(errOut, "not a uclint JSON report") {
			t.Fatalf("%s: exit %d %q", content, code, errOut)
		}
	}
}

func TestColorOnlyOnTerminals(t *testing.T) {
	_, out, _ := poolCheck(t)
	if strings.Contains(out, "\x1b[") {
		t.Fatal("colour codes in output that is not a terminal")
	}
}

func TestProgressOnlyOnTerminals(t *testing.T) {
	var buf strings.Builder
	p := startProgress(&buf, 100)
	for range 100 {
		_ = p.Add(1)
	}
	_ = p.Finish()
	if buf.Len() != 0 {
		t.Fatalf("progress drawn on a pipe: %q", buf.String())
	}
}

// TestProgressOnTerminal draws the bar on a real pseudo-terminal: nothing for a handful of endpoints, a bar that
// counts them for more, and an empty line once it finishes.
func TestProgressOnTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	drawn := make(chan string)
	go func() {
		out, _ := io.ReadAll(ptmx) // ends (EIO) once the terminal side is closed
		drawn <- string(out)
	}()
	for _, total := range []int{progressThreshold, progressThreshold + 1} {
		p := startProgress(tty, total)
		for range total {
			_ = p.Add(1)
		}
		_ = p.Finish()
	}
	tty.Close()
	out := <-drawn
	if few := fmt.Sprintf("/%d)", progressThreshold); strings.Contains(out, few) {
		t.Fatalf("a bar drawn for %d endpoints: %q", progressThreshold, out)
	}
	if want := fmt.Sprintf("endpoints  11%% [==>...........................] (1/%d)", progressThreshold+1); !strings.Contains(out, want) {
		t.Fatalf("no bar counting the endpoints on a terminal, want %q in %q", want, out)
	}
	if line := shownLine(out); strings.TrimSpace(line) != "" {
		t.Fatalf("bar left on the terminal: %q", line)
	}
}

// shownLine is what a terminal shows on its line after out: each carriage return goes back to its start, and what
// follows is written over what was there.
func shownLine(out string) string {
	var line []rune
	col := 0
	for _, r := range out {
		switch {
		case r == '\r':
			col = 0
		case col < len(line):
			line[col] = r
			col++
		default:
			line = append(line, r)
			col++
		}
	}
	return string(line)
}

func TestLogFormatJSON(t *testing.T) {
	_, config := startSim(t)
	code, _, errOut := uclint(t, "scan", "--config", config, "--server", "dir01", "--log-level", "debug", "--log-format", "json", "--format", "json")
	if code != report.ExitOK {
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
	if code, _, _ := uclint(t, "lints", "--log-level", "loud"); code != report.ExitUsage {
		t.Fatalf("bad --log-level: exit %d", code)
	}
}

// TestLogDurationsInSeconds: every duration a scan logs is in seconds, a number under a key ending in _seconds,
// in the JSON and the text format; never nanoseconds (slog's JSON form of a time.Duration) nor "5s".
func TestLogDurationsInSeconds(t *testing.T) {
	_, config := startSim(t)
	args := []string{"scan", "--config", config, "--server", "dir01", "--timeout", "4s", "--log-level", "debug", "--format", "json"}
	_, _, errOut := uclint(t, append(args, "--log-format", "json")...)
	seen := map[string]float64{}
	s := bufio.NewScanner(strings.NewReader(errOut))
	for s.Scan() {
		var entry map[string]any
		if err := json.Unmarshal(s.Bytes(), &entry); err != nil {
			t.Fatalf("log line is not JSON: %q", s.Text())
		}
		for key, v := range entry {
			if strings.HasSuffix(key, "_seconds") {
				f, ok := v.(float64)
				if !ok || f < 0 || f > 60 {
					t.Errorf("%s = %v: not seconds", key, v)
				}
				seen[key] = f
			} else if strings.Contains(key, "time") && key != "time" {
				t.Errorf("%s = %v: a duration not in seconds", key, v)
			}
		}
	}
	if seen["timeout_seconds"] != 4 {
		t.Errorf("timeout_seconds = %v, want 4 (JSON logs: %s)", seen["timeout_seconds"], errOut)
	}
	for _, key := range []string{"lint_seconds", "duration_seconds"} {
		if _, ok := seen[key]; !ok {
			t.Errorf("%s not logged: %s", key, errOut)
		}
	}
	_, _, errOut = uclint(t, append(args, "--log-format", "text")...)
	if !regexp.MustCompile(`(?m) timeout_seconds=4( |$)`).MatchString(errOut) || !regexp.MustCompile(`(?m) lint_seconds=\d+(\.\d+)?(e-\d+)?( |$)`).MatchString(errOut) ||
		regexp.MustCompile(`=\d+(\.\d+)?(ns|µs|ms|s)\b`).MatchString(errOut) {
		t.Errorf("text logs: durations not in seconds:\n%s", errOut)
	}
}

// TestLoggedDurationBecomesSeconds: a time.Duration handed to the logger, as any later code may do, is written
// as seconds under a _seconds key in both formats.
func TestLoggedDurationBecomesSeconds(t *testing.T) {
	for format, want := range map[string]string{"json": `"wait_seconds":1.5`, "text": "wait_seconds=1.5"} {
		var buf strings.Builder
		a := &app{stderr: &buf, logLevel: "info", logFormat: format}
		if err := a.setupLogging(); err != nil {
			t.Fatal(err)
		}
		a.log.Info("waited", "wait", 1500*time.Millisecond, "probe_seconds", 2*time.Second)
		if out := buf.String(); !strings.Contains(out, want) || !strings.Contains(out, "probe_seconds") || strings.Contains(out, "probe_seconds_seconds") {
			t.Errorf("%s: %s", format, out)
		}
	}
}
