package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// TestTableFitsTheTerminal: at every terminal width from 72 columns up, no line of the table is wider than the
// terminal (the scan report holds long error messages, remediations and an escape sequence in a CN); piped (width
// 0) the table is as wide as it needs.
func TestTableFitsTheTerminal(t *testing.T) {
	for _, live := range []bool{false, true} {
		r := checkReport()
		if live {
			r = scanReport()
		}
		full := render(t, r, FormatTable, Options{Live: live})
		if widest(full) <= 80 {
			t.Fatalf("live=%v: the unfitted table is %d wide: the test proves nothing", live, widest(full))
		}
		for _, width := range []int{72, 80, 100, 120, 160} {
			out := render(t, r, FormatTable, Options{Live: live, Width: width, Color: true})
			if w := widest(out); w > width {
				t.Errorf("live=%v width %d: a line is %d wide:\n%s", live, width, w, out)
			}
			for _, tg := range r.Targets {
				if name := tg.Server + tg.File; !strings.Contains(out, name) {
					t.Errorf("width %d: target %s is missing:\n%s", width, name, out)
				}
			}
			if !strings.Contains(out, "STATUS") || !strings.Contains(out, "SUBJECT") {
				t.Errorf("width %d: the status and subject columns must stay:\n%s", width, out)
			}
		}
	}
}

// TestTableDropsColumnsInOrder: the scan table leaves out CIPHER, then ADDRESS, then TLS, in that order, and only
// as far as needed; the check table leaves out ROLE.
func TestTableDropsColumnsInOrder(t *testing.T) {
	order := []string{"CIPHER", "ADDRESS", "TLS"}
	seenDropped := 0
	for width := 200; width >= 60; width -= 4 {
		header, _, _ := targetTable(scanReport().Targets, Options{Live: true, Width: width})
		dropped := 0
		for _, h := range order {
			if !slices.Contains(header, h) {
				dropped++
			}
		}
		for i, h := range order {
			if (i < dropped) == slices.Contains(header, h) {
				t.Fatalf("width %d: %v is not the default columns less a prefix of %v", width, header, order)
			}
		}
		if dropped < seenDropped {
			t.Fatalf("width %d: a narrower terminal shows more columns (%v)", width, header)
		}
		seenDropped = dropped
	}
	if seenDropped != len(order) {
		t.Errorf("at 60 columns only %d columns were left out", seenDropped)
	}
	if header, _, _ := targetTable(scanReport().Targets, Options{Live: true}); len(header) != 9 {
		t.Errorf("piped: every default column: %v", header)
	}
	header, _, _ := targetTable(checkReport().Targets, Options{Width: 60})
	if slices.Contains(header, "ROLE") || !slices.Contains(header, "FILE") {
		t.Errorf("check table at 60 columns: %v", header)
	}
}

// TestColumns: --columns picks the columns and their order, and they are never left out to fit, only wrapped.
func TestColumns(t *testing.T) {
	cols, err := ParseColumns("server, member,endpoint,days-left,sha256,status")
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, scanReport(), FormatTable, Options{Live: true, Columns: cols, Width: 70})
	first := strings.SplitN(out, "\n", 3)[1]
	var got []string
	for f := range strings.SplitSeq(first, "│") {
		if f = strings.TrimSpace(f); f != "" {
			got = append(got, f)
		}
	}
	if want := []string{"SERVER", "MEMBER", "ENDPOINT", "DAYS LEFT", "SHA-256", "STATUS"}; !slices.Equal(got, want) {
		t.Errorf("header %q, want %q\n%s", got, want, out)
	}
	if w := widest(out); w > 70 {
		t.Errorf("a line is %d wide:\n%s", w, out)
	}
	if !strings.Contains(out, "6423") {
		t.Errorf("days left missing:\n%s", out)
	}
	for _, bad := range []string{"", "server,nope", "status,status"} {
		if _, err := ParseColumns(bad); err == nil {
			t.Errorf("ParseColumns(%q) accepted", bad)
		}
	}
}

func widest(s string) int {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, twwidth.Width(line))
	}
	return w
}

func TestWrapCell(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"pool01.contoso.com", 10, "pool01.\ncontoso.\ncom"},
		{"install the same certificate on every member", 12, "install the\nsame\ncertificate\non every\nmember"},
		{"e_ocs_subject_cn_not_role_fqdn", 14, "e_ocs_subject_\ncn_not_role_\nfqdn"},
		{"abcdefghijklmnop", 6, "abcdef\nghijkl\nmnop"},
		{"short", 10, "short"},
		{"two\nlines", 10, "two\nlines"},
	} {
		if got := wrapCell(tc.in, tc.width); got != tc.want {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}
