package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uclint/uclint/lint"
)

func marks(t Target) map[string]Mark {
	m := map[string]Mark{}
	for _, f := range t.Findings {
		m[f.Lint] = f.Baseline
	}
	return m
}

func TestCompare(t *testing.T) {
	previous := checkReport()
	r := checkReport()
	// Tonight: pool01-old was renewed (its findings are gone), se01-sha1 gained an error, the empty file is still
	// empty, and a new file appeared.
	r.Targets[2].Findings = nil
	r.Targets[3].Findings = append(r.Targets[3].Findings, finding("e_ocs_missing_crl_distribution_point", lint.Error, "no CDP", "add one", ""))
	r.Targets = append(r.Targets, Target{File: "certs/new.pem", Findings: []Finding{finding("w_ocs_sha1_signature", lint.Warn, "SHA-1", "SHA-256", "")}})
	r.Finish()
	r.Compare(previous)
	if m := marks(r.Targets[1]); m["e_ocs_subject_cn_not_role_fqdn"] != MarkKnown {
		t.Errorf("unchanged target: %v", m)
	}
	if m := marks(r.Targets[3]); m["w_ocs_sha1_signature"] != MarkKnown || m["e_ocs_missing_crl_distribution_point"] != MarkNew {
		t.Errorf("a new finding beside a known one: %v", m)
	}
	if m := marks(r.Targets[5]); m["w_ocs_sha1_signature"] != MarkNew {
		t.Errorf("a new target: every finding new, although the same lint is known elsewhere: %v", m)
	}
	if len(r.Resolved) != 2 || r.Resolved[0].Lint != "e_ocs_san_missing_sip_domain" || r.Resolved[1].Lint != "w_ocs_certificate_expiring_soon" ||
		r.Resolved[0].File != "certs/pool01-old.pem" || r.Resolved[0].Status != lint.Error {
		t.Errorf("resolved %+v", r.Resolved)
	}
	if n := r.NewProblems(); n != 2 {
		t.Errorf("NewProblems %d, want 2", n)
	}
	if r.ExitCode(FailOnNew) != ExitFailed {
		t.Error("--fail-on new with new problems")
	}
}

// TestCompareUncheckedResolvesNothing: a target that could not be checked tonight resolves none of last night's
// findings: they are unknown, not gone.
func TestCompareUncheckedResolvesNothing(t *testing.T) {
	previous := scanReport()
	r := scanReport()
	for i := range r.Targets {
		r.Targets[i].Error, r.Targets[i].Findings, r.Targets[i].Certificate = "connection refused", nil, nil
	}
	r.Finish()
	r.Compare(previous)
	if len(r.Resolved) != 0 || r.Resolved == nil {
		t.Fatalf("resolved %+v", r.Resolved)
	}
}

func TestCompareFirstRun(t *testing.T) {
	r := scanReport()
	r.Compare(nil)
	for _, tg := range r.Targets {
		for _, f := range tg.Findings {
			if f.Baseline != MarkNew {
				t.Fatalf("first run: %s %s is %q", tg.Server, f.Lint, f.Baseline)
			}
		}
	}
	if r.NewProblems() != 5 || len(r.Resolved) != 0 {
		t.Fatalf("new problems %d (notices do not count), resolved %v", r.NewProblems(), r.Resolved)
	}
}

// TestBaselineRoundTrip: a JSON report written tonight is tomorrow's baseline: read back, every finding is known.
func TestBaselineRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last.json")
	if err := os.WriteFile(path, []byte(render(t, scanReport(), FormatJSON, Options{})), 0o600); err != nil {
		t.Fatal(err)
	}
	previous, err := LoadBaseline(path)
	if err != nil || previous == nil {
		t.Fatalf("%v", err)
	}
	r := scanReport()
	r.Compare(previous)
	if r.NewProblems() != 0 || len(r.Resolved) != 0 {
		t.Fatalf("new %d, resolved %v", r.NewProblems(), r.Resolved)
	}
}

