package probe

import (
	"bytes"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uclint/uclint/fixtures"
)

func TestLoadFileFormats(t *testing.T) {
	cases := []struct {
		file      string
		chainLen  int
		needsPass bool
	}{
		{filepath.Join("pki", "se01.pem"), 1, false},
		{filepath.Join("pki", "formats", "se01-chain-reversed.pem"), 2, false},
		{filepath.Join("pki", "formats", "se01-crlf.pem"), 1, false},
		{filepath.Join("pki", "formats", "se01-full-chain.pem"), 2, false},
		{filepath.Join("pki", "formats", "se01.cer"), 0, false},
		{filepath.Join("pki", "formats", "se01.crt"), 0, false},
		{filepath.Join("pki", "formats", "se01.p7b"), 2, false},
		{filepath.Join("pki", "formats", "se01.p7c"), 2, false},
		{filepath.Join("pki", "formats", "se01-pem.p7b"), 2, false},
		{filepath.Join("pki", "formats", "se01-legacy.pfx"), 2, true},
		{filepath.Join("pki", "formats", "se01.p12"), 2, true},
		{filepath.Join("pki", "formats", "se01-aes.pfx"), 2, true},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			obs := LoadFile(fixtures.Path(tc.file), fixtures.PFXPassword)
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "se01.contoso.com" || len(obs.Chain) != tc.chainLen {
				t.Fatalf("leaf %q with %d chain certificates, want se01.contoso.com with %d", obs.Leaf.Subject.CommonName, len(obs.Chain), tc.chainLen)
			}
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	cases := []struct {
		file, password, want string
	}{
		{filepath.Join("bad", "empty.pem"), "", "the file is empty"},
		{filepath.Join("bad", "garbage.cer"), "", "no certificate found"},
		{filepath.Join("bad", "truncated.pem"), "", "truncated or corrupt"},
		{filepath.Join("bad", "truncated.der"), "", "truncated or corrupt"},
		{filepath.Join("bad", "key-only.pem"), "", "holds a private key but no certificate"},
		{filepath.Join("bad", "not-a-cert.txt"), "", "no certificate found"},
		{filepath.Join("bad", "truncated.pfx"), fixtures.PFXPassword, "truncated or corrupt"},
		{filepath.Join("pki", "formats", "se01-legacy.pfx"), "not-the-password", "wrong PFX password"},
		{filepath.Join("pki", "formats", "se01-aes.pfx"), "", "the PFX file is protected by a password: set UCLINT_PFX_PASSWORD or use --password-file"},
		{filepath.Join("pki", "contoso-ca-bundle.pem"), "", `holds only CA certificates ("Contoso Root CA", "Contoso Issuing CA 01"), no server certificate: to trust them, pass the file with --ca-file`},
		{filepath.Join("pki", "no-such-file.pem"), "", "cannot open the file"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := fixtures.Path(tc.file)
			obs := LoadFile(path, tc.password)
			if obs.Err == nil {
				t.Fatalf("no error for %s", tc.file)
			}
			msg := obs.Err.Error()
			if !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, tc.want) {
				t.Fatalf("error %q: want it to start with the file name and say %q", msg, tc.want)
			}
			if tc.password != "" && strings.Contains(msg, tc.password) {
				t.Fatalf("the password leaked into %q", msg)
			}
		})
	}
}

func TestLoadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.pem")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 10); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if obs := LoadFile(path, ""); obs.Err == nil || !strings.Contains(obs.Err.Error(), "larger than") {
		t.Fatalf("got %v", obs.Err)
	}
}

func TestLoadCertificatesBundle(t *testing.T) {
	certs, err := LoadCertificates(fixtures.Path("pki", "contoso-ca-bundle.pem"))
	if err != nil || len(certs) != 2 {
		t.Fatalf("%d certificates, %v", len(certs), err)
	}
	if _, err := LoadCertificates(fixtures.Path("bad", "key-only.pem")); err == nil {
		t.Fatal("a key is not a CA bundle")
	}
}

func TestParseCertificatesErrorKinds(t *testing.T) {
	if _, err := ParseCertificates([]byte("hello"), ""); !errors.Is(err, ErrNoCertificate) {
		t.Fatalf("got %v", err)
	}
}

