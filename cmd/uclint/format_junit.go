package main

import (
	"github.com/uclint/uclint/lint"

	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit XML, as CI systems read it: one testsuite per server (per file for check), one testcase per target. A
// failed target is a <failure>, one that could not be checked an <error>; warnings and notices go to
// <system-out>, so they show without failing the build.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func renderJUnit(w io.Writer, r *report) error {
	out := junitSuites{Name: "uclint", Time: fmt.Sprintf("%.3f", r.DurationSeconds)}
	index := map[string]int{}
	for _, t := range r.Targets {
		suite := t.Server
		if t.File != "" {
			suite = t.File
		}
		i, ok := index[suite]
		if !ok {
			i = len(out.Suites)
			index[suite] = i
			out.Suites = append(out.Suites, junitSuite{Name: suite, Timestamp: r.Started})
		}
		s := &out.Suites[i]
		c := junitCase{Name: caseName(t), ClassName: "uclint." + suite}
		switch t.Status {
		case statusError:
			c.Error = &junitProblem{Message: t.Error, Type: "error", Text: t.Error}
			s.Errors++
		case statusFail:
			c.Failure = &junitProblem{Message: failureMessage(t), Type: "fail", Text: findingsText(t.Findings)}
			s.Failures++
		default:
			c.SystemOut = findingsText(t.Findings)
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
		out.Tests++
	}
	for _, s := range out.Suites {
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err //nolint:wrapcheck // a final newline
}

// caseName names a target within its suite.
func caseName(t target) string {
	if t.File != "" {
		if t.Certificate != nil {
			return "certificate " + t.Certificate.SubjectCN
		}
		return "certificate"
	}
	return strings.Join(nonEmpty(t.Member, t.Endpoint, t.Address), " ")
}

func failureMessage(t target) string {
	var ids []string
	for _, f := range t.Findings {
		if f.Status >= lint.Error {
			ids = append(ids, f.Lint)
		}
	}
	return strings.Join(ids, ", ")
}

// findingsText lists findings one per line: severity, ID, details, and the fix.
func findingsText(findings []finding) string {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s %s: %s\n  fix: %s\n", f.Status, f.Lint, f.Details, f.Remediation)
	}
	return b.String()
}
