package lint

import (
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlintrun "github.com/zmap/zlint/v3"
	zlint "github.com/zmap/zlint/v3/lint"
)

// benchCertificates are the fixture certificates the benchmarks lint, one pass over all of them per iteration.
var benchNames = []string{"se01", "pool01", "dir01", "dirpool01", "pool01-member-cn", "pool01-missing-sip-fabrikam",
	"se01-wildcard", "se01-sha1", "se01-rsa1024", "se01-expired", "se01-leaf-only", "se01-self-signed"}

func benchInputs(b *testing.B) []Input {
	b.Helper()
	inputs := make([]Input, 0, len(benchNames))
	for _, n := range benchNames {
		inputs = append(inputs, input(b, n, ctxPool))
	}
	return inputs
}

// parse re-parses the DER, as every probe does: zcrypto caches parsed names in the certificate, so linting the
// same parsed certificate again would measure a cache.
func parse(b *testing.B, c *x509.Certificate) *x509.Certificate {
	p, err := x509.ParseCertificate(c.Raw)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkOverhead compares uclint's linting with zlint alone on the same certificates: zlint's default-source
// lints through zlint's own entry point, against uclint's runner (the same zlint lints plus uclint's rules, each
// certificate with its target's configuration, the chain check and the remediation texts). The two alternate on
// every certificate, so that drift in the machine's speed affects both alike; "overhead-%" is uclint's extra time.
func BenchmarkOverhead(b *testing.B) { benchOverhead(b, false) }

// BenchmarkOverheadColdTrust is BenchmarkOverhead with the trust verdict cache emptied before every certificate:
// the cost of a certificate seen once (the cache only helps when pool members present the same one).
func BenchmarkOverheadColdTrust(b *testing.B) { benchOverhead(b, true) }

func benchOverhead(b *testing.B, cold bool) {
	registry, err := zlint.GlobalRegistry().Filter(zlint.FilterOptions{IncludeSources: DefaultZlintSources})
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRunner(nil)
	if err != nil {
		b.Fatal(err)
	}
	inputs := benchInputs(b)
	var zlintTime, uclintTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			start := time.Now()
			zlintrun.LintCertificateEx(parse(b, in.Leaf), registry)
			if cold {
				in.Trust.Forget()
			}
			mid := time.Now()
			in.Leaf = parse(b, in.Leaf)
			if _, err := r.Lint(in); err != nil {
				b.Fatal(err)
			}
			uclintTime += time.Since(mid)
			zlintTime += mid.Sub(start)
		}
	}
	b.ReportMetric(100*(float64(uclintTime)/float64(zlintTime)-1), "overhead-%")
	b.ReportMetric(float64(zlintTime.Microseconds())/float64(b.N*len(inputs)), "zlint-µs/cert")
	b.ReportMetric(float64(uclintTime.Microseconds())/float64(b.N*len(inputs)), "uclint-µs/cert")
}