// TestLoadFileMistakes: DER keys and CSRs, a PEM block whose body is cut, text around the blocks, and a truncated
// PFX read without a password each get an error that says what the file is, or load.
func TestLoadFileMistakes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	keyPEM, err := os.ReadFile(fixtures.Path("keys", "se01.key"))
	if err != nil {
		t.Fatal(err)
	}
	csrPEM, err := os.ReadFile(fixtures.Path("bad", "csr.pem"))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(fixtures.Path("pki", "se01.pem"))
	if err != nil {
		t.Fatal(err)
	}
	keyBlock, _ := pem.Decode(keyPEM)
	csrBlock, _ := pem.Decode(csrPEM)
	// A CSR is read as a request, PEM or DER, not refused (TestLoadFileRequests judges what is read).
	for _, path := range []string{fixtures.Path("bad", "csr.pem"), write("se01.csr", csrBlock.Bytes)} {
		if obs := LoadFile(path, ""); obs.Err != nil || obs.Request == nil || obs.Leaf != nil {
			t.Errorf("%s: got error %v, request %v: want the request read", path, obs.Err, obs.Request)
		}
	}
	certBlock, _ := pem.Decode(certPEM)
	cut := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certBlock.Bytes[:len(certBlock.Bytes)/2]})
	cases := []struct{ name, path, password, want string }{
		{"DER key", write("se01.key.der", keyBlock.Bytes), "", "holds a private key but no certificate"},
		{"PEM body cut", write("cut.pem", cut), "", "the certificate is truncated or corrupt: "},
		{"truncated PFX, no password", fixtures.Path("bad", "truncated.pfx"), "", "the PFX file is truncated or corrupt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := LoadFile(tc.path, tc.password)
			if obs.Err == nil || !strings.HasPrefix(obs.Err.Error(), tc.path+": ") || !strings.Contains(obs.Err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming the file and saying %q", obs.Err, tc.want)
			}
			if strings.Contains(obs.Err.Error(), "***") {
				t.Fatalf("mangled message %q", obs.Err)
			}
		})
	}
	t.Run("text around blocks, CA first", func(t *testing.T) {
		rest := certPEM
		var blocks [][]byte
		for {
			var b *pem.Block
			if b, rest = pem.Decode(rest); b == nil {
				break
			}
			blocks = append(blocks, pem.EncodeToMemory(b))
		}
		data := bytes.Join([][]byte{[]byte("Issuing CA:\r\n"), blocks[1], []byte("\r\nServer:\r\n"), blocks[0], []byte("end\r\n")}, nil)
		obs := LoadFile(write("annotated.pem", data), "")
		if obs.Err != nil || obs.Leaf.Subject.CommonName != "se01.contoso.com" || len(obs.Chain) != 1 {
			t.Fatalf("got %v", obs.Err)
		}
	})
}

func BenchmarkLoadFile(b *testing.B) {
	for _, f := range []string{"se01.cer", "se01-full-chain.pem", "se01-crlf.pem", "se01.p7b", "se01-pem.p7b", "se01-legacy.pfx", "se01-aes.pfx"} {
		path := fixtures.Path("pki", "formats", f)
		b.Run(f, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if obs := LoadFile(path, fixtures.PFXPassword); obs.Err != nil {
					b.Fatal(obs.Err)
				}
			}
		})
	}
}

// TestPFXIterationCap: a PFX that asks for more key-derivation rounds than the cap is refused at once, not worked
// through.
func TestPFXIterationCap(t *testing.T) {
	data, err := os.ReadFile(fixtures.Path("pki", "formats", "se01-aes.pfx"))
	if err != nil {
		t.Fatal(err)
	}
	// Modern2023 writes its iteration counts as INTEGER 2048 (02 02 08 00): patch them to 32767 (02 02 7f ff), which
	// keeps every length right, and check against a cap of 4096.
	patched := bytes.ReplaceAll(data, []byte{0x02, 0x02, 0x08, 0x00}, []byte{0x02, 0x02, 0x7f, 0xff})
	if bytes.Equal(patched, data) {
		t.Fatal("no iteration count found to patch")
	}
	if err := checkPFXIterations(patched, 4096); err == nil || !strings.Contains(err.Error(), "key-derivation iterations") {
		t.Fatalf("got %v", err)
	}
	if err := checkPFXIterations(data, maxPFXIterations); err != nil {
		t.Fatalf("a Windows-like PFX refused: %v", err)
	}
}
