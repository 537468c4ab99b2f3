package report

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// A column is one column the target table can show, by the name --columns takes.
type column struct {
	name, header string
	cell         func(t *Target, opts Options) string
	// wrap: the column's text may be wrapped to fit the terminal (names, dates); the others are short words.
	wrap bool
}

// columns are every column the target table can show, in the order 'uclint --help' lists them.
var columns = []column{
	{name: "file", header: "FILE", wrap: true, cell: func(t *Target, _ Options) string { return Visible(t.File) }},
	{name: "sip-domain", header: "SIP DOMAIN", wrap: true, cell: func(t *Target, _ Options) string { return dash(Visible(t.SIPDomain)) }},
	{name: "server", header: "SERVER", wrap: true, cell: func(t *Target, _ Options) string { return dash(Visible(t.Server)) }},
	{name: "member", header: "MEMBER", wrap: true, cell: func(t *Target, _ Options) string { return dash(Visible(t.Member)) }},
	{name: "endpoint", header: "ENDPOINT", cell: func(t *Target, _ Options) string {
		endpoint, _ := liveWhere(t)
		return dash(endpoint)
	}},
	{name: "address", header: "ADDRESS", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Place != "" {
			return Visible(t.Place) // a place the DNS audit dialled: the name and port clients reach
		}
		_, address := liveWhere(t)
		return dash(address)
	}},
	{name: "product", header: "PRODUCT", cell: func(t *Target, _ Options) string { return dash(Visible(t.Product)) }},
	{name: "role", header: "ROLE", cell: func(t *Target, _ Options) string { return dash(Visible(t.Role)) }},
	{name: "kind", header: "CERTIFICATE", cell: func(t *Target, _ Options) string { return dash(Visible(t.Kind)) }},
	{name: "tls", header: "TLS", cell: func(t *Target, _ Options) string {
		if t.TLS == nil {
			return "-"
		}
		return dash(Visible(t.TLS.Version))
	}},
	{name: "cipher", header: "CIPHER", wrap: true, cell: func(t *Target, _ Options) string {
		if t.TLS == nil {
			return "-"
		}
		return dash(Visible(t.TLS.Cipher))
	}},
	{name: "subject-cn", header: "SUBJECT CN", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Request != nil { // a CSR or certreq INF file
			return dash(Visible(t.Request.SubjectCN))
		}
		if t.Certificate == nil {
			return "-"
		}
		return Visible(t.Certificate.SubjectCN)
	}},
	{name: "san", header: "SAN", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Request != nil && len(t.Request.SANDNS) > 0 {
			return Visible(strings.Join(t.Request.SANDNS, " "))
		}
		if t.Certificate == nil || len(t.Certificate.SANDNS) == 0 {
			return "-"
		}
		return Visible(strings.Join(t.Certificate.SANDNS, " "))
	}},
	{name: "issuer", header: "ISSUER", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Certificate == nil {
			return "-"
		}
		return Visible(t.Certificate.Issuer)
	}},
	{name: "expires", header: "EXPIRES", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Request != nil {
			return "(request)"
		}
		if t.Certificate == nil {
			return "-"
		}
		return fmt.Sprintf("%s (%s)", dateOf(t.Certificate.NotAfter), daysText(t.Certificate.DaysLeft))
	}},
	{name: "days-left", header: "DAYS LEFT", cell: func(t *Target, _ Options) string {
		if t.Certificate == nil {
			return "-"
		}
		return strconv.Itoa(t.Certificate.DaysLeft)
	}},
	{name: "sha256", header: "SHA-256", wrap: true, cell: func(t *Target, _ Options) string {
		if t.Certificate == nil {
			return "-"
		}
		return t.Certificate.SHA256
	}},
	{name: "status", header: "STATUS", cell: func(t *Target, opts Options) string { return colored(t.Status, opts.Color) }},
}

// The target table's default columns, and the order in which they are left out when the table is wider than the
// terminal: for a scan the cipher suite, then the address, then the TLS version; for a check the role. What is
// left is wrapped to fit.
var (
	defaultFileColumns     = []string{"file", "role", "subject-cn", "expires", "status"}
	defaultEndpointColumns = []string{"server", "member", "endpoint", "address", "tls", "cipher", "subject-cn", "expires", "status"}
	dropOrder              = []string{"cipher", "address", "tls", "role"}
)

// ColumnNames lists the names --columns takes.
func ColumnNames() []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.name
	}
	return names
}

// DefaultColumns are the target table's columns unless --columns says otherwise: for files (check) or for
// endpoints (scan).
func DefaultColumns(live bool) []string {
	if live {
		return append([]string{}, defaultEndpointColumns...)
	}
	return append([]string{}, defaultFileColumns...)
}

// ParseColumns reads --columns: names separated by commas, each once.
func ParseColumns(s string) ([]string, error) {
	var out []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if _, ok := columnByName(name); !ok {
			return nil, fmt.Errorf("unknown column %q: use %s", name, strings.Join(ColumnNames(), ", "))
		}
		if slices.Contains(out, name) {
			return nil, fmt.Errorf("column %q is given twice", name)
		}
		out = append(out, name)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no column given: use %s", strings.Join(ColumnNames(), ", "))
	}
	return out, nil
}

func columnByName(name string) (column, bool) {
	for _, c := range columns {
		if c.name == name {
			return c, true
		}
	}
	return column{}, false
}

// tableWidth is the width a table with columns of these content widths takes: each cell padded by a space on
// either side, and a border before, between and after the columns.
func tableWidth(widths []int) int {
	total := 1
	for _, w := range widths {
		total += w + 3
	}
	return total
}

