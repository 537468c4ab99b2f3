package lint

import (
	stdx509 "crypto/x509"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
)

// lyncRequest is an OpenSSL request config as the blog posts on Lync certificates from a private CA write it: the
// pool FQDN as CN, the SAN list in [alt_names], the extensions of the Web Server template in [v3_req].
func lyncRequest(cn string, san ...string) string {
	var b strings.Builder
	b.WriteString("[req]\ndistinguished_name = dn\nreq_extensions = v3_req\nprompt = no\n[dn]\nC = US\nO = Contoso Ltd\nCN = " + cn + "\n")
	b.WriteString("[v3_req]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n")
	b.WriteString("crlDistributionPoints = URI:http://pki.contoso.com/crl/openssl.crl\nsubjectAltName = @alt_names\n[alt_names]\n")
	for i, n := range san {
		b.WriteString("DNS." + strconv.Itoa(i+1) + " = " + n + "\n")
	}
	return b.String()
}

// signedByCA makes a key and request with openssl req, and signs it with openssl x509 -req and the test root, taking
// the extensions from the request config (-extfile -extensions v3_req), as an administrator following a blog would.
func (p *opensslPKI) signedByCA(name, config string) *x509.Certificate {
	p.t.Helper()
	p.write(name+".cnf", config)
	p.run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256", "-keyout", name+".key", "-out", name+".csr", "-config", name+".cnf")
	p.run("x509", "-req", "-in", name+".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "11", "-days", "730", "-sha256",
		"-extfile", name+".cnf", "-extensions", "v3_req", "-out", name+".pem")
	return p.cert(name + ".pem")
}

// checkHost asks openssl whether the certificate in file matches host (openssl x509 -checkhost).
func (p *opensslPKI) checkHost(file, host string) bool {
	p.t.Helper()
	cmd := exec.Command("openssl", "x509", "-noout", "-in", file, "-checkhost", host)
	cmd.Dir = p.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("openssl x509 -checkhost %s: %v\n%s", host, err, out)
	}
	return !strings.Contains(string(out), "does NOT match")
}

// TestLyncRulesOnOpenSSLCertificates judges Lync certificates made with openssl req and openssl x509 -req: a pool
// member's Default certificate and a Web internal certificate with wildcard SANs for the simple URLs pass every rule
// of every Lync/SfB product; a self-signed OAuthTokenIssuer certificate of 1024 bits made with openssl req -x509 is
// a warning on Lync Server 2013 and an error on Skype for Business. Whether each required name is on a certificate
// is compared with openssl x509 -checkhost and Go's VerifyHostname, and the chain verdict with openssl verify.
func TestLyncRulesOnOpenSSLCertificates(t *testing.T) {
	p := newOpenSSLPKI(t)
	root := p.cert("ca.pem")
	store := trust.NewStore([]*x509.Certificate{root}, nil)
	def := p.signedByCA("default", lyncRequest("lyncpool01.contoso.com", "lyncpool01.contoso.com", "lfe01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"))
	web := p.signedByCA("web", lyncRequest("lyncpool01.contoso.com", "lyncpool01.contoso.com", "lfe01.contoso.com", "lyncwebint01.contoso.com", "*.contoso.com", "*.fabrikam.com"))
	p.run("req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "oauth.key", "-out", "oauth.pem", "-days", "730", "-subj", "/CN=contoso.com")
	oauth := p.cert("oauth.pem")
	p.run("verify", "-CAfile", "ca.pem", "default.pem", "web.pem")

	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	for _, product := range lyncProducts {
		defCtx := lyncCtx(t, product, policy.FrontEndPool, "default", "lfe01.contoso.com")
		webCtx := lyncCtx(t, product, policy.FrontEndPool, "web-internal", "lfe01.contoso.com")
		for _, c := range []struct {
			cert *x509.Certificate
			ctx  policy.Context
		}{{def, defCtx}, {web, webCtx}} {
			findings, err := r.Lint(Input{Leaf: c.cert, Context: c.ctx, At: at, Trust: store})
			if err != nil {
				t.Fatal(err)
			}
			if f := ours(findings, c.ctx.Profile()); len(f) > 0 {
				t.Errorf("%s %s: an OpenSSL certificate made as the table says fails: %+v", product, c.ctx.Certificate, f)
			}
		}
		across := r.DeploymentFindings([]Seen{{Server: "p", Member: "lfe01.contoso.com", Certificate: def, Context: defCtx},
			{Server: "p", Member: "lfe01.contoso.com", Certificate: web, Context: webCtx}})
		if len(across) > 0 {
			t.Errorf("%s: the wildcard does not stand for lyncdiscover: %+v", product, across)
		}
		oauthCtx := lyncCtx(t, product, policy.FrontEndPool, "oauth", "")
		if _, ok := oauthCtx.CertificateSpec(); !ok {
			continue // Lync Server 2010 has no OAuthTokenIssuer certificate
		}
		want := map[string]zlint.LintStatus{"lync2013": zlint.Warn, "sfb2015": zlint.Error, "sfb2019": zlint.Error}[product]
		rule := map[bool]string{true: "w_" + product + "_rsa_key_below_2048", false: "e_" + product + "_rsa_key_below_minimum"}[want == zlint.Warn]
		if res, _ := runRule(t, rule, Input{Leaf: oauth, Context: oauthCtx, At: at}); res.Status != want {
			t.Errorf("%s: the 1024-bit OAuthTokenIssuer certificate: got %s (%q), want %s", rule, res.Status, res.Details, want)
		}
	}

	// Every name the tables require of the Web internal certificate, judged by openssl, Go and the rule.
	goWeb, err := stdx509.ParseCertificate(web.Raw)
	if err != nil {
		t.Fatal(err)
	}
	goDef, err := stdx509.ParseCertificate(def.Raw)
	if err != nil {
		t.Fatal(err)
	}
	webCtx := lyncCtx(t, "sfb2019", policy.FrontEndPool, "web-internal", "lfe01.contoso.com")
	for _, host := range []string{"meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com", "admin.contoso.com", "lyncwebint01.contoso.com", "lfe01.contoso.com"} {
		if !p.checkHost("web.pem", host) || goWeb.VerifyHostname(host) != nil {
			t.Errorf("%s: openssl or Go says the Web internal certificate does not cover it", host)
		}
	}
	if p.checkHost("default.pem", "meet.contoso.com") || goDef.VerifyHostname("meet.contoso.com") == nil {
		t.Errorf("openssl or Go says the Default certificate covers meet.contoso.com")
	}
	if res, _ := runRule(t, "e_sfb2019_san_missing_simple_url", Input{Leaf: web, Context: webCtx, At: at}); res.Status != zlint.Pass {
		t.Errorf("the wildcard Web internal certificate: %s (%q), but openssl and Go match every simple URL", res.Status, res.Details)
	}
	if res, _ := runRule(t, "e_sfb2019_san_missing_simple_url", Input{Leaf: def, Context: webCtx, At: at}); res.Status != zlint.Error {
		t.Errorf("the Default certificate as Web internal: %s, but openssl and Go match no simple URL", res.Status)
	}
}
