package probe

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uclint/uclint/fixtures"
)

// keyPair loads a fixture certificate (with the chain its file holds) and key.
func keyPair(t testing.TB, name string) tls.Certificate {
	t.Helper()
	certPEM, err := os.ReadFile(fixtures.Path("pki", name+".pem"))
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err := os.ReadFile(fixtures.Path("keys", name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return pair
}

// listen opens a listener on 127.0.0.1 and serves each connection with serve until the test ends.
func listen(t testing.TB, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	t.Cleanup(func() {
		close(done)
		_ = ln.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				stop := make(chan struct{})
				go func() {
					select {
					case <-done:
						_ = conn.Close()
					case <-stop:
					}
				}()
				serve(conn)
				close(stop)
			})
		}
	})
	return ln.Addr().String()
}

// tlsServer is a Go crypto/tls server presenting a fixture certificate, configured by tweak.
func tlsServer(t testing.TB, name string, tweak func(*tls.Config)) string {
	t.Helper()
	config := &tls.Config{Certificates: []tls.Certificate{keyPair(t, name)}, MinVersion: tls.VersionTLS10}
	if tweak != nil {
		tweak(config)
	}
	return listen(t, func(c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		_ = tls.Server(c, config).Handshake()
	})
}

var fast = Options{Timeout: 2 * time.Second}

func probe(t *testing.T, addr string, opts Options) Observation {
	t.Helper()
	return Probe(context.Background(), Endpoint{Address: addr, SNI: "se01.contoso.com"}, opts)
}

func TestProbeLegacyServers(t *testing.T) {
	cases := []struct {
		name          string
		tweak         func(*tls.Config)
		version       string
		cipher        string
		clientCertAsk bool
		handshakeErr  bool
	}{
		{"TLS 1.2 with ECDHE", nil, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, false},
		{"TLS 1.2 with RSA key exchange", func(c *tls.Config) {
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}
		}, "TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256", false, false},
		{"Windows Server 2003: TLS 1.0, RSA key exchange, 3DES", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS10
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}
		}, "TLSv1.0", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", false, false},
		{"TLS 1.0 with RC4", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS10
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_RC4_128_SHA}
		}, "TLSv1.0", "TLS_RSA_WITH_RC4_128_SHA", false, false},
		{"OCS 5061: client certificate requested", func(c *tls.Config) { c.ClientAuth = tls.RequestClientCert },
			"TLSv1.2", "", true, false},
		{"OCS 5061: client certificate required", func(c *tls.Config) { c.ClientAuth = tls.RequireAnyClientCert },
			"TLSv1.2", "", true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := probe(t, tlsServer(t, "se01", tc.tweak), fast)
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "se01.contoso.com" || len(obs.Chain) != 1 {
				t.Fatalf("chain: %q + %d", obs.Leaf.Subject.CommonName, len(obs.Chain))
			}
			if obs.TLS.Version != tc.version || (tc.cipher != "" && obs.TLS.Cipher != tc.cipher) {
				t.Fatalf("negotiated %s %s, want %s %s", obs.TLS.Version, obs.TLS.Cipher, tc.version, tc.cipher)
			}
			if tc.handshakeErr && !strings.Contains(obs.TLS.HandshakeError, "asked for a client certificate") {
				t.Fatalf("handshake error %q does not say why", obs.TLS.HandshakeError)
			}
			if obs.TLS.ClientCertRequested != tc.clientCertAsk || (obs.TLS.HandshakeError != "") != tc.handshakeErr {
				t.Fatalf("client certificate requested %v, handshake error %q", obs.TLS.ClientCertRequested, obs.TLS.HandshakeError)
			}
			if obs.TLS.Stack != StackLegacy || obs.TLS.SNI != "se01.contoso.com" {
				t.Fatalf("answered by %q with SNI %q", obs.TLS.Stack, obs.TLS.SNI)
			}
			if obs.TLS.RSAKeyExchange() != strings.HasPrefix(obs.TLS.Cipher, "TLS_RSA_") || obs.TLS.FailedAfterCertificate {
				t.Fatalf("RSA key exchange %v with %s; failed after certificate %v", obs.TLS.RSAKeyExchange(), obs.TLS.Cipher, obs.TLS.FailedAfterCertificate)
			}
			if tc.handshakeErr && obs.TLS.FailedAt != StageClientCertificate {
				t.Fatalf("failed at %q", obs.TLS.FailedAt)
			}
		})
	}
}

func TestProbeLeafOnlyChain(t *testing.T) {
	pair := keyPair(t, "se01")
	pair.Certificate = pair.Certificate[:1]
	addr := tlsServer(t, "se01", func(c *tls.Config) { c.Certificates = []tls.Certificate{pair} })
	obs := probe(t, addr, fast)
	if obs.Err != nil || len(obs.Chain) != 0 {
		t.Fatalf("leaf-only server: %v, chain %d", obs.Err, len(obs.Chain))
	}
}

