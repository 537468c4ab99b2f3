package probe

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/uclint/uclint/fixtures"
)

// pemBlocks returns the PEM blocks of a fixture file, re-encoded one by one.
func pemBlocks(t *testing.T, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var blocks [][]byte
	for {
		var b *pem.Block
		if b, data = pem.Decode(data); b == nil {
			return blocks
		}
		blocks = append(blocks, pem.EncodeToMemory(b))
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLoadFileAllSeveralServerCertificates: every end-entity certificate of a file is its own observation, with
// the file's CA certificates (once each) as its chain and its position.
func TestLoadFileAllSeveralServerCertificates(t *testing.T) {
	se01 := pemBlocks(t, fixtures.Path("pki", "se01.pem"))
	pool01 := pemBlocks(t, fixtures.Path("pki", "pool01.pem"))
	dir01 := pemBlocks(t, fixtures.Path("pki", "dir01.pem"))
	root := pemBlocks(t, fixtures.Path("pki", "contoso-root.pem"))
	// se01 and its issuing CA, pool01 and the same issuing CA again, the root, then dir01 without its CA.
	data := bytes.Join([][]byte{se01[0], se01[1], pool01[0], pool01[1], root[0], dir01[0]}, nil)
	all := LoadFileAll(writeFile(t, "servers.pem", data), "")
	want := []string{"se01.contoso.com", "pool01.contoso.com", "dir01.contoso.com"}
	if len(all) != len(want) {
		t.Fatalf("%d observations, want %d", len(all), len(want))
	}
	for i, obs := range all {
		if obs.Err != nil {
			t.Fatal(obs.Err)
		}
		if obs.Leaf.Subject.CommonName != want[i] || obs.Index != i+1 || obs.Count != 3 {
			t.Fatalf("observation %d: %q, %d of %d", i, obs.Leaf.Subject.CommonName, obs.Index, obs.Count)
		}
		if len(obs.Chain) != 2 || obs.Chain[0].Subject.CommonName != "Contoso Issuing CA 01" || obs.Chain[1].Subject.CommonName != "Contoso Root CA" {
			t.Fatalf("observation %d: chain of %d", i, len(obs.Chain))
		}
		if i > 0 && obs.Chain[0] == all[0].Chain[0] {
			t.Fatal("two observations share a parsed CA certificate: they could not be judged in different goroutines")
		}
	}
}

// TestLoadFileAllOneServerCertificate: every fixture file with a server certificate gives one observation per
// server certificate (one, but for the files named a-and-b), never a CA certificate, whatever the order of the file.
func TestLoadFileAllOneServerCertificate(t *testing.T) {
	for _, dir := range []string{"pki", filepath.Join("pki", "formats")} {
		entries, err := os.ReadDir(fixtures.Path(dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || strings.HasPrefix(name, "contoso-") || strings.HasPrefix(name, "public-") || strings.HasPrefix(name, "rogue-") {
				continue
			}
			want := strings.Count(name, "-and-") + 1 // se01-and-dir01.pem holds two server certificates
			all := LoadFileAll(fixtures.Path(dir, name), fixtures.PFXPassword)
			if len(all) != want || all[0].Err != nil {
				t.Fatalf("%s: %d observations, want %d (%v)", name, len(all), want, all[0].Err)
			}
			for i, obs := range all {
				if cn := obs.Leaf.Subject.CommonName; obs.Leaf.IsCA || strings.Contains(cn, " CA") || obs.Index != i+1 || obs.Count != want {
					t.Fatalf("%s: observation %d of %d is %q", name, obs.Index, obs.Count, cn)
				}
			}
		}
	}
}

// TestLoadFileAllOnlyCA: a file of CA certificates is refused, naming them and saying what to do with them.
func TestLoadFileAllOnlyCA(t *testing.T) {
	for _, name := range []string{"contoso-root.pem", "contoso-issuing.pem", "public-root.pem", "rogue-root.pem"} {
		all := LoadFileAll(fixtures.Path("pki", name), "")
		if len(all) != 1 || !errors.Is(all[0].Err, ErrOnlyCACertificates) || !strings.Contains(all[0].Err.Error(), "pass the file with --ca-file") {
			t.Fatalf("%s: %d observations, %v", name, len(all), all[0].Err)
		}
	}
}

// TestLoadFileAllOpenSSLCertificates: what counts as a CA certificate, on certificates the openssl command makes.
// `openssl req -x509` marks its certificate CA:TRUE (the v3_ca section) without a Key Usage: with a host name in
// its SAN it is a (misconfigured) server certificate; without one, a CA certificate, as is a root with keyCertSign.
func TestLoadFileAllOpenSSLCertificates(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		server bool
	}{
		{"req -x509 with a SAN", []string{"-subj", "/CN=se01.contoso.com", "-addext", "subjectAltName=DNS:se01.contoso.com"}, true},
		{"req -x509 CA:FALSE", []string{"-subj", "/CN=se01.contoso.com", "-addext", "basicConstraints=critical,CA:FALSE"}, true},
		{"req -x509 CA with a Key Usage that cannot sign certificates", []string{"-subj", "/CN=se01", "-addext", "keyUsage=digitalSignature,keyEncipherment"}, true},
		{"req -x509 without a SAN", []string{"-subj", "/CN=se01"}, false},
		{"root CA", []string{"-subj", "/CN=ISRG Root X1", "-addext", "keyUsage=critical,keyCertSign,cRLSign"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".pem")
			args := append([]string{"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-keyout", filepath.Join(dir, "key.pem"), "-out", path, "-days", "30"}, tc.args...)
			if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl: %v\n%s", err, out)
			}
			all := LoadFileAll(path, "")
			if tc.server != (all[0].Err == nil) {
				t.Fatalf("server certificate %v: got %v", tc.server, all[0].Err)
			}
			if !tc.server && !strings.Contains(all[0].Err.Error(), `holds only CA certificates ("`) {
				t.Fatalf("got %v", all[0].Err)
			}
		})
	}
}

