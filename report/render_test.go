package report

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uclint/uclint/lint"
)

func render(t *testing.T, r *Report, format string, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, r, format, opts); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.String()
}

// TestGoldens pins what each format writes for a fixed check report and a fixed scan report with a baseline.
func TestGoldens(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Report
		opts Options
	}{
		{"check", checkReport(), Options{}},
		{"scan", scanReport(), Options{Live: true}},
	} {
		for _, format := range Formats() {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				golden(t, tc.name+"."+format+".golden", render(t, tc.r, format, tc.opts))
			})
		}
	}
	t.Run("scan/table-quiet", func(t *testing.T) {
		golden(t, "scan.table-quiet.golden", render(t, scanReport(), FormatTable, Options{Live: true, Quiet: true}))
	})
	t.Run("check/table-color", func(t *testing.T) {
		golden(t, "check.table-color.golden", render(t, checkReport(), FormatTable, Options{Color: true}))
	})
}

func TestFormatsRegistry(t *testing.T) {
	if got := Formats(); !slices.Equal(got, []string{"json", "junit", "nagios", "prometheus", "table"}) {
		t.Fatalf("formats %v", got)
	}
	for _, f := range Formats() {
		if rd, err := Lookup(f); err != nil || rd == nil {
			t.Fatalf("Lookup(%q): %v", f, err)
		}
	}
	if _, err := Lookup("csv"); err == nil || !strings.Contains(err.Error(), `"csv"`) || !strings.Contains(err.Error(), "json, junit, nagios, prometheus, table") {
		t.Fatalf("Lookup(csv): %v", err)
	}
	if err := Render(io.Discard, checkReport(), "xml", Options{}); err == nil {
		t.Fatal("Render in an unknown format did not fail")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a format registered twice did not panic")
		}
	}()
	register(FormatJSON, jsonFormat{})
}

// TestQuietTable: the table under -q shows what needs attention and nothing else.
func TestQuietTable(t *testing.T) {
	quiet := Options{Live: true, Quiet: true}
	se01 := Target{Server: "se01", Endpoint: "sip", Address: "se01.contoso.com:5061",
		Certificate: cert("se01.contoso.com", []string{"se01.contoso.com"}, "2044-01-01T00:00:00Z", 6423),
		Findings:    []Finding{finding("n_ocs_public_ca", lint.Notice, "public root", "nothing to do", MarkNew)}}
	dir01 := Target{Server: "dir01", Endpoint: "sip", Address: "dir01.contoso.com:5061",
		Certificate: cert("dir01.contoso.com", []string{"dir01.contoso.com"}, "2027-06-01T00:00:00Z", 365),
		Findings: []Finding{
			finding("w_ocs_sha1_signature", lint.Warn, "signed with SHA-1", "use SHA-256", MarkKnown),
			finding("e_ocs_missing_crl_distribution_point", lint.Error, "no CRL distribution point", "add one", MarkKnown),
		}}
	finished := func(r *Report) *Report { r.Finish(); return r }

	// Every target passing (a notice does not count): nothing at all, no header, no summary line.
	if out := render(t, finished(&Report{Targets: []Target{se01}}), FormatTable, quiet); out != "" {
		t.Fatalf("all pass: printed %q", out)
	}
	// Failing, but every finding known from the baseline: nothing either (the nightly job with nothing new).
	if out := render(t, finished(&Report{Targets: []Target{se01, dir01}}), FormatTable, quiet); out != "" {
		t.Fatalf("only known findings: printed %q", out)
	}
	// The same without -q: everything, known findings included.
	if out := render(t, finished(&Report{Targets: []Target{se01, dir01}}), FormatTable, Options{Live: true}); !strings.Contains(out, "se01") ||
		!strings.Contains(out, "warn (known)") || !strings.Contains(out, "2 targets: 1 pass, 0 warn, 1 fail") {
		t.Fatalf("without -q:\n%s", out)
	}
	// A new finding: its target and that finding only, and the summary line.
	dir01.Findings = append(dir01.Findings, finding("e_ocs_certificate_expired", lint.Error, "expired", "renew it", MarkNew))
	out := render(t, finished(&Report{Targets: []Target{se01, dir01}}), FormatTable, quiet)
	if !strings.Contains(out, "e_ocs_certificate_expired") || strings.Contains(out, "w_ocs_sha1_signature") ||
		strings.Contains(out, "e_ocs_missing_crl_distribution_point") || strings.Contains(out, "se01") || !strings.Contains(out, "2 targets: 1 pass, 0 warn, 1 fail") {
		t.Fatalf("a new finding:\n%s", out)
	}
	// Without a baseline (no marks), -q shows every finding of the targets that do not pass.
	dir01.Findings = dir01.Findings[:2]
	dir01.Findings[0].Baseline, dir01.Findings[1].Baseline = "", ""
	if out := render(t, finished(&Report{Targets: []Target{se01, dir01}}), FormatTable, quiet); !strings.Contains(out, "w_ocs_sha1_signature") ||
		!strings.Contains(out, "e_ocs_missing_crl_distribution_point") || strings.Contains(out, "se01") {
		t.Fatalf("no baseline:\n%s", out)
	}
	// A target that could not be checked is always shown; so is a finding resolved since the baseline.
	dead := Target{Server: "dir02", Endpoint: "sip", Address: "dir02.contoso.com:5061", Error: "connection refused"}
	if out := render(t, finished(&Report{Targets: []Target{se01, dead}}), FormatTable, quiet); !strings.Contains(out, "connection refused") {
		t.Fatalf("an unreachable endpoint:\n%s", out)
	}
	resolved := finished(&Report{Targets: []Target{se01}, Resolved: []Resolved{{Server: "se01", Endpoint: "sip", Lint: "w_ocs_sha1_signature", Status: lint.Warn}}})
	if out := render(t, resolved, FormatTable, quiet); !strings.Contains(out, "Resolved since the baseline") || strings.Contains(out, "SUBJECT CN") {
		t.Fatalf("a resolved finding:\n%s", out)
	}
	// Quiet is for the table only: the JSON is the whole report.
	if a, b := render(t, scanReport(), FormatJSON, quiet), render(t, scanReport(), FormatJSON, Options{}); a != b {
		t.Fatal("-q changed the JSON report")
	}
}

