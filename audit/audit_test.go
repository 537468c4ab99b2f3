package audit

import (
	"context"
	"crypto"
	"crypto/tls"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/tlstest"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/fixtures/sim"
	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// settings are the audit settings the tests use: the Contoso CA, judged at the fixtures' time.
func settings(t testing.TB) Settings {
	t.Helper()
	r, err := lint.NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	cas, err := probe.LoadCertificates(fixtures.Path("pki", "contoso-ca-bundle.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return Settings{Runner: r, Trust: trust.NewStore(cas, nil), At: fixtures.At, ExpiryWarning: 30 * 24 * time.Hour,
		ExpiryCritical: 7 * 24 * time.Hour, Probe: probe.Options{Timeout: 3 * time.Second}, Concurrency: 8}
}

func has(tg report.Target, id string) bool {
	for _, f := range tg.Findings {
		if f.Lint == id {
			return true
		}
	}
	return false
}

// simDeployment runs the simulated Contoso deployment and returns its targets; the settings then trust its CA
// and judge at the time its PKI was made.
func simDeployment(t testing.TB, s *Settings) []policy.Target {
	t.Helper()
	d, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	path, err := d.WriteDeployment(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	dep, err := policy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cas, err := probe.LoadCertificates(filepath.Join(dir, "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	fileCAs, err := probe.LoadCertificates(fixtures.Path("pki", "contoso-ca-bundle.pem"))
	if err != nil {
		t.Fatal(err)
	}
	s.Trust, s.At = trust.NewStore(append(cas, fileCAs...), nil), d.Started
	targets, err := dep.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	return targets
}

// TestRunFilesAndEndpoints: one run holds files and live endpoints; every target is judged once, the pool members
// that differ are told so, and Done is called once per target.
func TestRunFilesAndEndpoints(t *testing.T) {
	s := settings(t)
	targets := simDeployment(t, &s)
	pool := policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com",
		SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	targets = append(targets,
		policy.Target{File: fixtures.Path("pki", "pool01.pem"), Context: pool},
		policy.Target{File: fixtures.Path("pki", "pool01-member-cn.pem"), Context: pool},
		policy.Target{File: fixtures.Path("bad", "garbage.cer"), Context: pool})
	var done atomic.Int32
	s.Done = func() { done.Add(1) }
	r := Run(context.Background(), targets, s)
	if int(done.Load()) != len(targets) || len(r.Targets) != len(targets) {
		t.Fatalf("done %d times, %d report targets, for %d targets", done.Load(), len(r.Targets), len(targets))
	}
	byName := map[string]report.Target{}
	for _, tg := range r.Targets {
		file := ""
		if tg.File != "" {
			file = filepath.Base(tg.File)
		}
		byName[tg.Server+" "+tg.Member+" "+tg.Endpoint+" "+file] = tg
	}
	for name, want := range map[string]report.Status{
		"se01  sip ":                   report.Pass,
		"pool01 fe01.contoso.com sip ": report.Pass,
		"pool01 fe02.contoso.com sip ": report.Fail,
		"pool01 fe02.contoso.com web ": report.Fail,
		"dir01  sip ":                  report.Pass,
		"   pool01.pem":                report.Pass,
		"   pool01-member-cn.pem":      report.Fail,
		"   garbage.cer":               report.Error,
	} {
		tg, ok := byName[name]
		if !ok || tg.Status != want {
			t.Errorf("%q: status %s (error %q, findings %v), want %s", name, tg.Status, tg.Error, tg.Findings, want)
		}
	}
	for _, m := range []string{"pool01 fe01.contoso.com sip ", "pool01 fe02.contoso.com sip "} {
		if !has(byName[m], "n_ocs_pool_members_differ") {
			t.Errorf("%s: no pool finding", m)
		}
	}
	if tg := byName["pool01 fe01.contoso.com web "]; tg.Kind != "web" || tg.Product != "ocs2007r2" {
		t.Errorf("web target: kind %q product %q", tg.Kind, tg.Product)
	}
}

// fixturePair is a fixture certificate (with whatever chain its file holds) and its key, for a TLS server.
func fixturePair(t testing.TB, name string) tls.Certificate {
	t.Helper()
	pair, err := tls.LoadX509KeyPair(fixtures.Path("pki", name+".pem"), fixtures.Path("keys", name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	return pair
}

// sniServer presents one certificate to clients that send the server name and another to those that do not.
func sniServer(t *testing.T, withName, without string) string {
	t.Helper()
	named, other := fixturePair(t, withName), fixturePair(t, without)
	config := &tls.Config{MinVersion: tls.VersionTLS10, GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
		if hello.ServerName != "" {
			return &named, nil
		}
		return &other, nil
	}}
	return tlstest.Serve(t, config)
}

// TestSNIModes: a load balancer that presents the pool certificate only to clients that send the pool's name.
func TestSNIModes(t *testing.T) {
	addr := sniServer(t, "se01", "fe02-iis-selfsigned")
	ctx := policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	target, err := policy.AddressTarget(addr, ctx, "sip")
	if err != nil {
		t.Fatal(err)
	}
	run := func(mode SNIMode) report.Target {
		s := settings(t)
		s.SNI = mode
		return Run(context.Background(), []policy.Target{target}, s).Targets[0]
	}
	if tg := run(SNIFQDN); tg.Status != report.Pass || has(tg, "w_ocs_sni_certificates_differ") {
		t.Errorf("fqdn: %s %v", tg.Status, tg.Findings)
	}
	if tg := run(SNINone); tg.Certificate == nil || tg.Certificate.SubjectCN != "FE02" || tg.Status != report.Fail {
		t.Errorf("none: the certificate without SNI should be judged: %+v", tg.Certificate)
	}
	tg := run(SNIBoth)
	var differ *report.Finding
	for i, f := range tg.Findings {
		if f.Lint == "w_ocs_sni_certificates_differ" {
			differ = &tg.Findings[i]
		}
	}
	if differ == nil || !strings.Contains(differ.Details, `"se01.contoso.com"`) || !strings.Contains(differ.Details, `"FE02"`) {
		t.Fatalf("both: want a warning naming both certificates, got %v", tg.Findings)
	}
	same := sniServer(t, "se01", "se01")
	target.Address = same
	if tg := run(SNIBoth); has(tg, "w_ocs_sni_certificates_differ") {
		t.Errorf("both, same certificate: %v", tg.Findings)
	}
}

// TestInterruptedRun: a run whose context is canceled reports every target, those it did not check as errors
// that say so, and returns promptly.
func TestInterruptedRun(t *testing.T) {
	s := settings(t)
	targets := simDeployment(t, &s)
	targets = append(targets, policy.Target{File: fixtures.Path("pki", "se01.pem")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	r := Run(ctx, targets, s)
	if time.Since(start) > 2*time.Second {
		t.Fatalf("a canceled run took %s", time.Since(start))
	}
	if len(r.Targets) != len(targets) || r.Summary.Error != len(targets) {
		t.Fatalf("summary %+v for %d targets", r.Summary, len(targets))
	}
	for _, tg := range r.Targets {
		if !strings.Contains(tg.Error, "canceled") && !strings.Contains(tg.Error, "interrupted") {
			t.Errorf("%s %s: %q does not say the run was interrupted", tg.Server, tg.File, tg.Error)
		}
	}
}

// failingSigner is a key the server holds but cannot use, as a certificate imported without its private key or
// with a key in a provider the server cannot use.
type failingSigner struct{ pub crypto.PublicKey }

func (f failingSigner) Public() crypto.PublicKey { return f.pub }
func (f failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("the key is not available")
}

// TestServerCannotUsePrivateKey: a server that presents its certificate and then cannot sign with its key fails
// e_ocs_server_cannot_use_private_key; the OCS server that ends the handshake because it wants a client
// certificate does not.
func TestServerCannotUsePrivateKey(t *testing.T) {
	pair := fixturePair(t, "se01")
	broken := pair
	broken.PrivateKey = failingSigner{pub: pair.Leaf.PublicKey}
	serve := func(config *tls.Config) string {
		return tlstest.Serve(t, config)
	}
	ctx := policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	for _, tc := range []struct {
		name   string
		config *tls.Config
		want   bool
	}{
		{"key cannot sign", &tls.Config{Certificates: []tls.Certificate{broken}, MaxVersion: tls.VersionTLS12,
			CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}, true},
		{"client certificate required (OCS on 5061)", &tls.Config{Certificates: []tls.Certificate{pair}, ClientAuth: tls.RequireAnyClientCert}, false},
		{"good server", &tls.Config{Certificates: []tls.Certificate{pair}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target, err := policy.AddressTarget(serve(tc.config), ctx, "sip")
			if err != nil {
				t.Fatal(err)
			}
			tg := Run(context.Background(), []policy.Target{target}, settings(t)).Targets[0]
			if got := has(tg, "e_ocs_server_cannot_use_private_key"); got != tc.want || tg.Certificate == nil {
				t.Fatalf("finding %v, want %v (error %q, findings %v)", got, tc.want, tg.Error, tg.Findings)
			}
		})
	}
}

// TestFileWithSeveralServerCertificates: every server certificate of a file is its own target, FILE#1, FILE#2;
// a file of CA certificates only is refused with a message that says so.
func TestFileWithSeveralServerCertificates(t *testing.T) {
	ctx := policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	two := fixtures.Path("pki", "se01-and-dir01.pem")
	root := fixtures.Path("pki", "contoso-root.pem")
	r := Run(context.Background(), []policy.Target{{File: two, Context: ctx}, {File: root, Context: ctx}}, settings(t))
	if len(r.Targets) != 3 {
		t.Fatalf("%d targets: %+v", len(r.Targets), r.Targets)
	}
	if r.Targets[0].File != two+"#1" || r.Targets[0].Status != report.Pass || r.Targets[0].Certificate.SubjectCN != "se01.contoso.com" {
		t.Errorf("#1: %s %s %+v", r.Targets[0].File, r.Targets[0].Status, r.Targets[0].Findings)
	}
	if r.Targets[1].File != two+"#2" || r.Targets[1].Certificate.SubjectCN != "dir01.contoso.com" || !has(r.Targets[1], "e_ocs_subject_cn_not_role_fqdn") {
		t.Errorf("#2: %s %+v", r.Targets[1].File, r.Targets[1].Findings)
	}
	if r.Targets[2].Status != report.Error || !strings.Contains(r.Targets[2].Error, "only CA certificates") || !strings.Contains(r.Targets[2].Error, "Contoso Root CA") {
		t.Errorf("root file: %s %q", r.Targets[2].Status, r.Targets[2].Error)
	}
}