func TestProbeSendsNoClientCertificate(t *testing.T) {
	got := make(chan int, 1)
	config := &tls.Config{Certificates: []tls.Certificate{keyPair(t, "se01")}, ClientAuth: tls.RequestClientCert}
	addr := listen(t, func(c net.Conn) {
		s := tls.Server(c, config)
		_ = s.Handshake()
		got <- len(s.ConnectionState().PeerCertificates)
	})
	if obs := probe(t, addr, fast); obs.Err != nil {
		t.Fatal(obs.Err)
	}
	if n := <-got; n != 0 {
		t.Fatalf("uclint sent %d client certificates", n)
	}
}

func TestProbeFailures(t *testing.T) {
	closed := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		return addr
	}
	silent := listen(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	http := listen(t, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 1024))
		_, _ = io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	})
	garbage := listen(t, func(c net.Conn) { _, _ = c.Write([]byte{0x9c, 0x01, 0xfe, 0x00, 0x42, 0x17, 0xee, 0x80, 0x00, 0x01}) })
	smtp := listen(t, func(c net.Conn) {
		_, _ = io.WriteString(c, "220 mail.contoso.com ESMTP ready\r\n")
		time.Sleep(time.Second)
	})
	reset := listen(t, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 16))
		if tcp, ok := c.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0)
		}
	})
	flood := listen(t, func(c net.Conn) {
		// A 64 KiB handshake message in well-formed records: more than the read cap before it ends.
		first := append([]byte{0x16, 0x03, 0x01, 0x40, 0x00, 0x02, 0x00, 0xff, 0xf0}, make([]byte, 16<<10-4)...)
		rest := append([]byte{0x16, 0x03, 0x01, 0x40, 0x00}, make([]byte, 16<<10)...)
		if _, err := c.Write(first); err != nil {
			return
		}
		for range 4 {
			if _, err := c.Write(rest); err != nil {
				return
			}
		}
	})
	trickle := listen(t, func(c net.Conn) {
		for _, b := range []byte{0x16, 0x03, 0x01, 0x00, 0x40} {
			if _, err := c.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(time.Second)
		}
	})
	opts := Options{Timeout: 1500 * time.Millisecond, MaxBytes: 32 << 10}
	cases := []struct{ name, addr, want string }{
		{"closed port", closed(), "connection refused"},
		{"accepts and never speaks", silent, "no TLS answer within 1.5s"},
		{"plain HTTP", http, "not TLS: the server answered with HTTP"},
		{"garbage", garbage, "not TLS: unexpected bytes 9c 01 fe 00"},
		{"SMTP banner", smtp, "not TLS: the server answered with a plain-text banner"},
		{"reset mid-handshake", reset, "connection reset"},
		{"flood", flood, "more than 32768 bytes"},
		{"one byte per second", trickle, "did not finish within 1.5s"},
		{"no common cipher suite in either stack", tlsServer(t, "se01", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256} // an ECDSA suite with an RSA certificate
		}), "no common TLS version or cipher suite: the server refused TLS 1.0 to 1.2 with the legacy suites " +
			"(RSA key exchange, 3DES, RC4, ECDHE with AES) (it sent a handshake_failure alert) and TLS 1.2 and 1.3 " +
			"with modern suites (ECDHE with AES-GCM or ChaCha20) (it sent a handshake_failure alert)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			obs := probe(t, tc.addr, opts)
			if elapsed := time.Since(start); elapsed > opts.Timeout+time.Second {
				t.Errorf("took %s, more than the timeout plus a second", elapsed)
			}
			if obs.Err == nil || !strings.HasPrefix(obs.Err.Error(), tc.addr+": ") || !strings.Contains(obs.Err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming %s and saying %q", obs.Err, tc.addr, tc.want)
			}
		})
	}
}