func TestColor(t *testing.T) {
	if colored(Fail, true) != "\x1b[31mfail\x1b[0m" || colored(Fail, false) != "fail" || colored(Pass, true) != "\x1b[32mpass\x1b[0m" {
		t.Fatal("colored")
	}
	if out := render(t, checkReport(), FormatTable, Options{}); strings.Contains(out, "\x1b[") {
		t.Fatal("colour codes without Color")
	}
	t.Setenv("NO_COLOR", "1")
	if ColorWanted(os.Stdout) {
		t.Fatal("NO_COLOR set, colours wanted")
	}
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	var b bytes.Buffer
	if ColorWanted(&b) || IsTerminal(&b) {
		t.Fatal("a buffer is no terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ColorWanted(f) {
		t.Fatal("colours wanted for a file")
	}
}

func TestVisibleEscapesControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"se01.contoso.com":        "se01.contoso.com",
		"evil\x1b[2J.contoso.com": `evil\x1b[2J.contoso.com`,
		"bell\a and nul\x00":      `bell\a and nul\x00`,
		"bad utf8 \xff":           `bad utf8 \xff`,
		"bidi \u202e override":    `bidi \u202e override`,
		"unicode ok: Müller GmbH": "unicode ok: Müller GmbH",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
	// No format but JSON (which escapes it) lets the escape sequence in scanReport's certificate name through raw.
	for _, format := range Formats() {
		if out := render(t, scanReport(), format, Options{Live: true}); strings.Contains(out, "\x1b") {
			t.Errorf("%s: a raw escape reached the output", format)
		}
	}
}

// failingWriter fails every write, as a full disk or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestRenderWriteErrors(t *testing.T) {
	for _, format := range Formats() {
		err := Render(failingWriter{}, scanReport(), format, Options{Live: true})
		if err == nil || !strings.Contains(err.Error(), "no space left on device") {
			t.Errorf("%s: %v", format, err)
		}
	}
}
