package request

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// contexts lists a context for every certificate of every role of every product, with every fact the role takes
// given (pools: also as a member's certificate), so that every name rule applies.
func contexts(t testing.TB) []policy.Context {
	t.Helper()
	var out []policy.Context
	for _, p := range policy.Profiles() {
		for _, role := range p.Roles {
			for _, kind := range role.CertificateKinds() {
				ctx := policy.Context{Product: p, Role: policy.Role(role.Name), Certificate: kind,
					FQDN: role.Name + ".contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com", "litware.com"},
					AutoConfig: true}
				if role.HasOption(policy.OptionWebFarm) {
					ctx.WebFarm = "webpool01.contoso.com"
				}
				if role.HasOption(policy.OptionClientLogon) {
					ctx.ClientLogon = true
				}
				if role.HasOption(policy.OptionInternalWeb) {
					ctx.InternalWeb = "webint.contoso.com"
				}
				if role.HasOption(policy.OptionExternalWeb) {
					ctx.ExternalWeb = "webext.contoso.com"
				}
				if role.HasOption(policy.OptionSimpleURLs) {
					ctx.SimpleURLs = policy.SimpleURLs{Meet: []string{"meet.contoso.com", "meet.fabrikam.com"}, Dialin: "dialin.contoso.com", Admin: "admin.contoso.com"}
				}
				out = append(out, ctx)
				if role.Pool {
					member := ctx
					member.Member = "fe01.contoso.com"
					out = append(out, member)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no profiles")
	}
	return out
}

func name(ctx policy.Context) string {
	return fmt.Sprintf("%s/%s/%s/%s", ctx.Profile().ID, ctx.Role, ctx.Certificate, ctx.Member)
}

var (
	runnerOnce sync.Once
	runner     *lint.Runner
	runnerErr  error
)

// requestLinter is the runner of uclint's rules, built once for the package's tests.
func requestLinter(t testing.TB) *lint.Runner {
	t.Helper()
	runnerOnce.Do(func() { runner, runnerErr = lint.NewRunner([]zlint.LintSource{}) })
	if runnerErr != nil {
		t.Fatal(runnerErr)
	}
	return runner
}

// mustPass lints a request and fails the test on any finding, notices included. A product without request rules
// refuses to judge requests (its requests are held to its names by the callers).
func mustPass(t testing.TB, req *probe.Request, ctx policy.Context) {
	t.Helper()
	findings, err := requestLinter(t).LintRequest(lint.RequestInput{Request: req, Context: ctx})
	if err != nil && !hasRequestRules(ctx.Profile()) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("%s: %s", f.Lint, f.Details)
	}
}

// hasRequestRules reports whether a product's profile has rules on requests.
func hasRequestRules(p *policy.Profile) bool {
	for _, r := range p.Rules {
		if strings.HasPrefix(r.Check, "request_") {
			return true
		}
	}
	return false
}

// key is one RSA key for the package's tests (the CSRs need a key; its size is what the spec asks for).
var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
	keyErr  error
)

func sharedKey(t testing.TB, s *Spec) *rsa.PrivateKey {
	t.Helper()
	keyOnce.Do(func() { testKey, keyErr = s.NewKey() })
	if keyErr != nil {
		t.Fatal(keyErr)
	}
	return testKey
}

