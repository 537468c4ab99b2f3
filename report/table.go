package report

import (
	"fmt"
	"io"
	"strings"
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
	header := []string{"FILE", "ROLE", "SUBJECT CN", "EXPIRES", "STATUS"}
	if opts.Live {
		header = []string{"SERVER", "MEMBER", "ENDPOINT", "ADDRESS", "TLS", "CIPHER", "SUBJECT CN", "EXPIRES", "STATUS"}
	}
	rows := make([][]string, len(shown))
	for i := range shown {
		rows[i] = targetRow(&shown[i], opts)
	}
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
// and whether to show it at all: not when it passes, nor when every finding it has is known. A target that could
// not be checked is always shown: the baseline cannot say it is the same problem as before.
func needsAttention(t Target) (Target, bool) {
	if t.Status == Pass {
		return t, false
	}
	if t.Error != "" {
		return t, true
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

func targetRow(t *Target, opts Options) []string {
	status := colored(t.Status, opts.Color)
	cn, expires := "-", "-"
	if c := t.Certificate; c != nil {
		cn = Visible(c.SubjectCN)
		expires = fmt.Sprintf("%s (%s)", dateOf(c.NotAfter), daysText(c.DaysLeft))
	} else if r := t.Request; r != nil {
		cn, expires = dash(Visible(r.SubjectCN)), "(request)"
	}
	if !opts.Live {
		return []string{Visible(t.File), dash(t.Role), cn, expires, status}
	}
	version, cipher := "-", "-"
	if t.TLS != nil {
		version, cipher = dash(Visible(t.TLS.Version)), dash(Visible(t.TLS.Cipher))
	}
	return []string{Visible(t.Server), dash(Visible(t.Member)), Visible(t.Endpoint), Visible(t.Address), version, cipher, cn, expires, status}
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
		name = strings.Join(nonEmpty(Visible(t.Server), Visible(t.Member), Visible(t.Endpoint), "("+Visible(t.Address)+")"), " ")
	}
	if _, err := fmt.Fprintf(w, "\n%s: %s\n", name, colored(t.Status, opts.Color)); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	if t.Error != "" {
		if _, err := fmt.Fprintf(w, "  error: %s\n", Visible(t.Error)); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
		return nil
	}
	rows := make([][]string, len(t.Findings))
	for i, f := range t.Findings {
		severity := f.Status.String()
		if f.Baseline != "" {
			severity += " (" + string(f.Baseline) + ")"
		}
		rows[i] = []string{Visible(f.Lint), severity, Visible(f.Details), Visible(f.Remediation)}
	}
	if err := WriteTable(w, []string{"LINT", "SEVERITY", "DETAILS", "REMEDIATION"}, rows, map[int]int{2: 50, 3: 50}); err != nil {
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
		where := strings.Join(nonEmpty(Visible(f.File), Visible(f.Server), Visible(f.Member), Visible(f.Endpoint)), " ")
		if _, err := fmt.Fprintf(w, "  %s: %s (%s)\n", where, Visible(f.Lint), f.Status); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	return nil
}
