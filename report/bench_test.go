package report

import (
	"fmt"
	"io"
	"testing"
)

// bigReport is a scan of 2,000 endpoints: scanReport's six targets repeated under distinct server names.
func bigReport(n int) *Report {
	base := scanReport()
	r := &Report{Started: base.Started, DurationSeconds: base.DurationSeconds, ExpiryWarningDays: 30, ExpiryCriticalDays: 7, Resolved: base.Resolved}
	for i := 0; len(r.Targets) < n; i++ {
		for _, t := range base.Targets {
			t.Server = fmt.Sprintf("%s-%04d", t.Server, i)
			r.Targets = append(r.Targets, t)
		}
	}
	r.Targets = r.Targets[:n]
	r.Finish()
	return r
}

// BenchmarkRender2000 writes a 2,000-endpoint report in each format (what a nightly scan of a large deployment
// writes to stdout and its --output files).
func BenchmarkRender2000(b *testing.B) {
	r := bigReport(2000)
	for _, format := range Formats() {
		rd, _ := Lookup(format)
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := rd.Render(io.Discard, r, Options{Live: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompare2000 marks a 2,000-endpoint report against the previous night's.
func BenchmarkCompare2000(b *testing.B) {
	previous, r := bigReport(2000), bigReport(2000)
	b.ReportAllocs()
	for b.Loop() {
		r.Compare(previous)
	}
}

// BenchmarkTableFitted2000 writes the 2,000-endpoint table fitted to an 80-column terminal (columns left out,
// cells wrapped), beside the full-width table of BenchmarkRender2000/table.
func BenchmarkTableFitted2000(b *testing.B) {
	r := bigReport(2000)
	for _, width := range []int{0, 80} {
		b.Run(fmt.Sprintf("width%d", width), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(io.Discard, r, FormatTable, Options{Live: true, Width: width}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
