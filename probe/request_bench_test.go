package probe

import "testing"

// BenchmarkParseINF reads the OCS wizard-style INF fixture.
func BenchmarkParseINF(b *testing.B) {
	data := readFixture(b, "requests", "se01-wizard.inf")
	for b.Loop() {
		if _, err := ParseINF(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCSR reads a certreq-style CSR (PEM, with the Enrollment CSP attribute) and checks its signature.
func BenchmarkParseCSR(b *testing.B) {
	data := readFixture(b, "requests", "se01-certreq.req")
	for b.Loop() {
		if _, err := ParseCSR(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInspectPFX reads a PFX file's packaging.
func BenchmarkInspectPFX(b *testing.B) {
	data := readFixture(b, "requests", "se01-ksp.pfx")
	for b.Loop() {
		if InspectPFX(data) == nil {
			b.Fatal("nothing read")
		}
	}
}
