package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

func init() { register(FormatTable, table{}) }

// table is the format for a person: a row per target, then each target's error or findings with their fixes,
// the findings resolved since the baseline, and a summary line.
type table struct{}

func (table) Render(w io.Writer, r *Report, opts Options) error {
	shown := make([]Target, 0, len(r.Targets))
	for _, t := range r.Targets {
		if opts.Quiet {
			var ok bool
			if t, ok = needsAttention(t); !ok {
				continue
			}
		}
		shown = append(shown, t)
	}
	if opts.Quiet && len(shown) == 0 && len(r.Resolved) == 0 {
		return nil // a quiet run with nothing new to say says nothing: cron mails nothing
	}
	header, rows, widths := targetTable(shown, opts)
	wrapCells(rows, widths)
	if len(rows) > 0 || !opts.Quiet {
		if err := WriteTable(w, header, rows, nil); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	for i := range shown {
		if err := writeFindings(w, &shown[i], opts); err != nil {
			return err
		}
	}
	if err := writeResolved(w, r); err != nil {
		return err
	}
	s := r.Summary
	if _, err := fmt.Fprintf(w, "\n%d targets: %d pass, %d warn, %d fail, %d error\n", s.Targets, s.Pass, s.Warn, s.Fail, s.Error); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}

// needsAttention is the target as a quiet table shows it, with only the findings not known from the baseline,
// and whether to show it at all: not when it passes, nor when every finding it has is known, nor when it could not
// be checked and could not be checked in the baseline either (the endpoint that stays unreachable: known).
func needsAttention(t Target) (Target, bool) {
	if t.Status == Pass {
		return t, false
	}
	if t.Error != "" {
		return t, t.ErrorBaseline != MarkKnown
	}
	fresh := make([]Finding, 0, len(t.Findings))
	for _, f := range t.Findings {
		if f.Baseline != MarkKnown {
			fresh = append(fresh, f)
		}
	}
	t.Findings = fresh
	return t, len(fresh) > 0
}

// liveWhere is the endpoint and address columns of a scan's target: for a certificate file the deployment file
// names, "file" and its name (the heading of its findings gives the path).
func liveWhere(t *Target) (endpoint, address string) {
	if scannedFile(t) {
		return "file", Visible(filepath.Base(t.File))
	}
	return Visible(t.Endpoint), Visible(t.Address)
}

// dateOf is the date of an RFC 3339 time.
func dateOf(rfc3339 string) string {
	if len(rfc3339) >= 10 {
		return rfc3339[:10]
	}
	return Visible(rfc3339)
}

// writeFindings writes a target's error or its findings under a heading naming it.
func writeFindings(w io.Writer, t *Target, opts Options) error {
	if t.Error == "" && len(t.Findings) == 0 {
		return nil
	}
	name := Visible(t.File)
	if opts.Live {
		name = Visible(scanName(t))
	}
	if _, err := fmt.Fprintf(w, "\n%s: %s\n", name, colored(t.Status, opts.Color)); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	if t.Error != "" {
		if _, err := fmt.Fprintf(w, "%s\n", wrapLine("  error: "+Visible(t.Error), "    ", opts.Width)); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
		if len(t.Findings) == 0 {
			return nil
		}
		// A SIP domain some of whose lookups failed: what did answer was still judged.
	}
	rows := make([][]string, len(t.Findings))
	for i, f := range t.Findings {
		severity := f.Status.String()
		if f.Baseline != "" {
			severity += " (" + string(f.Baseline) + ")"
		}
		rows[i] = []string{Visible(f.Lint), severity, Visible(f.Details), Visible(f.Remediation)}
	}
	header := []string{"LINT", "SEVERITY", "DETAILS", "REMEDIATION"}
	widths := map[int]int{2: 50, 3: 50}
	if opts.Width > 0 {
		wrapCells(rows, findingWidths(header, rows, opts.Width))
		widths = nil
	}
	if err := WriteTable(w, header, rows, widths); err != nil {
		return fmt.Errorf("write the findings of %s: %w", name, err)
	}
	return nil
}

// writeResolved lists the baseline's findings that are gone.
func writeResolved(w io.Writer, r *Report) error {
	if len(r.Resolved) == 0 {
		return nil
	}
	if _, err := fmt.Fprintf(w, "\nResolved since the baseline:\n"); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	for _, f := range r.Resolved {
		where := Visible(targetName(&Target{File: f.File, SIPDomain: f.SIPDomain, Server: f.Server, Member: f.Member,
			Endpoint: f.Endpoint, Place: f.Place}))
		if _, err := fmt.Fprintf(w, "  %s: %s (%s)\n", where, Visible(f.Lint), f.Status); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	return nil
}

// wrapLine wraps a line of text at spaces so that no line is wider than width (0: no limit), the lines after the
// first indented; a word wider than the width stays whole on its own line.
func wrapLine(s, indent string, width int) string {
	if width <= 0 || twwidth.Width(s) <= width {
		return s
	}
	var b strings.Builder
	line := ""
	for word := range strings.SplitSeq(s, " ") {
		switch {
		case line == "":
			line = word
		case line == strings.TrimRight(indent, " ") || twwidth.Width(line+" "+word) <= width:
			line += " " + word
		default:
			b.WriteString(line + "\n")
			line = indent + word
		}
	}
	b.WriteString(line)
	return b.String()
}