// pfxVariants returns PFX files that cannot be opened with a wrong password: wrong-password files, truncated and
// corrupted copies of a real PFX at many places, and a copy with trailing garbage.
func pfxVariants(t *testing.T) map[string][]byte {
	t.Helper()
	variants := map[string][]byte{}
	for _, name := range []string{"se01-legacy.pfx", "se01-aes.pfx", "se01.p12"} {
		data := readFixture(t, "pki", "formats", name)
		variants[name] = data
		for _, frac := range []int{10, 30, 50, 70, 90, 99} {
			at := len(data) * frac / 100
			variants[name+" truncated at "+strconv.Itoa(at)] = data[:at]
			flipped := bytes.Clone(data)
			flipped[at] ^= 0x5a
			variants[name+" byte "+strconv.Itoa(at)+" flipped"] = flipped
		}
		for _, at := range []int{1, 3, 5, 7} { // ASN.1 lengths near the start
			flipped := bytes.Clone(data)
			flipped[at] ^= 0x01
			variants[name+" length byte "+strconv.Itoa(at)+" changed"] = flipped
		}
		variants[name+" with trailing garbage"] = append(bytes.Clone(data), "garbage"...)
	}
	variants["bad/truncated.pfx"] = readFixture(t, "bad", "truncated.pfx")
	return variants
}

// TestPFXErrorsGiveNoPasswordAway: with a short password, the error for a wrong-password, truncated or corrupt
// PFX file is exactly the error for a long password: nothing of the password shows, not even where its characters
// would have been.
func TestPFXErrorsGiveNoPasswordAway(t *testing.T) {
	const long = "a much longer password than any of these"
	dir := t.TempDir()
	for name, data := range pfxVariants(t) {
		path := filepath.Join(dir, "file.pfx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		reference := LoadFile(path, long)
		if reference.Err == nil {
			t.Fatalf("%s: opened with a wrong password", name)
		}
		for _, short := range []string{"a", "ab", "1", "Co"} {
			obs := LoadFile(path, short)
			if obs.Err == nil || obs.Err.Error() != reference.Err.Error() {
				t.Fatalf("%s: with password %q: %v\nwith a long password: %v", name, short, obs.Err, reference.Err)
			}
		}
		if msg := reference.Err.Error(); strings.Contains(msg, "***") || strings.Contains(msg, "pkcs12") {
			t.Fatalf("%s: a parser's text in %q", name, msg)
		}
	}
}

// TestPFXNoPasswordGiven: an encrypted PFX opened without a password says that a password is needed, not that it
// is wrong; a PFX with an empty password (they exist: openssl pkcs12 -passout pass:) opens without one, and with a
// password given by mistake.
func TestPFXNoPasswordGiven(t *testing.T) {
	obs := LoadFile(fixtures.Path("pki", "formats", "se01-legacy.pfx"), "")
	if !errors.Is(obs.Err, ErrPFXNoPassword) || errors.Is(obs.Err, ErrPFXPassword) {
		t.Fatalf("got %v", obs.Err)
	}
	if obs := LoadFile(fixtures.Path("pki", "formats", "se01-legacy.pfx"), "wrong"); !errors.Is(obs.Err, ErrPFXPassword) {
		t.Fatalf("got %v", obs.Err)
	}

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &stdx509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "se01.contoso.com"},
		DNSNames: []string{"se01.contoso.com"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := stdx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, enc := range map[string]*pkcs12.Encoder{"legacy": pkcs12.LegacyRC2, "modern": pkcs12.Modern} {
		data, err := enc.Encode(key, cert, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	if openssl, err := exec.LookPath("openssl"); err == nil {
		dir := t.TempDir()
		out := filepath.Join(dir, "empty.pfx")
		cmd := exec.Command(openssl, "pkcs12", "-export", "-in", fixtures.Path("pki", "se01.pem"),
			"-inkey", fixtures.Path("keys", "se01.key"), "-passout", "pass:", "-out", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("openssl: %v\n%s", err, msg)
		}
		if files["openssl"], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		path := writeFile(t, name+".pfx", data)
		for _, password := range []string{"", "given by mistake"} {
			if obs := LoadFile(path, password); obs.Err != nil || obs.Leaf.Subject.CommonName != "se01.contoso.com" {
				t.Fatalf("%s PFX with an empty password, opened with %q: %v", name, password, obs.Err)
			}
		}
	}
}
