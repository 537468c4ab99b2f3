package lint

import (
	"bytes"
	stdx509 "crypto/x509"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"

	"github.com/uclint/uclint/policy"
)

// signed makes a leaf with openssl: a new key (or the key file given, to reissue on a key pair), the Subject
// given, the extensions given, signed by the CA named (ca.pem/ca.key, or another CA made with rootCA).
func (p *opensslPKI) signed(name, subj, ext, key, ca string) *x509.Certificate {
	p.t.Helper()
	req := []string{"req", "-new", "-subj", subj, "-out", name + ".csr"}
	if key == "" {
		req = append(req, "-newkey", "rsa:2048", "-nodes", "-keyout", name+".key")
	} else {
		req = append(req, "-key", key)
	}
	p.run(req...)
	p.write(name+".ext", ext+"crlDistributionPoints=URI:http://pki.contoso.com/crl/openssl.crl\n")
	p.run("x509", "-req", "-in", name+".csr", "-CA", ca+".pem", "-CAkey", ca+".key", "-set_serial", "9", "-days", "3650",
		"-extfile", name+".ext", "-out", name+".pem")
	return p.cert(name + ".pem")
}

// rootCA makes another self-signed root with openssl: name.pem and name.key.
func (p *opensslPKI) rootCA(name, cn string) *x509.Certificate {
	p.t.Helper()
	p.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name+".key", "-out", name+".pem", "-days", "3650",
		"-subj", "/CN="+cn, "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
	return p.cert(name + ".pem")
}

// opensslVerifies reports whether openssl verify accepts file against the CA file.
func (p *opensslPKI) opensslVerifies(caFile, file string) bool {
	cmd := exec.Command("openssl", "verify", "-CAfile", caFile, file)
	cmd.Dir = p.dir
	out, err := cmd.CombinedOutput()
	return err == nil && strings.Contains(string(out), ": OK")
}

