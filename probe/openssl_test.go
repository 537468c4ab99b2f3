package probe

import (
	"bufio"
	"context"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/fixtures"
)

// freePort returns a port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// TestProbeOpenSSLServer dials a real non-Go TLS peer: openssl s_server, TLS 1.0 only with RSA key exchange,
// asking for a client certificate as OCS does. 3DES is tried when this OpenSSL has it (Debian's OpenSSL 3 is built
// without 3DES and RC4, so there the 3DES and RC4 servers are Go's, in TestProbeLegacyServers).
func TestProbeOpenSSLServer(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	for _, tc := range []struct{ name, cipher, verify, want string }{
		{"AES", "AES128-SHA:@SECLEVEL=0", "-verify", "TLS_RSA_WITH_AES_128_CBC_SHA"},
		{"3DES", "DES-CBC3-SHA:@SECLEVEL=0", "-verify", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
		{"client certificate required", "AES128-SHA:@SECLEVEL=0", "-Verify", "TLS_RSA_WITH_AES_128_CBC_SHA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := exec.Command(openssl, "ciphers", tc.cipher).Run(); err != nil {
				t.Skipf("this OpenSSL has no %s", tc.cipher)
			}
			addr := startOpenSSL(t, openssl, "-tls1", "-cipher", tc.cipher, tc.verify, "1")
			obs := Probe(context.Background(), Endpoint{Address: addr, SNI: "dir01.contoso.com"}, Options{Timeout: 5 * time.Second})
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "dir01.contoso.com" || obs.TLS.Version != "TLSv1.0" || obs.TLS.Cipher != tc.want || !obs.TLS.ClientCertRequested {
				t.Fatalf("got %s %s %s, client certificate requested %v", obs.Leaf.Subject.CommonName, obs.TLS.Version, obs.TLS.Cipher, obs.TLS.ClientCertRequested)
			}
			if (tc.verify == "-Verify") != strings.Contains(obs.TLS.HandshakeError, "asked for a client certificate") {
				t.Fatalf("handshake error %q", obs.TLS.HandshakeError)
			}
			if required := tc.verify == "-Verify"; (obs.TLS.FailedAt == StageClientCertificate) != required || obs.TLS.FailedAfterCertificate {
				t.Fatalf("failed at %q, after certificate %v", obs.TLS.FailedAt, obs.TLS.FailedAfterCertificate)
			}
			if !obs.TLS.RSAKeyExchange() || obs.TLS.Stack != StackLegacy {
				t.Fatalf("RSA key exchange %v via %s", obs.TLS.RSAKeyExchange(), obs.TLS.Stack)
			}
			if !strings.Contains(obs.Leaf.Issuer.CommonName, "Contoso") {
				t.Fatalf("issuer %q", obs.Leaf.Issuer.CommonName)
			}
		})
	}
}

// startOpenSSL runs openssl s_server with a fixture certificate on a free port of 127.0.0.1, waits until it
// accepts, and stops it when the test ends. It returns the address.
func startOpenSSL(t *testing.T, openssl string, args ...string) string {
	t.Helper()
	port := freePort(t)
	args = append([]string{"s_server", "-accept", "127.0.0.1:" + port,
		"-cert", fixtures.Path("pki", "dir01-tls10.pem"), "-key", fixtures.Path("keys", "dir01-tls10.key"), "-quiet"}, args...)
	cmd := exec.Command(openssl, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logged := make(chan struct{})
	go func() {
		defer close(logged)
		s := bufio.NewScanner(stdout)
		for s.Scan() {
			t.Logf("openssl: %s", s.Text())
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-logged // the pipe closes when openssl exits; no Logf after the test ends
		_ = cmd.Wait()
	})
	addr := "127.0.0.1:" + port
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("openssl s_server did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
