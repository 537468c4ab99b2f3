package lint

import (
	"crypto"
	stdx509 "crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/internal/testpki"
	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// fixtureKey reads a fixture key (fixtures/keys/NAME.key).
func fixtureKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	data, err := os.ReadFile(fixture("keys", name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	k, err := stdx509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(crypto.Signer)
}

// chainCase is a root and a server certificate made for a client rule: the root's signature and key, the leaf's
// signature and SAN.
type chainCase struct {
	rootAlg, rootKey string // "" or "sha1"; a fixture key name
	leafAlg          string // "", "sha1", "sha224"
	san              []string
}

// makeChain issues the chain and returns the lint input with the root as the only trust anchor.
func makeChain(t testing.TB, c chainCase, ctx policy.Context) Input {
	t.Helper()
	from, to := at.AddDate(-1, 0, 0), at.AddDate(1, 0, 0)
	root, err := testpki.NewCA("Client Test Root", "Contoso Ltd", nil, c.rootAlg, fixtureKey(t, c.rootKey), from, to, "")
	if err != nil {
		t.Fatal(err)
	}
	leafCert, err := testpki.Issue(testpki.Spec{Name: "client-test", CN: "se01.contoso.com", SAN: c.san, SigAlg: c.leafAlg, From: from, To: to},
		root, fixtureKey(t, "se01"))
	if err != nil {
		t.Fatal(err)
	}
	zleaf, err := x509.ParseCertificate(leafCert.Cert.Raw)
	if err != nil {
		t.Fatal(err)
	}
	zroot, err := x509.ParseCertificate(root.Cert.Raw)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Leaf: zleaf, Context: ctx, At: at, Trust: trust.NewStore([]*x509.Certificate{zroot}, nil)}
}

func withClients(c policy.Context, clients ...policy.Client) policy.Context {
	c.Clients = clients
	return c
}

// TestClientSignatureRules: SHA-2, SHA-224 and strong-root chains against the clients that cannot take them.
func TestClientSignatureRules(t *testing.T) {
	sha256Chain := chainCase{rootKey: "ca-contoso-root-ca", san: se01SANNames}
	sha1Chain := chainCase{rootAlg: "sha1", rootKey: "ca-contoso-root-ca", leafAlg: "sha1", san: se01SANNames}
	sha224Leaf := chainCase{rootAlg: "sha1", rootKey: "ca-contoso-root-ca", leafAlg: "sha224", san: se01SANNames}
	strongRoot := chainCase{rootKey: "se01-rsa4608", san: se01SANNames}
	xp2, xp3, s2003 := policy.ClientXPSP2, policy.ClientXPSP3, policy.ClientServer2003
	phone, lpe := policy.ClientPhoneEdition, policy.ClientLyncPhoneEdition
	cases := []struct {
		name  string
		chain chainCase
		ctx   policy.Context
		rule  string
		want  zlint.LintStatus
	}{
		{"SHA-256 chain, XP SP2", sha256Chain, withClients(ctxSE, xp2), "w_ocs_sha2_legacy_windows", zlint.Warn},
		{"SHA-256 chain, Server 2003", sha256Chain, withClients(ctxSE, s2003), "w_ocs_sha2_legacy_windows", zlint.Warn},
		{"SHA-256 chain, XP SP3", sha256Chain, withClients(ctxSE, xp3), "w_ocs_sha2_legacy_windows", zlint.NA},
		{"SHA-256 chain, no clients given", sha256Chain, ctxSE, "w_ocs_sha2_legacy_windows", zlint.NA},
		{"SHA-1 chain, XP SP2", sha1Chain, withClients(ctxSE, xp2), "w_ocs_sha2_legacy_windows", zlint.Pass},
		{"SHA-1 chain: no SHA-1 warning with XP SP2", sha1Chain, withClients(ctxSE, xp2), nameSHA1, zlint.NA},
		{"SHA-1 chain: the SHA-1 warning without legacy clients", sha1Chain, withClients(ctxSE, phone), nameSHA1, zlint.Warn},
		{"SHA-224 leaf, XP SP3", sha224Leaf, withClients(ctxSE, xp3), "e_ocs_sha224_signature", zlint.Error},
		{"SHA-224 leaf, no XP", sha224Leaf, withClients(ctxSE, phone), "e_ocs_sha224_signature", zlint.NA},
		{"SHA-1 chain, XP SP3", sha1Chain, withClients(ctxSE, xp3), "e_ocs_sha224_signature", zlint.Pass},
		{"SHA-256 root with a 4608-bit key, Phone Edition", strongRoot, withClients(ctxSE, phone), "w_ocs_phone_edition_strong_root", zlint.Warn},
		{"SHA-256 root with a 2048-bit key, Phone Edition", sha256Chain, withClients(ctxSE, phone), "w_ocs_phone_edition_strong_root", zlint.Pass},
		{"strong root, no Phone Edition", strongRoot, withClients(ctxSE, xp3), "w_ocs_phone_edition_strong_root", zlint.NA},
		{"SHA-256 chain, Lync Phone Edition", sha256Chain, withClients(ctxSE, lpe), "w_ocs_lpe_sha256", zlint.Warn},
		{"SHA-1 chain, Lync Phone Edition", sha1Chain, withClients(ctxSE, lpe), "w_ocs_lpe_sha256", zlint.Pass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, fix := runRule(t, tc.rule, makeChain(t, tc.chain, tc.ctx))
			if res.Status != tc.want {
				t.Fatalf("%s: got %s (%q), want %s", tc.rule, res.Status, res.Details, tc.want)
			}
			if res.Status >= zlint.Notice && (res.Details == "" || fix == "") {
				t.Errorf("finding without details or remediation: %q %q", res.Details, fix)
			}
		})
	}
}