// minWrapWidth is the narrowest a wrapped column becomes.
const minWrapWidth = 10

// fitWidths returns, for cells whose natural content widths are natural, the widest each column may be so that
// the table fits within width: the widest wrappable column is narrowed first, one character at a time, none
// below minWrapWidth or its floor (its header's width: headers are not wrapped). It returns nil when the table fits as it is or when width is 0 (no limit). A table that
// cannot fit is narrowed as far as it goes.
func fitWidths(natural, floor []int, wrappable []bool, width int) map[int]int {
	if width <= 0 || tableWidth(natural) <= width {
		return nil
	}
	widths := append([]int{}, natural...)
	for tableWidth(widths) > width {
		widest := -1
		for i, w := range widths {
			if wrappable[i] && w > max(minWrapWidth, floor[i]) && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	limits := map[int]int{}
	for i, w := range widths {
		if w < natural[i] {
			limits[i] = w
		}
	}
	return limits
}

// naturalWidths is each column's widest cell, the header included (a header is not wrapped, so a wrapped column
// is never narrower than its header).
func naturalWidths(header []string, rows [][]string) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = twwidth.Width(h)
	}
	for _, row := range rows {
		for i, cell := range row {
			for line := range strings.SplitSeq(cell, "\n") {
				widths[i] = max(widths[i], twwidth.Width(line))
			}
		}
	}
	return widths
}

// targetTable lays out the target table: the columns chosen, with the default ones left out in dropOrder while
// the table is wider than opts.Width, and the widths the rest are wrapped at.
func targetTable(shown []Target, opts Options) (header []string, rows [][]string, limits map[int]int) {
	names := opts.Columns
	chosen := names != nil
	if !chosen {
		names = DefaultColumns(opts.Live)
		if slices.ContainsFunc(shown, func(t Target) bool { return t.SIPDomain != "" || t.Place != "" }) {
			names = append([]string{"sip-domain"}, names...) // a run with the DNS audit
		}
	}
	build := func(names []string) ([]string, [][]string, []bool) {
		cols := make([]column, 0, len(names))
		for _, n := range names {
			if c, ok := columnByName(n); ok {
				cols = append(cols, c)
			}
		}
		header := make([]string, len(cols))
		wrap := make([]bool, len(cols))
		for i, c := range cols {
			header[i], wrap[i] = c.header, c.wrap
		}
		rows := make([][]string, len(shown))
		for r := range shown {
			rows[r] = make([]string, len(cols))
			for i, c := range cols {
				rows[r][i] = c.cell(&shown[r], opts)
			}
		}
		return header, rows, wrap
	}
	header, rows, wrap := build(names)
	if !chosen && opts.Width > 0 {
		for _, drop := range dropOrder {
			if tableWidth(naturalWidths(header, rows)) <= opts.Width {
				break
			}
			kept := make([]string, 0, len(names))
			for _, n := range names {
				if n != drop {
					kept = append(kept, n)
				}
			}
			names = kept
			header, rows, wrap = build(names)
		}
	}
	return header, rows, fitWidths(naturalWidths(header, rows), naturalWidths(header, nil), wrap, opts.Width)
}

// wrapCells wraps, in place, the cells of each column given a limit to that width (wrapCell).
func wrapCells(rows [][]string, limits map[int]int) {
	for _, row := range rows {
		for col, width := range limits {
			row[col] = wrapCell(row[col], width)
		}
	}
}

// wrapCell wraps text to lines no wider than width, breaking where a reader expects it: at spaces, then after a
// dot, hyphen, underscore, slash or comma (an FQDN breaks between its labels, a rule ID between its words), and
// inside a word only when one part alone is wider than the column.
func wrapCell(s string, width int) string {
	if width <= 0 {
		return s
	}
	var out []string
	for text := range strings.SplitSeq(s, "\n") {
		line := ""
		for _, tok := range breakTokens(text) {
			if twwidth.Width(strings.TrimRight(line+tok, " ")) <= width {
				line += tok
				continue
			}
			if line != "" {
				out = append(out, strings.TrimRight(line, " "))
			}
			line = strings.TrimLeft(tok, " ")
			for twwidth.Width(line) > width {
				head, rest := splitAtWidth(line, width)
				out = append(out, head)
				line = rest
			}
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return strings.Join(out, "\n")
}

// breakTokens splits text after each place a line may break, keeping every character.
func breakTokens(text string) []string {
	var toks []string
	start := 0
	for i, r := range text {
		if strings.ContainsRune(" .-_/,", r) {
			toks = append(toks, text[start:i+1])
			start = i + 1
		}
	}
	if start < len(text) {
		toks = append(toks, text[start:])
	}
	return toks
}

// splitAtWidth splits s after as many characters as fit in width (at least one).
func splitAtWidth(s string, width int) (head, rest string) {
	w := 0
	for i, r := range s {
		rw := twwidth.Width(string(r))
		if w+rw > width && i > 0 {
			return s[:i], s[i:]
		}
		w += rw
	}
	return s, ""
}

// findingWidths are the widths the findings table wraps its details and remediation at: 50 characters each, or
// less, shared equally, when the terminal is narrower than the table.
func findingWidths(header []string, rows [][]string, width int) map[int]int {
	natural := naturalWidths(header, rows)
	capped := append([]int{}, natural...)
	for _, i := range []int{2, 3} {
		capped[i] = min(capped[i], 50)
	}
	limits := map[int]int{2: 50, 3: 50}
	maps.Copy(limits, fitWidths(capped, naturalWidths(header, nil), []bool{true, false, true, true}, width))
	return limits
}
