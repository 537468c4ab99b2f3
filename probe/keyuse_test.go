package probe

import (
	"bytes"
	"crypto"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// unusableKey stands for a private key the server's TLS stack cannot use (a CNG key SChannel cannot reach, a
// certificate imported without its key): it has the certificate's public key, and every signature or decryption
// fails.
type unusableKey struct{ public crypto.PublicKey }

func (k unusableKey) Public() crypto.PublicKey { return k.public }

func (unusableKey) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("the key cannot be used")
}

func (unusableKey) Decrypt(io.Reader, []byte, crypto.DecrypterOpts) ([]byte, error) {
	return nil, errors.New("the key cannot be used")
}

// cutAfterKeyExchange is a TCP relay in front of a TLS server: it passes the client's hello to the server and the
// server's answer back, and when the client sends its key exchange it closes the connection (resets it when reset
// is true), as a server that cannot use its key may do, without an alert and without asking for a client
// certificate.
func cutAfterKeyExchange(t *testing.T, backend string, reset bool) string {
	t.Helper()
	return listen(t, func(c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		b, err := net.Dial("tcp", backend)
		if err != nil {
			return
		}
		var wg sync.WaitGroup
		defer wg.Wait()
		defer b.Close()
		header := make([]byte, 5)
		if _, err := io.ReadFull(c, header); err != nil {
			return
		}
		hello := make([]byte, int(header[3])<<8|int(header[4]))
		if _, err := io.ReadFull(c, hello); err != nil {
			return
		}
		if _, err := b.Write(append(header, hello...)); err != nil {
			return
		}
		wg.Go(func() { _, _ = io.Copy(c, b) })
		if _, err := c.Read(make([]byte, 1)); err != nil {
			return
		}
		if tcp, ok := c.(*net.TCPConn); ok && reset {
			_ = tcp.SetLinger(0)
		} else {
			// Read the rest of the client's flight first: closing with unread data would reset the connection.
			_ = c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
			_, _ = io.Copy(io.Discard, c)
		}
		_ = c.Close()
	})
}