var se01SANNames = []string{"se01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}

// TestWildcardBeforeFQDN: UC devices fail when a wildcard precedes the FQDN in the SAN.
func TestWildcardBeforeFQDN(t *testing.T) {
	phone := withClients(ctxSE, policy.ClientPhoneEdition)
	cases := []struct {
		name string
		san  []string
		ctx  policy.Context
		want zlint.LintStatus
	}{
		{"wildcard first", []string{"*.contoso.com", "se01.contoso.com"}, phone, zlint.Warn},
		{"wildcard only", []string{"*.contoso.com"}, phone, zlint.Warn},
		{"FQDN first", []string{"se01.contoso.com", "*.contoso.com"}, phone, zlint.Pass},
		{"no wildcard", se01SANNames, phone, zlint.Pass},
		{"wildcard first, Lync Phone Edition", []string{"*.contoso.com", "se01.contoso.com"}, withClients(ctxSE, policy.ClientLyncPhoneEdition), zlint.Warn},
		{"wildcard first, no devices", []string{"*.contoso.com", "se01.contoso.com"}, withClients(ctxSE, policy.ClientXPSP3), zlint.NA},
		{"wildcard first, no role: the CN is the FQDN", []string{"*.contoso.com", "se01.contoso.com"}, withClients(noRole(), policy.ClientPhoneEdition), zlint.Warn},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := makeChain(t, chainCase{rootKey: "ca-contoso-root-ca", san: tc.san}, tc.ctx)
			res, _ := runRule(t, "w_ocs_wildcard_san_before_fqdn", in)
			if res.Status != tc.want {
				t.Fatalf("got %s (%q), want %s", res.Status, res.Details, tc.want)
			}
		})
	}
}

