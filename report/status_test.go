package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/uclint/uclint/lint"
)

func TestStatusText(t *testing.T) {
	for s, name := range map[Status]string{Pass: "pass", Warn: "warn", Fail: "fail", Error: "error"} {
		b, err := json.Marshal(s)
		if err != nil || string(b) != `"`+name+`"` {
			t.Fatalf("%v: %s %v", s, b, err)
		}
		var back Status
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Fatalf("%s read back as %v: %v", b, back, err)
		}
	}
	if _, err := json.Marshal(Target{}); err == nil || !strings.Contains(err.Error(), "finished") {
		t.Fatalf("a target without a status must not marshal: %v", err)
	}
	var s Status
	if err := json.Unmarshal([]byte(`"passed"`), &s); err == nil {
		t.Fatal(`"passed" read as a status`)
	}
	if Pass.Value() != 0 || Warn.Value() != 1 || Fail.Value() != 2 || Error.Value() != 3 {
		t.Fatal("Prometheus values")
	}
}

func TestStatusOf(t *testing.T) {
	f := func(sevs ...lint.Severity) []Finding {
		var out []Finding
		for _, s := range sevs {
			out = append(out, Finding{Finding: lint.Finding{Lint: "x", Status: s}})
		}
		return out
	}
	for _, tc := range []struct {
		findings []Finding
		want     Status
	}{
		{nil, Pass},
		{f(lint.Notice), Pass},
		{f(lint.Notice, lint.Warn), Warn},
		{f(lint.Warn, lint.Error), Fail},
		{f(lint.Error, lint.Warn), Fail},
		{f(lint.Fatal), Fail},
	} {
		if got := StatusOf(tc.findings); got != tc.want {
			t.Errorf("StatusOf(%v) = %v, want %v", tc.findings, got, tc.want)
		}
	}
}

func TestFinish(t *testing.T) {
	r := checkReport()
	want := []Status{Pass, Fail, Fail, Warn, Error}
	for i, tg := range r.Targets {
		if tg.Status != want[i] || tg.Findings == nil {
			t.Errorf("%s: %v, findings %v", tg.File, tg.Status, tg.Findings)
		}
	}
	if r.Summary != (Summary{Targets: 5, Pass: 1, Warn: 1, Fail: 2, Error: 1}) || r.SchemaVersion != SchemaVersion {
		t.Fatalf("summary %+v, schema %d", r.Summary, r.SchemaVersion)
	}
	// An error wins over findings: a target that could not be checked to the end is not judged on half of it.
	r = &Report{Targets: []Target{{File: "a.pem", Error: "lint failed", Findings: FindingsOf([]lint.Finding{{Lint: "e_x", Status: lint.Error}})}}}
	r.Finish()
	if r.Targets[0].Status != Error || r.Summary.Error != 1 {
		t.Fatalf("%+v", r.Targets[0])
	}
	// No target at all: an empty list, not null.
	r = New(fixtureTime, 0, 0)
	r.Finish()
	if out := render(t, r, FormatJSON, Options{}); !strings.Contains(out, `"targets": []`) || r.DurationSeconds < 0 {
		t.Fatalf("empty report:\n%s", out)
	}
}

func TestExitCode(t *testing.T) {
	known := func(sev lint.Severity) Finding { return finding("x", sev, "", "", MarkKnown) }
	fresh := func(sev lint.Severity) Finding { return finding("x", sev, "", "", MarkNew) }
	for _, tc := range []struct {
		name    string
		targets []Target
		failOn  FailOn
		want    int
	}{
		{"all pass", []Target{{}}, FailOnFail, ExitOK},
		{"a warning", []Target{{Findings: []Finding{known(lint.Warn)}}}, FailOnFail, ExitOK},
		{"a warning, --fail-on warn", []Target{{Findings: []Finding{known(lint.Warn)}}}, FailOnWarn, ExitFailed},
		{"a failure", []Target{{Findings: []Finding{known(lint.Error)}}}, FailOnFail, ExitFailed},
		{"a failure and an error", []Target{{Findings: []Finding{known(lint.Error)}}, {Error: "dead"}}, FailOnFail, ExitFailed},
		{"an error", []Target{{}, {Error: "dead"}}, FailOnFail, ExitUncheckable},
		{"an error, --fail-on warn", []Target{{Error: "dead"}}, FailOnWarn, ExitUncheckable},
		{"known failure, --fail-on new", []Target{{Findings: []Finding{known(lint.Error)}}}, FailOnNew, ExitOK},
		{"new warning, --fail-on new", []Target{{Findings: []Finding{known(lint.Error), fresh(lint.Warn)}}}, FailOnNew, ExitFailed},
		{"new notice, --fail-on new", []Target{{Findings: []Finding{fresh(lint.Notice)}}}, FailOnNew, ExitOK},
		{"known failure and an error, --fail-on new", []Target{{Findings: []Finding{known(lint.Error)}}, {Error: "dead"}}, FailOnNew, ExitUncheckable},
	} {
		r := &Report{Targets: tc.targets}
		r.Finish()
		if got := r.ExitCode(tc.failOn); got != tc.want {
			t.Errorf("%s: exit %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestParseFailOn(t *testing.T) {
	for _, s := range []string{"fail", "warn", "new"} {
		if f, err := ParseFailOn(s); err != nil || string(f) != s {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := ParseFailOn("sometimes"); err == nil || !strings.Contains(err.Error(), "fail, warn or new") {
		t.Errorf("sometimes: %v", err)
	}
}
