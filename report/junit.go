package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/uclint/uclint/lint"
)

func init() { register(FormatJUnit, junit{}) }

// junit is JUnit XML, as CI systems read it: one testsuite per file (check) or server (scan), one testcase per
// target. A failed target is a <failure>, one that could not be checked an <error>; warnings and notices go to
// <system-out>, so they show without failing the build.
type junit struct{}

// junitSuites is the root element of a JUnit report.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

// junitSuite is the test suite of one file or one server.
type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	Cases     []junitCase `xml:"testcase"`
}

// junitCase is the test case of one target.
type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// junitProblem is a failure or an error of a test case.
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (junit) Render(w io.Writer, r *Report, _ Options) error {
	out := junitSuites{Name: "uclint", Time: fmt.Sprintf("%.3f", r.DurationSeconds)}
	index := map[string]int{}
	for i := range r.Targets {
		t := &r.Targets[i]
		suite := t.Server
		switch {
		case t.File != "":
			suite = t.File
		case t.SIPDomain != "":
			suite = sipDomainLabel(t) // a SIP domain's DNS and every place its records lead to
		}
		k, ok := index[suite]
		if !ok {
			k = len(out.Suites)
			index[suite] = k
			out.Suites = append(out.Suites, junitSuite{Name: suite, Timestamp: r.Started})
		}
		s := &out.Suites[k]
		c := junitCase{Name: caseName(t), ClassName: className(suite)}
		switch t.Status {
		case Error:
			c.Error = &junitProblem{Message: t.Error, Type: "error", Text: t.Error}
			c.SystemOut = findingsText(t.Findings) // a SIP domain some of whose lookups failed: what answered was judged
			s.Errors++
		case Fail:
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
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	return nil
}

// className is the classname of a suite's test cases: "uclint." and the suite's name with its dots made
// underscores, since CI systems (Jenkins, GitLab) split a classname at its dots into a package tree, and a file
// path or an FQDN would come out as a broken one. The readable name is in the suite's and the case's name.
func className(suite string) string {
	return "uclint." + strings.ReplaceAll(suite, ".", "_")
}

// caseName names a target readably, its file or server included, since the classname cannot carry them intact.
func caseName(t *Target) string {
	if t.File != "" {
		if t.Certificate != nil {
			return t.File + ": certificate " + t.Certificate.SubjectCN
		}
		return t.File + ": certificate"
	}
	return scanName(t)
}

func failureMessage(t *Target) string {
	var ids []string
	for _, f := range t.Findings {
		if f.Status >= lint.Error {
			ids = append(ids, f.Lint)
		}
	}
	return strings.Join(ids, ", ")
}

// findingsText lists findings one per line: severity, ID, details, and the fix.
func findingsText(findings []Finding) string {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s %s: %s\n  fix: %s\n", f.Status, f.Lint, f.Details, f.Remediation)
	}
	return b.String()
}