// TestLegacyTLSRules judges what an endpoint offered the era's clients (probe.LegacyOffers).
func TestLegacyTLSRules(t *testing.T) {
	accepted := probe.Offer{Verdict: probe.OfferAccepted, Version: "TLSv1.0", Cipher: "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}
	refused := probe.Offer{Verdict: probe.OfferRefused, Alert: "protocol_version"}
	unknown := probe.Offer{Verdict: probe.OfferUnknown, Problem: "connection refused"}
	xp := withClients(ctxSE, policy.ClientXPSP3)
	cases := []struct {
		name   string
		offers *probe.LegacyOffers
		ctx    policy.Context
		rule   string
		want   zlint.LintStatus
	}{
		{"TLS 1.0 refused, XP", &probe.LegacyOffers{TLS10: refused, NonAES: accepted}, xp, "w_ocs_tls10_not_offered", zlint.Warn},
		{"TLS 1.0 accepted, XP", &probe.LegacyOffers{TLS10: accepted, NonAES: accepted}, xp, "w_ocs_tls10_not_offered", zlint.Pass},
		{"TLS 1.0 unknown, XP", &probe.LegacyOffers{TLS10: unknown, NonAES: unknown}, xp, "w_ocs_tls10_not_offered", zlint.Pass},
		{"TLS 1.0 refused, Lync Phone Edition", &probe.LegacyOffers{TLS10: refused}, withClients(ctxSE, policy.ClientLyncPhoneEdition), "w_ocs_tls10_not_offered", zlint.Warn},
		{"TLS 1.0 refused, Phone Edition only", &probe.LegacyOffers{TLS10: refused}, withClients(ctxSE, policy.ClientPhoneEdition), "w_ocs_tls10_not_offered", zlint.NA},
		{"not asked", nil, xp, "w_ocs_tls10_not_offered", zlint.NA},
		{"AES only, XP", &probe.LegacyOffers{TLS10: accepted, NonAES: refused}, xp, "w_ocs_aes_only_suites", zlint.Warn},
		{"3DES offered, XP", &probe.LegacyOffers{TLS10: accepted, NonAES: accepted}, xp, "w_ocs_aes_only_suites", zlint.Pass},
		{"AES only, Lync Phone Edition", &probe.LegacyOffers{NonAES: refused}, withClients(ctxSE, policy.ClientLyncPhoneEdition), "w_ocs_aes_only_suites", zlint.NA},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := input(t, "se01", tc.ctx)
			in.Endpoint = "sip"
			in.TLS = &probe.TLSInfo{Version: "TLSv1.2", Cipher: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Legacy: tc.offers}
			res, fix := runRule(t, tc.rule, in)
			if res.Status != tc.want {
				t.Fatalf("got %s (%q), want %s", res.Status, res.Details, tc.want)
			}
			if res.Status == zlint.Warn && (fix == "" || !strings.Contains(res.Details, "(xp-sp3)") && !strings.Contains(res.Details, "lync-phone-edition")) {
				t.Errorf("details %q do not name the clients, or no remediation (%q)", res.Details, fix)
			}
		})
	}
}

// TestSHA224OpenSSL: a certificate OpenSSL signs with SHA-224 is found too, and OpenSSL names the algorithm the
// rule names.
func TestSHA224OpenSSL(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	cert := filepath.Join(dir, "se01-sha224.pem")
	out, err := exec.Command("openssl", "x509", "-req", "-in", fixture("requests", "se01-openssl.csr"),
		"-CA", fixture("pki", "contoso-issuing.pem"), "-CAkey", fixture("keys", "ca-contoso-issuing-ca-01.key"),
		"-sha224", "-days", "30", "-copy_extensions", "copy", "-set_serial", "224", "-out", cert).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl: %v: %s", err, out)
	}
	text, err := exec.Command("openssl", "x509", "-in", cert, "-noout", "-text").Output()
	if err != nil || !strings.Contains(string(text), "sha224WithRSAEncryption") {
		t.Fatalf("openssl did not sign with SHA-224: %v", err)
	}
	certs := readPEM(t, cert)
	in := Input{Leaf: certs[0], Context: withClients(ctxSE, policy.ClientXPSP3), At: time.Now()}
	res, _ := runRule(t, "e_ocs_sha224_signature", in)
	if res.Status != zlint.Error || !strings.Contains(res.Details, "the certificate") {
		t.Fatalf("got %s (%q)", res.Status, res.Details)
	}
}