// TestGeneratedRequestsPass: the INF and the CSR written for every certificate of every role pass every request
// rule, and ask for exactly the names the name rules require.
func TestGeneratedRequestsPass(t *testing.T) {
	for _, ctx := range contexts(t) {
		t.Run(name(ctx), func(t *testing.T) {
			s, err := New(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ctx.RequiredNames()
			inf, err := probe.ParseINF(s.INF())
			if err != nil {
				t.Fatalf("the INF does not parse: %v\n%s", err, s.INF())
			}
			if inf.CommonName() != want.Subject || strings.Join(inf.DNSNames, ",") != strings.Join(want.SAN, ",") {
				t.Fatalf("INF asks for CN %q SAN %v, want %q %v", inf.CommonName(), inf.DNSNames, want.Subject, want.SAN)
			}
			if (inf.Exportable == probe.FlagTrue) != (s.Certificate.Exportable == policy.ExportableRequired) {
				t.Errorf("Exportable %d for a certificate whose key must be %q", inf.Exportable, s.Certificate.Exportable)
			}
			mustPass(t, inf, ctx)
			pemCSR, err := s.CSR(sharedKey(t, s))
			if err != nil {
				t.Fatal(err)
			}
			csr, err := probe.ParseCSR(pemCSR)
			if err != nil {
				t.Fatal(err)
			}
			mustPass(t, csr, ctx)
		})
	}
}

// TestGeneratedRequestsForLegacyClients: with clients that cannot validate SHA-2, the CSR and the OpenSSL
// configuration use SHA-1, and still pass.
func TestGeneratedRequestsForLegacyClients(t *testing.T) {
	ctx := policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com",
		SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true, Clients: []policy.Client{policy.ClientServer2003}}
	s, err := New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !s.SHA1 || !bytes.Contains(s.OpenSSLConfig(), []byte("default_md         = sha1")) {
		t.Fatalf("SHA1 %v:\n%s", s.SHA1, s.OpenSSLConfig())
	}
	pemCSR, err := s.CSR(sharedKey(t, s))
	if err != nil {
		t.Fatal(err)
	}
	csr, err := probe.ParseCSR(pemCSR)
	if err != nil {
		t.Fatal(err)
	}
	if csr.SignatureAlgorithm != "SHA1-RSA" || csr.SignatureError != "" {
		t.Fatalf("signature %s (%s)", csr.SignatureAlgorithm, csr.SignatureError)
	}
	mustPass(t, csr, ctx)
}

// TestNewNeedsARole: without a role there is nothing to request.
func TestNewNeedsARole(t *testing.T) {
	if _, err := New(policy.Context{FQDN: "se01.contoso.com"}); !errors.Is(err, policy.ErrNoRole) {
		t.Fatalf("got %v", err)
	}
	if _, err := New(policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", Certificate: "oauth"}); err == nil {
		t.Fatal("a certificate the role does not have")
	}
}

