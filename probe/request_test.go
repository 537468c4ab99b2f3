package probe

import (
	"crypto/rand"
	stdx509 "crypto/x509"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/internal/testpki"
)

func readFixture(t testing.TB, elem ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixtures.Path(elem...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var se01Names = []string{"se01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}

// TestParseINF reads the hand-written INF fixtures and checks what certreq would put in the request.
func TestParseINF(t *testing.T) {
	for _, name := range []string{"se01-wizard.inf", "se01-unicode.inf", "se01-strings.inf", "se01-ku-names.inf"} {
		t.Run(name, func(t *testing.T) {
			r, err := ParseINF(readFixture(t, "requests", name))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != RequestINF || r.CommonName() != "se01.contoso.com" || !slices.Equal(r.DNSNames, se01Names) {
				t.Fatalf("format %s, CN %q, SAN %q", r.Format, r.CommonName(), r.DNSNames)
			}
			if r.Provider != "Microsoft RSA SChannel Cryptographic Provider" || r.ProviderType != 12 || !r.KeySpecGiven ||
				r.KeySpec != 1 || r.KeyBits != 2048 || r.KeyAlgorithm != "rsa" {
				t.Fatalf("key: %q type %d, KeySpec %d (%v), %d-bit %s", r.Provider, r.ProviderType, r.KeySpec, r.KeySpecGiven, r.KeyBits, r.KeyAlgorithm)
			}
			if r.MachineKeySet != FlagTrue || r.Exportable != FlagFalse {
				t.Fatalf("MachineKeySet %d, Exportable %d", r.MachineKeySet, r.Exportable)
			}
			if !r.KeyUsageRequested || r.KeyUsage != stdx509.KeyUsageDigitalSignature|stdx509.KeyUsageKeyEncipherment {
				t.Fatalf("Key Usage %v (%b)", r.KeyUsageRequested, r.KeyUsage)
			}
			if !r.EKURequested || len(r.ExtKeyUsage) != 1 || r.ExtKeyUsage[0].String() != "1.3.6.1.5.5.7.3.1" {
				t.Fatalf("EKU %v %v", r.EKURequested, r.ExtKeyUsage)
			}
			if !r.TextSAN || r.SANSize == 0 || r.Line("subject") != r.Line("Subject") || r.Line("subject") == 0 {
				t.Fatalf("SAN {text} %v, %d bytes, Subject on line %d", r.TextSAN, r.SANSize, r.Line("subject"))
			}
		})
	}
}

// TestParseINFSubject reads Subject strings as certreq's CertStrToName does.
func TestParseINFSubject(t *testing.T) {
	cases := []struct{ subject, cn, err string }{
		{`"CN=pool01.contoso.com;OU=IT;O=Contoso"`, "pool01.contoso.com", ""},
		{`"CN=pool01.contoso.com, O=""Contoso, Ltd"", C=US"`, "pool01.contoso.com", ""},
		{`CN=pool01.contoso.com`, "pool01.contoso.com", ""},
		{`"O=Contoso,CN=pool01.contoso.com"`, "pool01.contoso.com", ""},
		{`"OID.2.5.4.3=pool01.contoso.com"`, "pool01.contoso.com", ""},
		{`""`, "", ""},
		{`"XX=pool01"`, "", `line 2: the Subject attribute "XX" is not one certreq knows`},
		{`"pool01.contoso.com"`, "", "is not TYPE=value"},
	}
	for _, tc := range cases {
		t.Run(tc.subject, func(t *testing.T) {
			r, err := ParseINF([]byte("[NewRequest]\nSubject = " + tc.subject + "\n"))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want an error saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.CommonName() != tc.cn {
				t.Fatalf("CN %q, want %q", r.CommonName(), tc.cn)
			}
		})
	}
}

// TestParseINFErrors: every malformed fixture gives an *INFError naming the line and what to change.
func TestParseINFErrors(t *testing.T) {
	cases := []struct {
		file string
		line int
		want string
	}{
		{"bad-unknown-section.inf", 5, "unknown section [NewRequests]"},
		{"bad-no-subject.inf", 5, "[NewRequest] has no Subject"},
		{"bad-quote.inf", 6, "opens a quote it does not close"},
		{"bad-unicode-quote.inf", 6, "opens a quote it does not close"},
		{"bad-quote-inside.inf", 15, "has a quote in the middle"},
		{"bad-keyspec.inf", 7, `KeySpec = "3"`},
		{"bad-san-type.inf", 26, `unknown type "dnsname"`},
		{"bad-no-newrequest.inf", 0, "no [NewRequest] section"},
		{"bad-utf16-no-bom.inf", 0, "UTF-16 without a byte order mark"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			_, err := ParseINF(readFixture(t, "requests", tc.file))
			var ie *INFError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *INFError", err)
			}
			if ie.Line != tc.line || !strings.Contains(ie.Error(), tc.want) {
				t.Fatalf("got %q (line %d), want line %d saying %q", ie.Error(), ie.Line, tc.line, tc.want)
			}
		})
	}
	more := []struct{ name, inf, want string }{
		{"value before a section", "Subject = CN=x\n", "line 1: Subject = ... comes before any section"},
		{"not key = value", "[NewRequest]\nSubject = \"CN=a.b\"\njust words\n", "line 3: \"just words\" is neither Key = Value"},
		{"section header cut", "[NewRequest\n", "line 1: \"[NewRequest\" is not a section header"},
		{"key set twice", "[NewRequest]\nSubject = \"CN=a.b\"\nsubject = \"CN=c.d\"\n", "line 3: subject is set twice in [NewRequest] (first on line 2)"},
		{"text after the closing quote", "[NewRequest]\nSubject = \"CN=a.b\" x\n", "line 2: the value of Subject has text after its closing quote"},
		{"undefined string", "[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\n%szOID_X% = \"{text}dns=a.b\"\n", "line 4: %szOID_X% is not defined in [Strings]"},
		{"continue without extension", "[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\n_continue_ = \"dns=a.b&\"\n", "line 4: _continue_ continues nothing"},
		{"not an OID", "[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\nSAN = \"{text}dns=a.b\"\n", "line 4: \"SAN\" in [Extensions] is not an extension OID"},
		{"bad boolean", "[NewRequest]\nSubject = \"CN=a.b\"\nExportable = maybe\n", "line 3: Exportable = \"maybe\": write TRUE or FALSE"},
		{"bad key length", "[NewRequest]\nSubject = \"CN=a.b\"\nKeyLength = big\n", "line 3: KeyLength \"big\" is not a number"},
		{"bad key usage", "[NewRequest]\nSubject = \"CN=a.b\"\nKeyUsage = lots\n", "line 3: KeyUsage \"lots\""},
		{"bad IP", "[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\n2.5.29.17 = \"{text}\"\n_continue_ = \"ipaddress=10.0.0&\"\n", "line 5: SAN entry"},
		{"bad base64", "[NewRequest]\nSubject = \"CN=a.b\"\n[Extensions]\n2.5.29.17 = \"!!!\"\n", "line 4: the value of 2.5.29.17 is neither {text}, {hex} nor base64"},
		{"two NewRequest", "[NewRequest]\nSubject = \"CN=a.b\"\n[newrequest]\nKeySpec = 1\n", "line 3: a second [NewRequest] section (the first is on line 1)"},
	}
	for _, tc := range more {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseINF([]byte(tc.inf))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestParseINFExtensionForms reads the SAN in {hex} and base64 DER, the EKU in {text}, a policy statement's own
// section, and Windows-1252 text.
func TestParseINFExtensionForms(t *testing.T) {
	// DER GeneralNames { dNSName "a.contoso.com" }.
	der := "300f820d612e636f6e746f736f2e636f6d"
	cases := []struct{ name, ext string }{
		{"hex", "2.5.29.17 = \"{hex}" + strings.Join(splitPairs(der), " ") + "\"\n"},
		{"base64", "2.5.29.17 = MA+CDWEuY29udG9zby5jb20=\n"},
		{"text with IP and e-mail", "2.5.29.17 = \"{text}\"\n_continue_ = \"IP Address=10.0.0.1&\"\n_continue_ = \"EMail=a@contoso.com&DNS=a.contoso.com\"\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseINF([]byte("[NewRequest]\r\nSubject = \"CN=a.contoso.com\"\r\n[Extensions]\r\n" + tc.ext))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.DNSNames, []string{"a.contoso.com"}) || r.SANSize == 0 {
				t.Fatalf("SAN %q (%d bytes)", r.DNSNames, r.SANSize)
			}
		})
	}
	t.Run("policy statement section", func(t *testing.T) {
		inf := "[NewRequest]\nSubject = \"CN=a.b\"\n[PolicyStatementExtension]\nPolicies = LegalPolicy\n[LegalPolicy]\nOID = 1.2.3.4\n"
		if _, err := ParseINF([]byte(inf)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Windows-1252", func(t *testing.T) {
		r, err := ParseINF([]byte("[NewRequest]\nSubject = \"CN=a.b, O=Soci\xe9t\xe9\"\n"))
		if err != nil || !strings.Contains(r.Subject, "Société") {
			t.Fatalf("%v %q", err, r.Subject)
		}
	})
}