// TestProbeAllParallel: endpoints that never answer cost about one timeout in all, not one each.
func TestProbeAllParallel(t *testing.T) {
	silent := listen(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	endpoints := make([]Endpoint, 50)
	for i := range endpoints {
		endpoints[i] = Endpoint{Address: silent}
	}
	good := tlsServer(t, "se01", nil)
	endpoints[17] = Endpoint{Address: good}
	opts := Options{Timeout: 300 * time.Millisecond}
	results := make([]Observation, len(endpoints))
	start := time.Now()
	ProbeAll(context.Background(), endpoints, opts, 50, func(i int, obs Observation) { results[i] = obs })
	if elapsed := time.Since(start); elapsed > 5*opts.Timeout {
		t.Fatalf("50 silent endpoints at concurrency 50 took %s", elapsed)
	}
	for i, obs := range results {
		if (i == 17) != (obs.Err == nil) {
			t.Fatalf("endpoint %d: %v", i, obs.Err)
		}
	}
}

// TestProbeSilentServerTimeout: a server that accepts and never speaks costs the timeout, not much more.
func TestProbeSilentServerTimeout(t *testing.T) {
	silent := listen(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	opts := Options{Timeout: 300 * time.Millisecond}
	start := time.Now()
	obs := probe(t, silent, opts)
	elapsed := time.Since(start)
	if obs.Err == nil || obs.Err.Error() != silent+": no TLS answer within 300ms" {
		t.Fatalf("got %v", obs.Err)
	}
	if elapsed < opts.Timeout || elapsed > opts.Timeout+500*time.Millisecond {
		t.Fatalf("returned after %s with a %s timeout", elapsed, opts.Timeout)
	}
}

// TestProbeCanceled: a canceled context ends the probe at once, with an error that says so.
func TestProbeCanceled(t *testing.T) {
	silent := listen(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	obs := Probe(ctx, Endpoint{Address: silent}, Options{Timeout: 5 * time.Second})
	if time.Since(start) > 2*time.Second || obs.Err == nil || !strings.Contains(obs.Err.Error(), "canceled") {
		t.Fatalf("after %s: %v", time.Since(start), obs.Err)
	}
}

// TestProbeCorruptChainCertificate: a chain certificate that does not parse is left out and recorded; the leaf is
// still judged.
func TestProbeCorruptChainCertificate(t *testing.T) {
	pair := keyPair(t, "se01")
	pair.Certificate = [][]byte{pair.Certificate[0], []byte("not a certificate"), pair.Certificate[1]}
	addr := tlsServer(t, "se01", func(c *tls.Config) { c.Certificates = []tls.Certificate{pair} })
	obs := probe(t, addr, fast)
	if obs.Err != nil {
		t.Fatal(obs.Err)
	}
	if len(obs.Chain) != 1 || len(obs.TLS.UnparsedChain) != 1 || !strings.HasPrefix(obs.TLS.UnparsedChain[0], "chain certificate 1: ") {
		t.Fatalf("chain %d, unparsed %q", len(obs.Chain), obs.TLS.UnparsedChain)
	}
}

// TestProbeAllConcurrencyBound: never more than concurrency connections at once, and each endpoint handled once.
func TestProbeAllConcurrencyBound(t *testing.T) {
	var mu sync.Mutex
	open, most := 0, 0
	config := &tls.Config{Certificates: []tls.Certificate{keyPair(t, "se01")}}
	addr := listen(t, func(c net.Conn) {
		mu.Lock()
		open++
		most = max(most, open)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		_ = tls.Server(c, config).Handshake()
		mu.Lock()
		open--
		mu.Unlock()
	})
	endpoints := make([]Endpoint, 40)
	for i := range endpoints {
		endpoints[i] = Endpoint{Address: addr}
	}
	handled := make([]int, len(endpoints))
	ProbeAll(context.Background(), endpoints, fast, 4, func(i int, obs Observation) {
		if obs.Err != nil {
			t.Error(obs.Err)
		}
		mu.Lock()
		handled[i]++
		mu.Unlock()
	})
	for i, n := range handled {
		if n != 1 {
			t.Fatalf("endpoint %d handled %d times", i, n)
		}
	}
	// The server may see a connection close a moment after the client is done: allow for that overlap.
	if most > 4+1 {
		t.Fatalf("%d connections at once with concurrency 4", most)
	}
	ProbeAll(context.Background(), nil, fast, 4, func(int, Observation) { t.Fatal("no endpoint, no call") })
}

// BenchmarkProbeAll probes 500 loopback endpoints (a handful of Go TLS listeners serving 100 logical endpoints
// each) at concurrency 50, as a scan of a large deployment would.
func BenchmarkProbeAll(b *testing.B) { benchmarkProbeAll(b, nil, "") }

// benchmarkProbeAll probes 500 endpoints served by five Go TLS listeners configured by tweak, at concurrency 50;
// every probe must succeed, answered by stack when it is not "".
func benchmarkProbeAll(b *testing.B, tweak func(*tls.Config), stack string) {
	var addrs []string
	for range 5 {
		addrs = append(addrs, tlsServer(b, "se01", tweak))
	}
	endpoints := make([]Endpoint, 500)
	for i := range endpoints {
		endpoints[i] = Endpoint{Address: addrs[i%len(addrs)], SNI: "se01.contoso.com"}
	}
	b.ReportAllocs()
	for b.Loop() {
		ProbeAll(context.Background(), endpoints, fast, 50, func(i int, obs Observation) {
			if obs.Err != nil || (stack != "" && obs.TLS.Stack != stack) {
				b.Error(obs.Err)
			}
		})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(endpoints)), "ns/endpoint")
}
