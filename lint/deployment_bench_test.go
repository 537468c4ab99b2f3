package lint

import (
	"fmt"
	"testing"
)

// BenchmarkDeploymentFindings2000: the deployment-level pass over 2,000 certificates: a 1,000-member pool on two
// endpoints with one member on an old certificate, as a nightly scan of a big deployment gives it.
func BenchmarkDeploymentFindings2000(b *testing.B) {
	r, err := NewRunner(nil)
	if err != nil {
		b.Fatal(err)
	}
	pool, _ := leaf(b, "pool01")
	old, _ := leaf(b, "pool01-old")
	var seen []Seen
	for i := range 1000 {
		c := pool
		if i == 0 {
			c = old
		}
		m := fmt.Sprintf("fe%04d.contoso.com", i)
		seen = append(seen, Seen{Server: "pool01", Member: m, Endpoint: "sip", Certificate: c, Context: ctxPool},
			Seen{Server: "pool01", Member: m, Endpoint: "web", Certificate: pool, Context: ctxPool})
	}
	b.ResetTimer()
	for b.Loop() {
		if f := r.DeploymentFindings(seen); len(f) != 1000 {
			b.Fatalf("%d targets with findings", len(f))
		}
	}
}

// BenchmarkDeploymentFindingsEdgeArray: an Edge array of 50 members, each with its internal certificate on an
// endpoint and its A/V authentication certificate from a file, one member's A/V certificate of its own.
func BenchmarkDeploymentFindingsEdgeArray(b *testing.B) {
	r, err := NewRunner(nil)
	if err != nil {
		b.Fatal(err)
	}
	internal, _ := leaf(b, "edgearray-internal")
	av, _ := leaf(b, "edgearray-av")
	other, _ := leaf(b, "edgearray-av-other")
	var seen []Seen
	for i := range 50 {
		m := fmt.Sprintf("edge%02d.contoso.com", i)
		a := av
		if i == 0 {
			a = other
		}
		seen = append(seen,
			Seen{Server: "edgearray01", Member: m, Endpoint: "internal", Certificate: internal, Context: kind(withMember(ctxEdgeArray, m), "internal")},
			Seen{Server: "edgearray01", Member: m, File: m + "-av.pfx", Certificate: a, Context: kind(withMember(ctxEdgeArray, m), "av-auth")})
	}
	b.ResetTimer()
	for b.Loop() {
		if f := r.DeploymentFindings(seen); len(f) != 50 {
			b.Fatalf("%d targets with findings", len(f))
		}
	}
}