func splitPairs(s string) []string {
	var out []string
	for i := 0; i+1 < len(s); i += 2 {
		out = append(out, s[i:i+2])
	}
	return out
}

// TestParseCSR reads the certreq-style CSRs (Go-made, with the Enrollment CSP attribute) and the OpenSSL-made ones.
func TestParseCSR(t *testing.T) {
	cases := []struct {
		file     string
		provider string
		keySpec  int // -1: no attribute
		eku      bool
		sigOK    bool
	}{
		{"se01-certreq.req", "Microsoft RSA SChannel Cryptographic Provider", 1, true, true},
		{"se01-certreq-ksp.req", "Microsoft Software Key Storage Provider", 0, true, true},
		{"se01-certreq-keyspec2.req", "Microsoft RSA SChannel Cryptographic Provider", 2, true, true},
		{"se01-certreq-no-eku.req", "Microsoft RSA SChannel Cryptographic Provider", 1, false, true},
		{"se01-bad-signature.req", "Microsoft RSA SChannel Cryptographic Provider", 1, true, false},
		{"se01-openssl.csr", "", -1, true, true},
		{"se01-openssl.der", "", -1, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := ParseCSR(readFixture(t, "requests", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != RequestCSR || r.CommonName() != "se01.contoso.com" || !slices.Equal(r.DNSNames, se01Names) {
				t.Fatalf("format %s, CN %q, SAN %q", r.Format, r.CommonName(), r.DNSNames)
			}
			if r.Provider != tc.provider || r.KeySpecGiven != (tc.keySpec >= 0) || (tc.keySpec >= 0 && r.KeySpec != tc.keySpec) {
				t.Fatalf("provider %q, KeySpec %d (%v)", r.Provider, r.KeySpec, r.KeySpecGiven)
			}
			if r.EKURequested != tc.eku || !r.KeyUsageRequested || r.KeyUsage != stdx509.KeyUsageDigitalSignature|stdx509.KeyUsageKeyEncipherment {
				t.Fatalf("EKU %v, Key Usage %v %b", r.EKURequested, r.KeyUsageRequested, r.KeyUsage)
			}
			if (r.SignatureError == "") != tc.sigOK || r.KeyAlgorithm != "rsa" || r.KeyBits != 2048 {
				t.Fatalf("signature error %q, key %s %d", r.SignatureError, r.KeyAlgorithm, r.KeyBits)
			}
		})
	}
	for _, bad := range [][]byte{nil, []byte("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"), {0x30, 0x03, 0x02, 0x01, 0x00}} {
		if _, err := ParseCSR(bad); err == nil {
			t.Errorf("ParseCSR(%q): no error", bad)
		}
	}
}

// TestParseCSROpenSSLAgrees checks the signature verdicts against openssl req -verify.
func TestParseCSROpenSSLAgrees(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	entries, err := os.ReadDir(fixtures.Path("requests"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); ext != ".req" && ext != ".csr" {
			continue
		}
		path := fixtures.Path("requests", e.Name())
		out, err := exec.Command("openssl", "req", "-in", path, "-noout", "-verify").CombinedOutput()
		opensslOK := err == nil && strings.Contains(string(out), "verify OK")
		r, perr := ParseCSR(readFixture(t, "requests", e.Name()))
		if perr != nil {
			t.Fatalf("%s: %v", e.Name(), perr)
		}
		if opensslOK != (r.SignatureError == "") {
			t.Errorf("%s: openssl says %q, uclint %q", e.Name(), strings.TrimSpace(string(out)), r.SignatureError)
		}
	}
}

// TestLoadFileRequests: check reads request files by content or extension, as one observation with no leaf; a
// malformed INF is an error naming the file and the line.
func TestLoadFileRequests(t *testing.T) {
	for _, name := range []string{"se01-wizard.inf", "se01-unicode.inf", "se01-certreq.req", "se01-openssl.csr", "se01-openssl.der"} {
		obs := LoadFileAll(fixtures.Path("requests", name), "")
		if len(obs) != 1 || obs[0].Err != nil || obs[0].Request == nil || obs[0].Leaf != nil {
			t.Errorf("%s: %+v", name, obs)
		}
	}
	// An INF under another name is recognized by its [NewRequest] section.
	dir := t.TempDir()
	renamed := filepath.Join(dir, "request.txt")
	if err := os.WriteFile(renamed, readFixture(t, "requests", "se01-unicode.inf"), 0o600); err != nil {
		t.Fatal(err)
	}
	if obs := LoadFile(renamed, ""); obs.Request == nil || obs.Request.Format != RequestINF {
		t.Errorf("%s: not read as an INF: %v", renamed, obs.Err)
	}
	path := fixtures.Path("requests", "bad-quote.inf")
	obs := LoadFile(path, "")
	if obs.Err == nil || !strings.HasPrefix(obs.Err.Error(), path+": not a usable certreq INF file: line 6: ") {
		t.Fatalf("got %v", obs.Err)
	}
	// A file with a certificate and a request is a certificate file.
	both := filepath.Join(dir, "both.pem")
	if err := os.WriteFile(both, append(readFixture(t, "pki", "se01.pem"), readFixture(t, "requests", "se01-openssl.csr")...), 0o600); err != nil {
		t.Fatal(err)
	}
	if obs := LoadFile(both, ""); obs.Leaf == nil || obs.Request != nil {
		t.Fatalf("certificate and request: %+v", obs)
	}
}

// TestInspectPFX reads the packaging of the PFX fixtures (OpenSSL-made and Go-made) without their password.
func TestInspectPFX(t *testing.T) {
	cases := []struct {
		file     []string
		provider string
		pbes2    bool
		mac      string
	}{
		{[]string{"requests", "se01-ksp.pfx"}, "Microsoft Software Key Storage Provider", true, "SHA-256"},
		{[]string{"requests", "se01-schannel-3des.pfx"}, "Microsoft RSA SChannel Cryptographic Provider", false, "SHA-1"},
		{[]string{"requests", "se01-enhanced-3des.pfx"}, "Microsoft Enhanced Cryptographic Provider v1.0", false, "SHA-1"},
		{[]string{"pki", "formats", "se01-aes.pfx"}, "", true, "SHA-256"},
		{[]string{"pki", "formats", "se01-legacy.pfx"}, "", false, "SHA-1"},
	}
	for _, tc := range cases {
		t.Run(tc.file[len(tc.file)-1], func(t *testing.T) {
			info := InspectPFX(readFixture(t, tc.file...))
			if info == nil {
				t.Fatal("nothing read")
			}
			if !slices.Equal(info.KeyProviders, []string{tc.provider}) || info.PBES2 != tc.pbes2 || info.MAC != tc.mac || info.KeysHidden {
				t.Fatalf("%+v", info)
			}
			if tc.pbes2 && !slices.Contains(info.Encryption, "PBES2 (AES-256-CBC)") {
				t.Fatalf("encryption %q", info.Encryption)
			}
		})
	}
	obs := LoadFile(fixtures.Path("requests", "se01-ksp.pfx"), fixtures.PFXPassword)
	if obs.Err != nil || obs.PFX == nil || obs.PFX.KeyProviders[0] != "Microsoft Software Key Storage Provider" {
		t.Fatalf("LoadFile: %v %+v", obs.Err, obs.PFX)
	}
	if InspectPFX(readFixture(t, "bad", "truncated.pfx")) != nil || InspectPFX([]byte{0x30, 0x00}) != nil {
		t.Fatal("a corrupt PFX read as one")
	}
}

// TestInspectPFXPBES2With3DES: a PFX OpenSSL encrypts with PBES2 and DES-EDE3-CBC is PBES2, though its cipher is
// 3DES: Windows Server 2003 and 2008 cannot import it.
func TestInspectPFXPBES2With3DES(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	key, cert, pfx := filepath.Join(dir, "k.pem"), filepath.Join(dir, "c.pem"), filepath.Join(dir, "p.pfx")
	for _, args := range [][]string{
		{"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=se01.contoso.com", "-days", "1"},
		{"pkcs12", "-export", "-in", cert, "-inkey", key, "-keypbe", "DES-EDE3-CBC", "-certpbe", "DES-EDE3-CBC", "-passout", "pass:x", "-out", pfx},
	} {
		if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
			t.Skipf("openssl %s: %v %s", args[0], err, out)
		}
	}
	data, err := os.ReadFile(pfx)
	if err != nil {
		t.Fatal(err)
	}
	info := InspectPFX(data)
	if info == nil || !info.PBES2 || !slices.Equal(info.Encryption, []string{"PBES2 (DES-EDE3-CBC)"}) {
		t.Fatalf("%+v", info)
	}
}

