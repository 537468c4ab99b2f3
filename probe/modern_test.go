package probe

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uclint/uclint/fixtures"
)

// TestProbeModernEndpoints: servers that speak only TLS 1.3, or TLS 1.2 with only ChaCha20 suites, refuse the
// legacy hello; the probe retries with crypto/tls and gets their chain, version and suite.
func TestProbeModernEndpoints(t *testing.T) {
	cases := []struct {
		name, version, cipher string
		tweak                 func(*tls.Config)
		clientCertAsk         bool
	}{
		{"TLS 1.3 only", "TLSv1.3", "TLS_AES_128_GCM_SHA256", func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, false},
		{"TLS 1.2 with ChaCha20 only", "TLSv1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256} // zcrypto offers no ChaCha20
		}, false},
		{"TLS 1.3 only, client certificate required", "TLSv1.3", "TLS_AES_128_GCM_SHA256", func(c *tls.Config) {
			c.MinVersion = tls.VersionTLS13
			c.ClientAuth = tls.RequireAnyClientCert
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := probe(t, tlsServer(t, "se01", tc.tweak), fast)
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "se01.contoso.com" || len(obs.Chain) != 1 || !strings.Contains(obs.Chain[0].Subject.CommonName, "Contoso") {
				t.Fatalf("chain: %q + %d", obs.Leaf.Subject.CommonName, len(obs.Chain))
			}
			info := obs.TLS
			if info.Stack != StackModern || info.Version != tc.version || info.Cipher != tc.cipher || info.RSAKeyExchange() {
				t.Fatalf("%s %s via %s (RSA key exchange %v), want %s %s via %s", info.Version, info.Cipher, info.Stack,
					info.RSAKeyExchange(), tc.version, tc.cipher, StackModern)
			}
			if info.ClientCertRequested != tc.clientCertAsk || info.FailedAfterCertificate || info.SNI != "se01.contoso.com" {
				t.Fatalf("client certificate requested %v, failed after certificate %v, SNI %q", info.ClientCertRequested, info.FailedAfterCertificate, info.SNI)
			}
		})
	}
}

// TestProbeModernSendsNoClientCertificate: the crypto/tls path, like the legacy one, sends an empty Certificate
// message when asked.
func TestProbeModernSendsNoClientCertificate(t *testing.T) {
	got := make(chan int, 1)
	config := &tls.Config{Certificates: []tls.Certificate{keyPair(t, "se01")}, ClientAuth: tls.RequestClientCert, MinVersion: tls.VersionTLS13}
	addr := listen(t, func(c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		s := tls.Server(c, config)
		if s.Handshake() == nil {
			got <- len(s.ConnectionState().PeerCertificates)
		}
	})
	obs := probe(t, addr, fast)
	if obs.Err != nil || obs.TLS.Stack != StackModern || !obs.TLS.ClientCertRequested {
		t.Fatalf("%v, %+v", obs.Err, obs.TLS)
	}
	select {
	case n := <-got:
		if n != 0 {
			t.Fatalf("uclint sent %d client certificates", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not finish its handshake")
	}
}

// TestProbeFallbackBounds: the retry shares the probe's deadline and byte cap. A server that refuses the legacy
// hello and then never answers costs one timeout in all, and says what happened to both; one that sends a
// 100-certificate chain over TLS 1.3 is stopped at the cap.
func TestProbeFallbackBounds(t *testing.T) {
	var connections atomic.Int32
	refuseThenSilent := listen(t, func(c net.Conn) {
		if connections.Add(1) == 1 {
			_, _ = c.Read(make([]byte, 4096))
			_, _ = c.Write([]byte{recordAlert, 3, 3, 0, 2, 2, alertProtocolVersion})
			return
		}
		_, _ = io.Copy(io.Discard, c)
	})
	opts := Options{Timeout: 700 * time.Millisecond}
	start := time.Now()
	obs := probe(t, refuseThenSilent, opts)
	if elapsed := time.Since(start); elapsed > opts.Timeout+500*time.Millisecond {
		t.Errorf("took %s with a %s timeout", elapsed, opts.Timeout)
	}
	want := "no common TLS version: the server refused TLS 1.0 to 1.2 with the legacy suites (RSA key exchange, 3DES, RC4, ECDHE with AES) " +
		"(it sent a protocol_version alert); retried with TLS 1.2 and 1.3 with modern suites (ECDHE with AES-GCM or ChaCha20): no TLS answer within 700ms"
	if obs.Err == nil || obs.Err.Error() != refuseThenSilent+": "+want {
		t.Fatalf("got %v\nwant %s", obs.Err, want)
	}
	if n := connections.Load(); n != 2 {
		t.Fatalf("%d connections, want 2", n)
	}

	se01 := keyPair(t, "se01")
	long := se01
	for range 100 { // about 100 KiB: under crypto/tls's 256 KiB message limit, over the cap
		long.Certificate = append(long.Certificate, se01.Certificate[1])
	}
	addr := tlsServer(t, "se01", func(c *tls.Config) {
		c.Certificates = []tls.Certificate{long}
		c.MinVersion = tls.VersionTLS13
	})
	obs = probe(t, addr, Options{Timeout: 2 * time.Second, MaxBytes: 32 << 10})
	if obs.Err == nil || !strings.Contains(obs.Err.Error(), "the server sent more than 32768 bytes without finishing the handshake") {
		t.Fatalf("got %v", obs.Err)
	}
}

// sniServer is a Go TLS server that picks its certificate by the name the client sends, as IIS with SNI bindings
// does: se01 for se01.contoso.com, pool01 when no name is sent. It records the names it was sent.
func sniServer(t *testing.T, tweak func(*tls.Config)) (string, *atomic.Value) {
	t.Helper()
	se01, pool01 := keyPair(t, "se01"), keyPair(t, "pool01")
	var lastName atomic.Value
	return tlsServer(t, "se01", func(c *tls.Config) {
		c.Certificates = nil
		c.GetCertificate = func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			lastName.Store(hello.ServerName)
			if hello.ServerName == "se01.contoso.com" {
				return &se01, nil
			}
			return &pool01, nil
		}
		if tweak != nil {
			tweak(c)
		}
	}), &lastName
}

// TestProbeSNI: with Endpoint.SNI the name is sent and the server presents the certificate for it; with "" no name
// is sent and the server presents its default certificate; both stacks; ProbeBothSNI gets both.
func TestProbeSNI(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tweak func(*tls.Config)
		stack string
	}{
		{"legacy stack", nil, StackLegacy},
		{"modern stack", func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, StackModern},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, lastName := sniServer(t, tc.tweak)
			for _, probeCase := range []struct{ sni, wantCN string }{{"se01.contoso.com", "se01.contoso.com"}, {"", "pool01.contoso.com"}} {
				obs := Probe(context.Background(), Endpoint{Address: addr, SNI: probeCase.sni}, fast)
				if obs.Err != nil {
					t.Fatal(obs.Err)
				}
				if obs.Leaf.Subject.CommonName != probeCase.wantCN || obs.TLS.SNI != probeCase.sni || obs.TLS.Stack != tc.stack {
					t.Fatalf("SNI %q: got %q via %s", probeCase.sni, obs.Leaf.Subject.CommonName, obs.TLS.Stack)
				}
				if got := lastName.Load(); got != probeCase.sni {
					t.Fatalf("the server was sent %q, want %q", got, probeCase.sni)
				}
			}
			with, without := ProbeBothSNI(context.Background(), Endpoint{Address: addr, SNI: "se01.contoso.com"}, fast)
			if with.Err != nil || without.Err != nil {
				t.Fatal(with.Err, without.Err)
			}
			if with.Leaf.Subject.CommonName != "se01.contoso.com" || without.Leaf.Subject.CommonName != "pool01.contoso.com" ||
				with.TLS.SNI != "se01.contoso.com" || without.TLS.SNI != "" {
				t.Fatalf("with SNI %q (%q), without %q (%q)", with.Leaf.Subject.CommonName, with.TLS.SNI, without.Leaf.Subject.CommonName, without.TLS.SNI)
			}
		})
	}
}