// TestProbeKeyUnusable: a server that presents its certificate and cannot use (or does not hold) its private key
// breaks the handshake after its Certificate message. The chain is still returned, and TLSInfo says where and
// how it broke; a server that asks for a client certificate and ends the handshake when none comes is the normal
// OCS case, not this.
func TestProbeKeyUnusable(t *testing.T) {
	se01 := keyPair(t, "se01")
	unusable := se01
	unusable.PrivateKey = unusableKey{public: se01.Leaf.PublicKey}
	mismatched := se01
	mismatched.PrivateKey = keyPair(t, "dir01").PrivateKey // another RSA key of the same size
	rsaKeyExchange := func(c *tls.Config) {
		c.MaxVersion = tls.VersionTLS12
		c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}
	}
	tls13 := func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }
	server := func(cert tls.Certificate, tweaks ...func(*tls.Config)) string {
		return tlsServer(t, "se01", func(c *tls.Config) {
			c.Certificates = []tls.Certificate{cert}
			for _, tweak := range tweaks {
				tweak(c)
			}
		})
	}
	requireClientCert := func(c *tls.Config) { c.ClientAuth = tls.RequireAnyClientCert }

	cases := []struct {
		name       string
		addr       string
		stack      string
		stage      Stage
		keyProblem bool   // FailedAfterCertificate
		alert      string // the alert the server sent
		says       string // in HandshakeError
	}{
		{"ECDHE, the key cannot sign", server(unusable), StackLegacy, StageCertificate, true, "handshake_failure",
			"ended the handshake before proving it holds the certificate's private key (it sent a handshake_failure alert)"},
		{"RSA key exchange, the key cannot decrypt", server(unusable, rsaKeyExchange), StackLegacy, StageKeyExchange, true, "",
			"ended the handshake after uclint's key exchange"},
		{"ECDHE, the key does not match the certificate", server(mismatched), StackLegacy, StageSignature, true, "",
			"signature does not verify with the public key of the certificate it presents"},
		// Which alert depends on the two moduli: a wrong key whose modulus is smaller than the ciphertext cannot take
		// it (illegal_parameter); a larger one decrypts to a wrong secret, and the Finished fails (bad_record_mac).
		{"RSA key exchange, the key does not match the certificate", server(mismatched, rsaKeyExchange), StackLegacy,
			StageKeyExchange, true, "", "alert): the server appears unable to use the private key"},
		{"TLS 1.3, the key cannot sign", server(unusable, tls13), StackModern, StageCertificate, true, "",
			"before proving it holds the certificate's private key"},
		{"TLS 1.3, the key does not match the certificate", server(mismatched, tls13), StackModern, StageSignature, true, "",
			"signature does not verify"},
		{"closed after the key exchange", cutAfterKeyExchange(t, server(se01), false), StackLegacy, StageKeyExchange, true, "",
			"ended the handshake after uclint's key exchange, without asking for a client certificate (it closed the connection)"},
		{"reset after the key exchange", cutAfterKeyExchange(t, server(se01, rsaKeyExchange), true), StackLegacy, StageKeyExchange, true, "",
			"after uclint's key exchange, without asking for a client certificate (it reset the connection)"},
		{"client certificate required, ECDHE", server(se01, requireClientCert), StackLegacy, StageClientCertificate, false, "",
			"asked for a client certificate and ended the handshake when uclint sent none"},
		{"client certificate required, RSA key exchange", server(se01, requireClientCert, rsaKeyExchange), StackLegacy,
			StageClientCertificate, false, "", "asked for a client certificate and ended the handshake when uclint sent none"},
		{"client certificate required, key unusable", server(unusable, requireClientCert, rsaKeyExchange), StackLegacy,
			StageClientCertificate, false, "", "asked for a client certificate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := probe(t, tc.addr, fast)
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			if obs.Leaf.Subject.CommonName != "se01.contoso.com" || len(obs.Chain) != 1 {
				t.Fatalf("chain: %q + %d", obs.Leaf.Subject.CommonName, len(obs.Chain))
			}
			info := obs.TLS
			t.Logf("%s %s via %s: failed at %q, alert %q: %s", info.Version, info.Cipher, info.Stack, info.FailedAt, info.Alert, info.HandshakeError)
			if info.Stack != tc.stack || info.FailedAt != tc.stage || info.FailedAfterCertificate != tc.keyProblem {
				t.Fatalf("stack %s, failed at %q, after certificate %v; want %s, %q, %v", info.Stack, info.FailedAt,
					info.FailedAfterCertificate, tc.stack, tc.stage, tc.keyProblem)
			}
			if tc.alert != "" && info.Alert != tc.alert {
				t.Fatalf("alert %q, want %q", info.Alert, tc.alert)
			}
			if !strings.Contains(info.HandshakeError, tc.says) {
				t.Fatalf("handshake error %q does not say %q", info.HandshakeError, tc.says)
			}
			if strings.Contains(info.HandshakeError, "no common") {
				t.Fatalf("a failure after the certificate is not a version or suite problem: %q", info.HandshakeError)
			}
		})
	}
}

// TestProbeAlertAfterServerHello: a handshake_failure alert after the server chose a version and suite is not
// "no common version or suite"; the message says what the server chose and what it sent.
func TestProbeAlertAfterServerHello(t *testing.T) {
	flight := capturedServerFlight(t, nil, false)
	helloRecord := flight[:5+(int(flight[3])<<8|int(flight[4]))]
	if helloRecord[0] != recordHandshake || helloRecord[5] != msgServerHello || len(helloRecord) == len(flight) {
		t.Fatalf("the first record is not a lone ServerHello: % x", helloRecord[:6])
	}
	answer := append(bytes.Clone(helloRecord), recordAlert, 3, 3, 0, 2, 2, alertHandshakeFailure)
	addr := listen(t, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 4096))
		_, _ = c.Write(answer)
	})
	obs := probe(t, addr, fast)
	want := addr + ": the server chose TLSv1.2 with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and then ended the handshake " +
		"before presenting a certificate (it sent a handshake_failure alert)"
	if obs.Err == nil || obs.Err.Error() != want {
		t.Fatalf("got  %v\nwant %s", obs.Err, want)
	}
}