// TestRequestCommonNameWideStrings: a CSR whose CN is a BMPString (as OpenSSL writes it with string_mask) or a
// UniversalString (which OpenSSL will not write: made here) gives that CN, as Windows reads it, not "".
func TestRequestCommonNameWideStrings(t *testing.T) {
	goCSR := func(tag int) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			key, err := testpki.NewKey("ecdsa", 256)
			if err != nil {
				t.Fatal(err)
			}
			der, err := stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{
				RawSubject: testpki.RawSubject(testpki.StringCN(tag, "se01.contoso.com"))}, key)
			if err != nil {
				t.Fatal(err)
			}
			return der
		}
	}
	opensslCSR := func(t *testing.T) []byte {
		if _, err := exec.LookPath("openssl"); err != nil {
			t.Skip("openssl is not installed")
		}
		dir := t.TempDir()
		cnf := filepath.Join(dir, "req.cnf")
		config := "[req]\ndistinguished_name=dn\nstring_mask=MASK:0x800\nprompt=no\n[dn]\nCN=se01.contoso.com\n"
		if err := os.WriteFile(cnf, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		csr := filepath.Join(dir, "se01.csr")
		out, err := exec.Command("openssl", "req", "-new", "-config", cnf, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
			"-nodes", "-keyout", filepath.Join(dir, "se01.key"), "-out", csr).CombinedOutput()
		if err != nil {
			t.Fatalf("openssl req -new: %v: %s", err, out)
		}
		data, err := os.ReadFile(csr)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, tc := range []struct {
		name string
		csr  func(t *testing.T) []byte
	}{{"BMPString by OpenSSL", opensslCSR}, {"BMPString", goCSR(30)}, {"UniversalString", goCSR(28)}, {"TeletexString", goCSR(20)}} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseCSR(tc.csr(t))
			if err != nil {
				t.Fatal(err)
			}
			if r.CommonName() != "se01.contoso.com" {
				t.Fatalf("CN %q, want se01.contoso.com (Subject %q)", r.CommonName(), r.Subject)
			}
		})
	}
}