// TestProbeOpenSSLModern dials openssl s_server speaking only TLS 1.3, or TLS 1.2 with only ChaCha20: the probe
// answers through crypto/tls. A server with only suites neither stack offers (DHE) is refused by both, in one
// message; a server that does not know the name sent says so.
func TestProbeOpenSSLModern(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	for _, tc := range []struct {
		name    string
		args    []string
		version string
		cipher  string
	}{
		{"TLS 1.3 only", []string{"-tls1_3"}, "TLSv1.3", "TLS_AES_128_GCM_SHA256"},
		{"TLS 1.2 ChaCha20 only", []string{"-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"}, "TLSv1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
		{"TLS 1.3 only, client certificate required", []string{"-tls1_3", "-Verify", "1"}, "TLSv1.3", "TLS_AES_128_GCM_SHA256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := startOpenSSL(t, openssl, tc.args...)
			obs := Probe(context.Background(), Endpoint{Address: addr, SNI: "dir01.contoso.com"}, Options{Timeout: 5 * time.Second})
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "dir01.contoso.com" || obs.TLS.Stack != StackModern || obs.TLS.Version != tc.version || obs.TLS.Cipher != tc.cipher {
				t.Fatalf("got %q: %s %s via %s", obs.Leaf.Subject.CommonName, obs.TLS.Version, obs.TLS.Cipher, obs.TLS.Stack)
			}
			if strings.Contains(tc.name, "client certificate") != obs.TLS.ClientCertRequested {
				t.Fatalf("client certificate requested %v", obs.TLS.ClientCertRequested)
			}
		})
	}
	t.Run("DHE only", func(t *testing.T) {
		addr := startOpenSSL(t, openssl, "-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256")
		obs := Probe(context.Background(), Endpoint{Address: addr, SNI: "dir01.contoso.com"}, Options{Timeout: 5 * time.Second})
		if obs.Err == nil || !strings.Contains(obs.Err.Error(), addr+": no common TLS version or cipher suite: the server refused TLS 1.0 to 1.2") ||
			!strings.Contains(obs.Err.Error(), "and TLS 1.2 and 1.3 with modern suites") {
			t.Fatalf("got %v", obs.Err)
		}
	})
	t.Run("unknown server name", func(t *testing.T) {
		addr := startOpenSSL(t, openssl, "-servername", "dir01.contoso.com", "-servername_fatal",
			"-cert2", fixtures.Path("pki", "se01.pem"), "-key2", fixtures.Path("keys", "se01.key"))
		obs := Probe(context.Background(), Endpoint{Address: addr, SNI: "sip.contoso.com"}, Options{Timeout: 5 * time.Second})
		want := addr + `: the server does not answer to the name "sip.contoso.com" (it sent an unrecognized_name alert)`
		if obs.Err == nil || !strings.HasPrefix(obs.Err.Error(), want) {
			t.Fatalf("got %v\nwant %s", obs.Err, want)
		}
	})
}

// BenchmarkProbeAllModern probes 500 loopback endpoints that speak only TLS 1.3 at concurrency 50: each costs the
// refused legacy hello and the crypto/tls handshake. Compare with BenchmarkProbeAll.
func BenchmarkProbeAllModern(b *testing.B) {
	benchmarkProbeAll(b, func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, StackModern)
}
