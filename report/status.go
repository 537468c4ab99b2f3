package report

import (
	"fmt"

	"github.com/uclint/uclint/lint"
)

// Status is a target's verdict. Its text form ("pass", "warn", "fail", "error") is what reports carry. The zero
// Status is no verdict yet (Finish sets one) and has no text form.
type Status int

// The statuses, in the order of their Prometheus value (Value): not an order of gravity, since a target that
// could not be checked (Error) says less than one that failed.
const (
	Pass  Status = iota + 1 // no error or warning finding (notices do not count)
	Warn                    // a warning finding, no error
	Fail                    // an error or fatal finding
	Error                   // no certificate to judge: a bad file, a dead server
)

var statusNames = [...]string{Pass: "pass", Warn: "warn", Fail: "fail", Error: "error"}

// String is the status's name: pass, warn, fail or error.
func (s Status) String() string {
	if s >= Pass && s <= Error {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// Value is the status as a number: 0 pass, 1 warn, 2 fail, 3 error (the uclint_target_status metric).
func (s Status) Value() int { return int(s - Pass) }

// MarshalText writes the status's name; a status not set (Finish was not called) is an error.
func (s Status) MarshalText() ([]byte, error) {
	if s < Pass || s > Error {
		return nil, fmt.Errorf("no such target status: %d (was the report finished?)", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a status's name.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStatus reads a status's name.
func ParseStatus(name string) (Status, error) {
	for s := Pass; s <= Error; s++ {
		if statusNames[s] == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown target status %q: use pass, warn, fail or error", name)
}

// StatusOf judges a target from its findings: Fail with an error or fatal finding, Warn with a warning (notices
// do not count), else Pass. A target without a certificate is Error, which findings cannot say: Finish sets it.
func StatusOf(findings []Finding) Status {
	status := Pass
	for _, f := range findings {
		switch {
		case f.Status >= lint.Error:
			return Fail
		case f.Status == lint.Warn:
			status = Warn
		}
	}
	return status
}

// Process exit codes: what a cron job, a pipeline step or a script reads of a run (except under the nagios
// format, which exits with Nagios's plugin states).
const (
	// ExitOK: nothing failed (as FailOn counts it) and every target was checked.
	ExitOK = 0
	// ExitFailed: a target failed (with FailOnWarn: or warned; with FailOnNew: a warning or error is absent from
	// the baseline).
	ExitFailed = 1
	// ExitUsage: a usage or configuration error; nothing was checked.
	ExitUsage = 2
	// ExitUncheckable: nothing failed, but a target could not be checked.
	ExitUncheckable = 3
	// ExitOutput: nothing failed, but the report could not be written: an --output file (or stdout). It takes
	// precedence over ExitUncheckable, since the files a monitor reads are now stale; a failed target still exits
	// ExitFailed.
	ExitOutput = 4
)

// FailOn says which targets make a run exit with ExitFailed.
type FailOn string

// The --fail-on modes.
const (
	FailOnFail FailOn = "fail" // a target failed
	FailOnWarn FailOn = "warn" // a target failed or warned
	FailOnNew  FailOn = "new"  // a warning or error finding is absent from the baseline (Compare)
)

// ParseFailOn reads a --fail-on mode.
func ParseFailOn(s string) (FailOn, error) {
	switch f := FailOn(s); f {
	case FailOnFail, FailOnWarn, FailOnNew:
		return f, nil
	}
	return "", fmt.Errorf("unknown --fail-on %q: use fail, warn or new", s)
}

// ExitCode is the process exit code for the finished report: ExitFailed when a target failed (FailOnWarn: or
// warned; FailOnNew: only when a warning or error finding is absent from the baseline), else ExitUncheckable
// when a target could not be checked (FailOnNew: one that could be checked in the baseline, or is not in it),
// else ExitOK.
func (r *Report) ExitCode(failOn FailOn) int {
	s := r.Summary
	failed := s.Fail > 0
	switch failOn {
	case FailOnWarn:
		failed = failed || s.Warn > 0
	case FailOnNew:
		failed = r.NewProblems() > 0
	case FailOnFail:
	}
	uncheckable := s.Error > 0
	if failOn == FailOnNew {
		uncheckable = r.NewErrors() > 0 // an endpoint already unreachable in the baseline is known, not news
	}
	switch {
	case failed:
		return ExitFailed
	case uncheckable:
		return ExitUncheckable
	}
	return ExitOK
}
