package trust

import (
	stdx509 "crypto/x509"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/fixtures"
)

// The benchmarks check the project's Contoso fixtures (fixtures/pki) the way lint's BenchmarkOverhead does: the
// Contoso bundle as --ca-file, the simulated public root as the system pool, and the same certificates (plus the
// public and rogue ones, so that the system and untrusted paths are measured too).
var benchNames = []string{"se01", "pool01", "dir01", "dirpool01", "pool01-member-cn", "pool01-missing-sip-fabrikam",
	"se01-wildcard", "se01-sha1", "se01-rsa1024", "se01-expired", "se01-leaf-only", "se01-self-signed",
	"se01-public", "se01-rogue"}

type benchInput struct {
	leaf      *x509.Certificate
	presented []*x509.Certificate
}

// readFixture parses the certificates of a file of the project's fixtures.
func readFixture(t testing.TB, elem ...string) []*x509.Certificate {
	t.Helper()
	return readPEM(t, fixtures.Path(elem...))
}

// contoso returns the --ca-file bundle and the system pool of the fixtures.
func contoso(t testing.TB) ([]*x509.Certificate, *stdx509.CertPool) {
	t.Helper()
	return readFixture(t, "pki", "contoso-ca-bundle.pem"), stdPool(t, readFixture(t, "pki", "public-root.pem"))
}

func benchInputs(t testing.TB, names []string) []benchInput {
	t.Helper()
	inputs := make([]benchInput, 0, len(names))
	for _, n := range names {
		certs := readFixture(t, "pki", n+".pem")
		inputs = append(inputs, benchInput{leaf: certs[0], presented: certs[1:]})
	}
	return inputs
}

// benchPerCert runs check on every fixture certificate b.N times and reports the time per certificate.
func benchPerCert(b *testing.B, check func(in benchInput)) {
	inputs := benchInputs(b, benchNames)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			check(in)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(inputs)), "µs/cert")
}

// BenchmarkCheckCold checks each fixture certificate with every cache emptied first: a certificate seen for the
// first time.
func BenchmarkCheckCold(b *testing.B) {
	s := NewStore(contoso(b))
	benchPerCert(b, func(in benchInput) {
		s.Forget()
		s.Check(in.leaf, in.presented, fixtures.At)
	})
}

// BenchmarkCheckWarm checks the same certificates again and again: pool members presenting one certificate.
func BenchmarkCheckWarm(b *testing.B) {
	s := NewStore(contoso(b))
	benchPerCert(b, func(in benchInput) { s.Check(in.leaf, in.presented, fixtures.At) })
}

// BenchmarkLegacyCold is BenchmarkCheckCold for the algorithm this package replaces (legacy_test.go).
func BenchmarkLegacyCold(b *testing.B) {
	l := newLegacyTrust(contoso(b))
	benchPerCert(b, func(in benchInput) {
		l.forget()
		l.check(in.leaf, in.presented, fixtures.At)
	})
}

// BenchmarkColdVsLegacy alternates the two cold checks on every certificate, so that drift in the machine's speed
// affects both alike, and reports the ratio (the budget is 2.0).
func BenchmarkColdVsLegacy(b *testing.B) {
	bundle, system := contoso(b)
	s := NewStore(bundle, system)
	l := newLegacyTrust(bundle, system)
	inputs := benchInputs(b, benchNames)
	var ours, theirs time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			start := time.Now()
			s.Forget()
			s.Check(in.leaf, in.presented, fixtures.At)
			mid := time.Now()
			l.forget()
			l.check(in.leaf, in.presented, fixtures.At)
			theirs += time.Since(mid)
			ours += mid.Sub(start)
		}
	}
	b.ReportMetric(float64(ours)/float64(theirs), "ratio")
	b.ReportMetric(float64(ours.Microseconds())/float64(b.N*len(inputs)), "trust-µs/cert")
	b.ReportMetric(float64(theirs.Microseconds())/float64(b.N*len(inputs)), "legacy-µs/cert")
}

// TestAgreesWithLegacyOnFixtures: on every certificate of the project's fixtures, the outcome (ca-file, system,
// untrusted) and the incomplete flag are today's, except where today's verdict was wrong, as each exception says.
func TestAgreesWithLegacyOnFixtures(t *testing.T) {
	bundle, system := contoso(t)
	s := NewStore(bundle, system)
	l := newLegacyTrust(bundle, system)
	files, err := filepath.Glob(fixtures.Path("pki", "*.pem"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	// The legacy check built the chain at a time inside the leaf's validity and ignored CA validity, as these
	// fixtures' CAs are valid throughout: no exception is expected.
	for _, f := range files {
		n := strings.TrimSuffix(filepath.Base(f), ".pem")
		if strings.HasPrefix(n, "contoso-") || strings.HasPrefix(n, "public-") || n == "rogue-root" {
			continue
		}
		in := benchInputs(t, []string{n})[0]
		v := s.Check(in.leaf, in.presented, fixtures.At)
		old := l.check(in.leaf, in.presented, fixtures.At)
		if v.Outcome.String() != old.Trust || v.Incomplete() != old.Incomplete {
			t.Errorf("%s: %v incomplete=%v, today %s incomplete=%v (%s); problems %+v", n, v.Outcome, v.Incomplete(),
				old.Trust, old.Incomplete, old.Reason, v.Problems)
		}
	}
}
