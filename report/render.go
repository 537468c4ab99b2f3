package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Options say how a report is drawn. The zero Options suit a file: every target, no colour.
type Options struct {
	// Live: the targets are endpoints (scan), not files (check).
	Live bool
	// Color: status colours, for a terminal that wants them (ColorWanted).
	Color bool
	// Quiet: the table shows only what needs attention: targets that are not pass, and of those only the findings
	// not known from the baseline; when nothing needs attention it prints nothing at all. Other formats ignore it.
	Quiet bool
	// Width is the terminal's width in columns: the table is made to fit it (columns left out, then cells wrapped;
	// see targetTable). 0, for a file or a pipe, is no limit. Other formats ignore it.
	Width int
	// Columns are the target table's columns, by name (ColumnNames), in order; nil is DefaultColumns. Columns
	// given are never left out to fit Width, only wrapped.
	Columns []string
}

// A Renderer writes a finished report in one format.
type Renderer interface {
	Render(w io.Writer, r *Report, opts Options) error
}

// An ExitCoder is a Renderer whose format has exit codes of its own: a Nagios plugin's state.
type ExitCoder interface {
	ExitCode(r *Report) int
}

// The formats this package writes; each is one file that registers its Renderer.
const (
	FormatTable      = "table"
	FormatJSON       = "json"
	FormatJUnit      = "junit"
	FormatPrometheus = "prometheus"
	FormatNagios     = "nagios"
)

// renderers is the registry of formats, by name. It is written only by the init functions of this package's
// format files (register), which all run before any other code can read it, and is read-only afterwards: so it
// needs no lock and is no mutable state. Other packages cannot add a format (a new format is a file here, with
// its golden test), which keeps the list that --format accepts the list that is tested.
var renderers = map[string]Renderer{}

// register adds a format; call it from an init function only.
func register(name string, r Renderer) {
	if _, dup := renderers[name]; dup {
		panic("report: format " + name + " registered twice")
	}
	renderers[name] = r
}

// Lookup is the renderer of a format, or an error that lists the formats.
func Lookup(name string) (Renderer, error) {
	if r, ok := renderers[name]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", name, strings.Join(Formats(), ", "))
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(renderers))
	for name := range renderers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Render writes the report in the named format.
func Render(w io.Writer, r *Report, format string, opts Options) error {
	rd, err := Lookup(format)
	if err != nil {
		return err
	}
	return rd.Render(w, r, opts) //nolint:wrapcheck // each format's error says what it was writing
}

// WriteTable writes a table with uclint's settings: headers as written (no upper-casing, which would split
// "sip.domain"), and the cells of the columns given a width in widths wrapped at it.
func WriteTable(w io.Writer, header []string, rows [][]string, widths map[int]int) error {
	t := newTable(w, widths)
	t.Header(toAny(header)...)
	for _, row := range rows {
		if err := t.Append(row); err != nil {
			return fmt.Errorf("write the table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("write the table: %w", err)
	}
	return nil
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

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

// daysText says how long a certificate has left.
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

// targetName names a target in one line: the file, or the server, member and endpoint (and, for a target of the
// DNS audit, its SIP domain and place).
func targetName(t *Target) string {
	return strings.Join(nonEmpty(t.File, sipDomainLabel(t), t.Server, t.Member, t.Endpoint, t.Place), " ")
}

// scanName names a target of a scan in one line, with where it was reached (the heading of its findings, its
// JUnit test case): its SIP domain (a target of the DNS audit), server, member, endpoint and address, "pool01
// fe01.contoso.com sip (10.0.0.11:5061)", "SIP domain contoso.com pool01 sip pool01.contoso.com:5061
// (10.0.0.11:5061)"; for a certificate file the deployment file names, "file" and the file.
func scanName(t *Target) string {
	if scannedFile(t) {
		return strings.Join(nonEmpty(t.Server, t.Member, "file", "("+t.File+")"), " ")
	}
	return strings.Join(nonEmpty(sipDomainLabel(t), t.Server, t.Member, t.Endpoint, dialled(t)), " ")
}

// scannedFile reports whether a target of a scan is a certificate file the deployment file names (one kept in a
// store, as an Edge Server's A/V authentication certificate) rather than an endpoint.
func scannedFile(t *Target) bool { return t.Endpoint == "" && t.Address == "" && t.File != "" }
