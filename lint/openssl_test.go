package lint

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
)

// opensslPKI makes certificates with the openssl command, so the rules are tried on certificates uclint's own
// generator did not make: a root, and leaves signed by it as asked.
type opensslPKI struct {
	t   *testing.T
	dir string
}

const opensslServerExt = "subjectAltName=DNS:se01.contoso.com,DNS:sip.contoso.com,DNS:sip.fabrikam.com\n" +
	"extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n" +
	"crlDistributionPoints=URI:http://pki.contoso.com/crl/openssl.crl\n"

func newOpenSSLPKI(t *testing.T) *opensslPKI {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed (CI installs it)")
	}
	p := &opensslPKI{t: t, dir: t.TempDir()}
	p.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
		"-subj", "/CN=OpenSSL Test Root", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
	p.write("server.ext", opensslServerExt)
	return p
}

func (p *opensslPKI) run(args ...string) {
	p.t.Helper()
	cmd := exec.Command("openssl", args...)
	cmd.Dir = p.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("openssl %v: %v\n%s", args, err, out)
	}
}

func (p *opensslPKI) write(name, text string) {
	p.t.Helper()
	if err := os.WriteFile(filepath.Join(p.dir, name), []byte(text), 0o600); err != nil {
		p.t.Fatal(err)
	}
}

// leaf makes a leaf: newKey is openssl's -newkey argument, subj its -subj (or, when config is set, a request
// config file's text), sign extra arguments of openssl x509 -req (e.g. -sigopt rsa_padding_mode:pss).
func (p *opensslPKI) leaf(name, newKey, subj, config string, sign ...string) *x509.Certificate {
	p.t.Helper()
	req := []string{"req", "-new", "-newkey", newKey, "-nodes", "-keyout", name + ".key", "-out", name + ".csr"}
	if config != "" {
		p.write(name+".cnf", config)
		req = append(req, "-config", name+".cnf")
	} else {
		req = append(req, "-subj", subj)
	}
	if newKey == "ec" {
		req = append(req, "-pkeyopt", "ec_paramgen_curve:P-256")
	}
	p.run(req...)
	p.run(append([]string{"x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7",
		"-days", "3650", "-extfile", "server.ext", "-out", name + ".pem"}, sign...)...)
	return p.cert(name + ".pem")
}

func (p *opensslPKI) cert(file string) *x509.Certificate {
	p.t.Helper()
	return readPEM(p.t, filepath.Join(p.dir, file))[0]
}

// TestRulesOnOpenSSLCertificates runs the key, signature and name rules on certificates OpenSSL made.
func TestRulesOnOpenSSLCertificates(t *testing.T) {
	p := newOpenSSLPKI(t)
	root := p.cert("ca.pem")
	store := trust.NewStore([]*x509.Certificate{root}, nil)
	good := p.leaf("good", "rsa:2048", "/CN=se01.contoso.com", "")
	ec := p.leaf("ec", "ec", "/CN=se01.contoso.com", "")
	pssTwo := p.leaf("pss-two", "rsa:2048", "/CN=se01.contoso.com/CN=sip.contoso.com", "", "-sigopt", "rsa_padding_mode:pss")
	bmp := p.leaf("bmp", "rsa:2048", "", "[req]\ndistinguished_name=dn\nstring_mask=MASK:0x800\nprompt=no\n[dn]\nCN=se01.contoso.com\n")
	at := time.Now()
	cases := []struct {
		name string
		cert *x509.Certificate
		rule string
		want zlint.LintStatus
	}{
		{"RSA key", good, nameNonRSAKey, zlint.Pass},
		{"EC key", ec, nameNonRSAKey, zlint.Error},
		{"PKCS#1 v1.5", good, namePSS, zlint.Pass},
		{"RSASSA-PSS", pssTwo, namePSS, zlint.Error},
		{"one CN", good, nameMultipleCN, zlint.Pass},
		{"two CNs", pssTwo, nameMultipleCN, zlint.Error},
		{"BMPString CN is the FQDN", bmp, nameCNNotRoleFQDN, zlint.Pass},
		{"role FQDN", good, nameCNNotRoleFQDN, zlint.Pass},
		{"chain to the OpenSSL root", good, nameChainUntrusted, zlint.Pass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Leaf: tc.cert, Context: ctxSE, At: at, Trust: store}
			if res, _ := runRule(t, tc.rule, in); res.Status != tc.want {
				t.Fatalf("%s: got %s (%q), want %s", tc.rule, res.Status, res.Details, tc.want)
			}
		})
	}
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := r.Lint(Input{Leaf: good, Context: ctxSE, At: at, Trust: store})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Status >= Warn && isOurs(zlint.LintSource(f.Source)) {
			t.Errorf("a good OpenSSL certificate fails %s: %s", f.Lint, f.Details)
		}
	}
}
