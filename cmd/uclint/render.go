package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Output formats.
const (
	formatTable      = "table"
	formatJSON       = "json"
	formatJUnit      = "junit"
	formatPrometheus = "prometheus"
	formatNagios     = "nagios"
)

// formats lists the output formats uclint writes.
func formats() []string {
	return []string{formatTable, formatJSON, formatJUnit, formatPrometheus, formatNagios}
}

// renderOptions say how a table is drawn.
type renderOptions struct {
	live  bool // targets are endpoints (scan), not files (check)
	color bool // status colours (a terminal that wants them)
	quiet bool // only the targets that are not pass
}

// render writes the report in the given format.
func render(w io.Writer, r *report, format string, opts renderOptions) error {
	switch format {
	case formatJSON:
		return renderJSON(w, r)
	case formatTable:
		return renderTable(w, r, opts)
	case formatJUnit:
		return renderJUnit(w, r)
	case formatPrometheus:
		return renderPrometheus(w, r)
	case formatNagios:
		return renderNagios(w, r)
	}
	return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(formats(), ", "))
}

func renderJSON(w io.Writer, r *report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write the JSON report: %w", err)
	}
	return nil
}

// newTable makes a table with uclint's settings: headers as written (no upper-casing, which would split
// "sip.domain"), and the cells of the columns given a width wrapped at it.
func newTable(w io.Writer, widths map[int]int) *tablewriter.Table {
	perColumn := tw.NewMapper[int, int]()
	for col, width := range widths {
		perColumn.Set(col, width)
	}
	return tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowConfig(tw.CellConfig{
			Formatting:   tw.CellFormatting{AutoWrap: tw.WrapNormal},
			Alignment:    tw.CellAlignment{Global: tw.AlignLeft},
			Padding:      tw.CellPadding{Global: tw.Padding{Left: " ", Right: " "}},
			ColMaxWidths: tw.CellWidth{PerColumn: perColumn},
		}),
	)
}

func renderTable(w io.Writer, r *report, opts renderOptions) error {
	live := opts.live
	shown := r.Targets
	if opts.quiet {
		shown = nil
		for _, tg := range r.Targets {
			if tg.Status != statusPass {
				shown = append(shown, tg)
			}
		}
	}
	t := newTable(w, nil)
	if live {
		t.Header("SERVER", "MEMBER", "ENDPOINT", "ADDRESS", "TLS", "CIPHER", "SUBJECT CN", "EXPIRES", "STATUS")
	} else {
		t.Header("FILE", "ROLE", "SUBJECT CN", "EXPIRES", "STATUS")
	}
	for _, tg := range shown {
		if err := t.Append(targetRow(tg, opts)); err != nil {
			return fmt.Errorf("write the report table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("write the report table: %w", err)
	}
	for _, tg := range shown {
		if err := renderFindings(w, tg, opts); err != nil {
			return err
		}
	}
	if err := renderResolved(w, r); err != nil {
		return err
	}
	s := r.Summary
	if _, err := fmt.Fprintf(w, "\n%d targets: %d pass, %d warn, %d fail, %d error\n", s.Targets, s.Pass, s.Warn, s.Fail, s.Error); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}

func targetRow(tg target, opts renderOptions) []string {
	live := opts.live
	status := colored(tg.Status, opts.color)
	cn, expires := "-", "-"
	if c := tg.Certificate; c != nil {
		cn = visible(c.SubjectCN)
		expires = fmt.Sprintf("%s (%s)", c.NotAfter[:10], daysText(c.DaysLeft))
	}
	if !live {
		return []string{visible(tg.File), dash(tg.Role), cn, expires, status}
	}
	version, cipher := "-", "-"
	if tg.TLS != nil {
		version, cipher = dash(tg.TLS.Version), dash(tg.TLS.Cipher)
	}
	return []string{visible(tg.Server), dash(tg.Member), tg.Endpoint, tg.Address, version, cipher, cn, expires, status}
}

// renderFindings writes a target's error or its findings under a heading naming it.
func renderFindings(w io.Writer, tg target, opts renderOptions) error {
	if tg.Error == "" && len(tg.Findings) == 0 {
		return nil
	}
	name := visible(tg.File)
	if opts.live {
		name = strings.Join(nonEmpty(visible(tg.Server), tg.Member, tg.Endpoint, "("+tg.Address+")"), " ")
	}
	if _, err := fmt.Fprintf(w, "\n%s: %s\n", name, colored(tg.Status, opts.color)); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	if tg.Error != "" {
		if _, err := fmt.Fprintf(w, "  error: %s\n", visible(tg.Error)); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
		return nil
	}
	t := newTable(w, map[int]int{2: 50, 3: 50})
	t.Header("LINT", "SEVERITY", "DETAILS", "REMEDIATION")
	for _, f := range tg.Findings {
		severity := f.Status.String()
		if f.Baseline != "" {
			severity += " (" + f.Baseline + ")"
		}
		if err := t.Append([]string{f.Lint, severity, visible(f.Details), visible(f.Remediation)}); err != nil {
			return fmt.Errorf("write the findings table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("write the findings table: %w", err)
	}
	return nil
}

func daysText(days int) string {
	switch {
	case days < 0:
		return fmt.Sprintf("expired %d days ago", -days)
	case days == 1:
		return "1 day left"
	}
	return fmt.Sprintf("%d days left", days)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" && p != "()" {
			out = append(out, p)
		}
	}
	return out
}

// visible makes text from a certificate or a server safe for a terminal: control characters, escape sequences
// and invalid bytes are shown as Go escapes (\x1b), never sent raw.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == ' ' || unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// renderResolved lists the baseline's findings that are gone.
func renderResolved(w io.Writer, r *report) error {
	if len(r.Resolved) == 0 {
		return nil
	}
	if _, err := fmt.Fprintf(w, "\nResolved since the baseline:\n"); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	for _, f := range r.Resolved {
		where := strings.Join(nonEmpty(visible(f.File), visible(f.Server), f.Member, f.Endpoint), " ")
		if _, err := fmt.Fprintf(w, "  %s: %s (%s)\n", where, f.Lint, f.Status); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	return nil
}