// TestPerimeterRulesOnOpenSSLCertificates: the perimeter rules on certificates OpenSSL made: an Access Edge
// certificate from the Enterprise CA and from a public CA (openssl verify and Go's crypto/x509 say where each
// chain ends), AOL's client EKU, a CWA certificate with and without its as./download. names, and an A/V
// authentication certificate reissued on the internal interface's key pair (openssl prints the same public key).
func TestPerimeterRulesOnOpenSSLCertificates(t *testing.T) {
	p := newOpenSSLPKI(t)
	enterprise := p.cert("ca.pem")
	public := p.rootCA("public", "OpenSSL Public Root")
	const serverExt = "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
	const accessSAN = "subjectAltName=DNS:sip.contoso.com,DNS:sip.fabrikam.com\n"
	accessPrivate := p.signed("access-private", "/CN=sip.contoso.com", accessSAN+"keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n", "", "ca")
	accessPublic := p.signed("access-public", "/CN=sip.contoso.com", accessSAN+"keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n", "", "public")
	accessServerOnly := p.signed("access-server", "/CN=sip.contoso.com", accessSAN+serverExt, "", "public")
	accessNoEKU := p.signed("access-noeku", "/CN=sip.contoso.com", accessSAN+"keyUsage=digitalSignature,keyEncipherment\n", "", "public")
	cwaGood := p.signed("cwa", "/CN=im.contoso.com", "subjectAltName=DNS:im.contoso.com,DNS:as.im.contoso.com,DNS:download.im.contoso.com,DNS:cwa01.contoso.com\n"+serverExt, "", "ca")
	cwaBare := p.signed("cwa-bare", "/CN=im.contoso.com", "subjectAltName=DNS:im.contoso.com,DNS:cwa01.contoso.com\n"+serverExt, "", "ca")
	internal := p.signed("internal", "/CN=edge01.contoso.com", serverExt, "", "ca")
	av := p.signed("av", "/CN=edge01.contoso.com", serverExt, "", "ca")
	avReused := p.signed("av-reused", "/CN=edge01.contoso.com", serverExt, "internal.key", "ca")

	// What other verifiers say of the two Access Edge chains: the Enterprise one ends in the Enterprise root,
	// the public one in the public root.
	if !p.opensslVerifies("ca.pem", "access-private.pem") || p.opensslVerifies("ca.pem", "access-public.pem") ||
		!p.opensslVerifies("public.pem", "access-public.pem") {
		t.Fatal("openssl verify does not see the chains as built")
	}
	system := stdx509.NewCertPool()
	stdPublic, err := stdx509.ParseCertificate(public.Raw)
	if err != nil {
		t.Fatal(err)
	}
	system.AddCert(stdPublic)
	stdAccess, err := stdx509.ParseCertificate(accessPublic.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stdAccess.Verify(stdx509.VerifyOptions{Roots: system}); err != nil {
		t.Fatalf("Go's crypto/x509 does not chain the public certificate to the public root: %v", err)
	}
	store := trust.NewStore([]*x509.Certificate{enterprise}, system)

	access := kind(ctxEdge, "access")
	at := time.Now()
	cases := []struct {
		name string
		cert *x509.Certificate
		ctx  policy.Context
		rule string
		want zlint.LintStatus
	}{
		{"Access Edge from the Enterprise CA, federation declared", accessPrivate, access, nameEdgePrivateCA, zlint.Warn},
		{"Access Edge from the public CA", accessPublic, access, nameEdgePrivateCA, zlint.Pass},
		{"Access Edge names", accessPublic, access, nameEdgeAccessCN, zlint.Pass},
		{"Access Edge SIP domains", accessPublic, access, nameEdgeAccessSIPDomain, zlint.Pass},
		{"server and client EKU for AOL", accessPublic, access, nameEdgeAOLClientAuth, zlint.Pass},
		{"server EKU only, AOL declared", accessServerOnly, access, nameEdgeAOLClientAuth, zlint.Error},
		{"no EKU extension: every usage allowed", accessNoEKU, access, nameEdgeAOLClientAuth, zlint.NA},
		{"CWA with as. and download.", cwaGood, kind(ctxCWA, "web"), nameCWAAsDownload, zlint.Pass},
		{"CWA without as. and download.", cwaBare, kind(ctxCWA, "web"), nameCWAAsDownload, zlint.Error},
		{"CWA URL host as Subject Name", cwaBare, kind(ctxCWA, "web"), nameCWACN, zlint.Pass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Leaf: tc.cert, Context: tc.ctx, At: at, Trust: store}
			if res, _ := runRule(t, tc.rule, in); res.Status != tc.want {
				t.Fatalf("%s: got %s (%q), want %s", tc.rule, res.Status, res.Details, tc.want)
			}
		})
	}

	// openssl prints the same public key for the internal certificate and the reissued A/V certificate, and
	// another for the A/V certificate with its own key; the deployment-level pass agrees.
	pubkey := func(file string) []byte {
		cmd := exec.Command("openssl", "x509", "-in", filepath.Join(p.dir, file), "-noout", "-pubkey")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("openssl x509 -pubkey %s: %v", file, err)
		}
		return out
	}
	if !bytes.Equal(pubkey("internal.pem"), pubkey("av-reused.pem")) || bytes.Equal(pubkey("internal.pem"), pubkey("av.pem")) {
		t.Fatal("openssl does not see the keys as made")
	}
	r := newRunnerT(t)
	seen := func(c *x509.Certificate, endpoint, file, k string) Seen {
		return Seen{Server: "edge01", Endpoint: endpoint, File: file, Certificate: c, Context: kind(ctxEdge, k)}
	}
	if f := r.DeploymentFindings([]Seen{seen(internal, "internal", "", "internal"), seen(av, "", "av.pem", "av-auth")}); len(f) != 0 {
		t.Errorf("A/V certificate with its own key: %v", f)
	}
	f := r.DeploymentFindings([]Seen{seen(internal, "internal", "", "internal"), seen(avReused, "", "av-reused.pem", "av-auth")})
	if _, ok := hasFinding(f[1], nameEdgeAVReuse); !ok {
		t.Errorf("A/V certificate reissued on the internal key pair: %v", f)
	}
}