// TestOpenSSLAccepts: OpenSSL reads the configuration and makes a request from it that passes uclint, and
// accepts the CSR uclint makes (openssl req -verify).
func TestOpenSSLAccepts(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	for i, ctx := range contexts(t) {
		t.Run(name(ctx), func(t *testing.T) {
			s, err := New(ctx)
			if err != nil {
				t.Fatal(err)
			}
			config := filepath.Join(dir, fmt.Sprintf("request-%d.cnf", i))
			csrFile := filepath.Join(dir, fmt.Sprintf("request-%d.csr", i))
			if err := os.WriteFile(config, s.OpenSSLConfig(), 0o600); err != nil {
				t.Fatal(err)
			}
			// The key of the first role's fixture keeps the test fast; openssl req -newkey works the same way.
			out, err := exec.Command("openssl", "req", "-new", "-config", config, "-key", filepath.Join("..", "fixtures", "keys", "se01.key"),
				"-out", csrFile).CombinedOutput()
			if err != nil {
				t.Fatalf("openssl req -new: %v: %s", err, out)
			}
			data, err := os.ReadFile(csrFile)
			if err != nil {
				t.Fatal(err)
			}
			csr, err := probe.ParseCSR(data)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(csr.DNSNames, ",") != strings.Join(s.SAN, ",") || csr.CommonName() != s.Subject {
				t.Fatalf("OpenSSL's request asks for CN %q SAN %v, want %q %v", csr.CommonName(), csr.DNSNames, s.Subject, s.SAN)
			}
			mustPass(t, csr, ctx)
			pemCSR, err := s.CSR(sharedKey(t, s))
			if err != nil {
				t.Fatal(err)
			}
			goCSR := filepath.Join(dir, fmt.Sprintf("go-%d.csr", i))
			if err := os.WriteFile(goCSR, pemCSR, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{csrFile, goCSR} {
				out, err := exec.Command("openssl", "req", "-in", f, "-noout", "-verify").CombinedOutput()
				if err != nil || !strings.Contains(string(out), "verify OK") {
					t.Fatalf("openssl req -verify %s: %v: %s", filepath.Base(f), err, out)
				}
			}
		})
	}
}

// TestINFForWindows: the INF has Windows line endings, no line over certreq's comfortable length, and the values
// certreq reads as the OCS wizard writes them.
func TestINFForWindows(t *testing.T) {
	s, err := New(policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com"})
	if err != nil {
		t.Fatal(err)
	}
	inf := string(s.INF())
	if strings.Count(inf, "\r\n") != strings.Count(inf, "\n") {
		t.Fatal("not every line ends in CRLF")
	}
	for _, want := range []string{"KeySpec = 1\r\n", "MachineKeySet = TRUE\r\n", "Exportable = FALSE\r\n",
		"ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\r\n", "ProviderType = 12\r\n",
		"RequestType = PKCS10\r\n", "KeyUsage = 0xa0\r\n", "OID = 1.3.6.1.5.5.7.3.1\r\n", "KeyLength = 2048\r\n",
		"_continue_ = \"dns=se01.contoso.com&\"\r\n"} {
		if !strings.Contains(inf, want) {
			t.Errorf("the INF lacks %q", want)
		}
	}
}

// TestSteps: the next steps of each format are the commands the file's own comments give, on one line.
func TestSteps(t *testing.T) {
	s, err := New(policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want, file string }{
		{s.INFSteps(), `on the first member server, as a local administrator: certreq -new pool01.inf pool01.req; ` +
			`uclint check pool01.req; certreq -submit -attrib "CertificateTemplate:WebServer" pool01.req pool01.cer; ` +
			`certreq -accept pool01.cer; then export it with its private key (a 3DES PFX) and import it on every server that shares it`,
			string(s.INF())},
		{s.OpenSSLSteps(), "openssl req -new -config pool01.cnf -newkey rsa:2048 -nodes -keyout pool01.key -out pool01.csr; " +
			"uclint check pool01.csr", string(s.OpenSSLConfig())},
		{s.CSRSteps("k.key"), "submit the CSR to the CA; keep the key in k.key, and bring key and certificate to Windows in a 3DES PFX: " +
			`openssl pkcs12 -export -in pool01.cer -inkey k.key -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 ` +
			`-CSP "Microsoft RSA SChannel Cryptographic Provider" -out pool01.pfx`, ""},
	} {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
		if c.file == "" {
			continue
		}
		cmds := c.got
		if _, after, ok := strings.Cut(c.got, ": "); ok {
			cmds = after
		}
		for cmd := range strings.SplitSeq(cmds, "; ") {
			if cmd = strings.TrimPrefix(cmd, "then "); !strings.Contains(strings.ToLower(c.file), strings.ToLower(cmd)) {
				t.Errorf("the file's comments lack %q", cmd)
			}
		}
	}
}

// TestWriteNew: a key is written 0600 and nothing is ever overwritten.
func TestWriteNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "server.key")
	if err := WriteNew(path, []byte("key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("mode %v (%v)", info.Mode(), err)
		}
	}
	err := WriteNew(path, []byte("other"), 0o600)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "key" {
		t.Fatalf("overwritten: %q", data)
	}
	if err := WriteNew(filepath.Join(path, "sub"), nil, 0o600); err == nil || errors.Is(err, fs.ErrExist) {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkINF measures building and parsing back one INF.
func BenchmarkINF(b *testing.B) {
	s, err := New(policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com",
		SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := probe.ParseINF(s.INF()); err != nil {
			b.Fatal(err)
		}
	}
}
