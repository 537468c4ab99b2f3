package probe

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/uclint/uclint/fixtures"
)

// FuzzParseCertificates feeds arbitrary bytes to the file loader's parsers (PEM, DER, PKCS#7, PKCS#12), seeded
// with every fixture file: it must never panic, and it returns certificates or an error.
func FuzzParseCertificates(f *testing.F) {
	for _, dir := range []string{filepath.Join("pki", "formats"), "bad"} {
		entries, err := os.ReadDir(fixtures.Path(dir))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(fixtures.Path(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if looksLikePKCS12(data) && checkPFXIterations(data, 4096) != nil {
			// Legitimately slow (up to 100,000 key-derivation rounds, and far slower under the fuzzer's
			// instrumentation): the fuzzer would spend its time there. TestPFXIterationCap covers the cap.
			t.Skip()
		}
		certs, err := parseGuarded(data, fixtures.PFXPassword)
		if (err == nil) == (len(certs) == 0) {
			t.Fatalf("either certificates or an error: %d certificates, error %v", len(certs), err)
		}
	})
}
