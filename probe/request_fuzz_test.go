package probe

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uclint/uclint/fixtures"
)

// seedRequests adds every request fixture (and the PFX fixtures) ending in one of exts to a fuzz corpus.
func seedRequests(f *testing.F, exts ...string) {
	seedFixtures(f, []string{"requests", filepath.Join("pki", "formats"), "bad"}, exts...)
}

// seedFixtures adds the fixture files of dirs to a fuzz corpus: those ending in one of exts, every file when no
// extension is given.
func seedFixtures(f *testing.F, dirs []string, exts ...string) {
	for _, dir := range dirs {
		entries, err := os.ReadDir(fixtures.Path(dir))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if len(exts) == 0 || slices.ContainsFunc(exts, func(ext string) bool { return strings.HasSuffix(e.Name(), ext) }) {
				f.Add(readFixture(f, dir, e.Name()))
			}
		}
	}
}

// FuzzParseINF feeds arbitrary bytes to the INF parser, without the recover production wraps it in (loadRequest):
// it must not panic, and it returns a request or an *INFError, never both or neither.
func FuzzParseINF(f *testing.F) {
	seedRequests(f, ".inf")
	f.Add([]byte("[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\n2.5.29.17 = \"{hex}30 03 82 01 61\"\n2.5.29.37 = \"{text}1.3.6.1.5.5.7.3.1,\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseINF(data)
		var ie *INFError
		switch {
		case (err == nil) == (r == nil):
			t.Fatalf("either a request or an error: %v, %v", r, err)
		case err != nil && !errors.As(err, &ie):
			t.Fatalf("not an *INFError: %v", err)
		case err == nil && r.Format != RequestINF:
			t.Fatalf("format %q", r.Format)
		}
	})
}

// FuzzParseCSR feeds arbitrary bytes to the CSR reader, without a recover: it must not panic, and returns a
// request or an error, never both or neither.
func FuzzParseCSR(f *testing.F) {
	seedRequests(f, ".req", ".csr", ".der", ".pem")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseCSR(data)
		if (err == nil) == (r == nil) {
			t.Fatalf("either a request or an error: %v, %v", r, err)
		}
		if err == nil {
			_ = r.CommonName()
		}
	})
}

// FuzzInspectPFX feeds arbitrary bytes to the PFX packaging reader, without a recover: it must not panic.
func FuzzInspectPFX(f *testing.F) {
	seedRequests(f, ".pfx", ".p12")
	f.Fuzz(func(t *testing.T, data []byte) {
		if info := InspectPFX(data); info != nil && len(info.KeyProviders) == 0 && !info.KeysHidden && len(info.Encryption) == 0 && info.MAC == "" && info.PBES2 {
			t.Fatal("PBES2 without an encryption algorithm")
		}
	})
}