func TestLoadBaseline(t *testing.T) {
	dir := t.TempDir()
	if r, err := LoadBaseline(filepath.Join(dir, "first-night.json")); r != nil || err != nil {
		t.Fatalf("a missing baseline is the first run: %v %v", r, err)
	}
	for content, want := range map[string]string{
		"not json":                                 "not a uclint JSON report",
		`{"old": "complete"}`:                      `not a uclint JSON report: it has no "targets"`,
		`{"schema_version": 2, "targets": []}`:     "schema version 2, newer than this uclint reads (1)",
		`{"targets": [{"status": "splendid"}]}`:    "not a uclint JSON report",
		`{"targets": [], "summary": {"pass": -1}}`: "",
	} {
		path := filepath.Join(dir, "baseline.json")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadBaseline(path)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path)) {
			t.Errorf("%s: %v, want %q", content, err, want)
		}
	}
	// A report written before schema_version existed is read as version 1.
	old := filepath.Join(dir, "old.json")
	if err := os.WriteFile(old, []byte(`{"targets": [{"file": "a.pem", "status": "fail", "findings": [{"lint": "e_x", "status": "error"}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err := LoadBaseline(old); err != nil || r.Targets[0].Status != Fail || r.Targets[0].Findings[0].Status != lint.Error {
		t.Fatalf("old report: %+v %v", r, err)
	}
	unreadable := filepath.Join(dir, "folder.json")
	if err := os.Mkdir(unreadable, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadBaseline(unreadable); err == nil {
		t.Fatal("a folder read as a baseline")
	}
}

// TestCompareUnreachableAgainIsKnown: an endpoint that could not be checked last night either is known: it is not
// shown by a quiet table and --fail-on new exits 0 for it; an endpoint that newly cannot be checked is new, and
// exits 3 (ExitUncheckable) under every --fail-on.
func TestCompareUnreachableAgainIsKnown(t *testing.T) {
	previous := scanReport() // dir02 is unreachable in it
	previous.Targets[0].Error, previous.Targets[0].Certificate = "se01.contoso.com:5061: connection refused", nil
	previous.Finish()
	r := scanReport()
	r.Compare(previous)
	dir02 := r.Targets[5]
	if dir02.ErrorBaseline != MarkKnown {
		t.Fatalf("dir02, unreachable in both: %q", dir02.ErrorBaseline)
	}
	if r.NewErrors() != 0 {
		t.Errorf("NewErrors %d, want 0", r.NewErrors())
	}
	// Only the findings are looked at for new problems: make none new, and the known error alone exits 0.
	for i := range r.Targets {
		for j := range r.Targets[i].Findings {
			r.Targets[i].Findings[j].Baseline = MarkKnown
		}
	}
	if code := r.ExitCode(FailOnNew); code != ExitOK {
		t.Errorf("--fail-on new with only a known unreachable endpoint: exit %d, want 0", code)
	}
	if code := r.ExitCode(FailOnFail); code != ExitFailed {
		t.Errorf("--fail-on fail: exit %d, want 1 (targets fail)", code)
	}
	r.Resolved = nil
	if out := render(t, r, FormatTable, Options{Live: true, Quiet: true}); out != "" {
		t.Errorf("quiet table of known findings and a known unreachable endpoint printed:\n%s", out)
	}

	// se01 was unreachable last night and is back: its error is gone, nothing to mark. dir02 is newly unreachable
	// in a baseline where it was fine.
	previous = scanReport()
	previous.Targets[5].Error, previous.Targets[5].Certificate = "", cert("dir02.contoso.com", nil, "2027-06-01T00:00:00Z", 365)
	previous.Finish()
	r = scanReport()
	r.Compare(previous)
	if r.Targets[5].ErrorBaseline != MarkNew || r.NewErrors() != 1 {
		t.Fatalf("dir02 newly unreachable: %q, NewErrors %d", r.Targets[5].ErrorBaseline, r.NewErrors())
	}
	for i := range r.Targets {
		for j := range r.Targets[i].Findings {
			r.Targets[i].Findings[j].Baseline = MarkKnown
		}
	}
	if code := r.ExitCode(FailOnNew); code != ExitUncheckable {
		t.Errorf("--fail-on new with a newly unreachable endpoint: exit %d, want 3", code)
	}
	r.Resolved = nil
	out := render(t, r, FormatTable, Options{Live: true, Quiet: true})
	if !strings.Contains(out, "dir02") || strings.Contains(out, "se01") {
		t.Errorf("quiet table shows the newly unreachable endpoint only:\n%s", out)
	}
}
