package lint

import (
	"fmt"
	"testing"

	"github.com/uclint/uclint/policy"
)

// BenchmarkLintLync lints a Front End Server's certificates (Default, Web internal, Web external, OAuth) under
// Skype for Business Server 2019 with the default zlint sources: the cost of one Lync/SfB certificate.
func BenchmarkLintLync(b *testing.B) {
	r, err := NewRunner(nil)
	if err != nil {
		b.Fatal(err)
	}
	var inputs []Input
	for kind, name := range map[string]string{"default": "lync-fe01-default", "web-internal": "lync-fe01-web-internal",
		"web-external": "lync-fe01-web-external", "oauth": "lync-oauth"} {
		inputs = append(inputs, input(b, name, lyncCtx(b, "sfb2019", policy.FrontEndPool, kind, "lfe01.contoso.com")))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			in.Leaf = parse(b, in.Leaf)
			if _, err := r.Lint(in); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(inputs)), "µs/cert")
}

// BenchmarkAcrossFindings runs the pass across a server's certificates for a 1,000-member pool, three
// certificates each (lyncdiscover names checked across the Default, Web internal and Web external certificates).
func BenchmarkAcrossFindings(b *testing.B) {
	r, err := NewRunner(nil)
	if err != nil {
		b.Fatal(err)
	}
	kinds := map[string]string{"default": "lync-fe01-default", "web-internal": "lync-fe01-web-internal", "web-external": "lync-fe01-web-external"}
	var certs []Seen
	for m := range 1000 {
		member := fmt.Sprintf("fe%04d.contoso.com", m)
		for kind, name := range kinds {
			l, _ := leaf(b, name)
			certs = append(certs, Seen{Server: "lyncpool01", Member: member, Certificate: l,
				Context: lyncCtx(b, "sfb2019", policy.FrontEndPool, kind, member)})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got := r.DeploymentFindings(certs); len(got) > 0 {
			b.Fatalf("findings on good certificates: %d", len(got))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(certs)), "µs/cert")
}
