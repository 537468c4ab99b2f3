package probe

import (
	"context"
	"crypto/tls"
	stdx509 "crypto/x509"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ztls "github.com/zmap/zcrypto/tls"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/uclint/uclint/fixtures"
)

// The fuzz targets call the parsers without the recover production wraps them in (parseGuarded, safeProbe), so
// that a panic is reported by `go test -fuzz` instead of turned into an error.

// FuzzParseCertificates feeds arbitrary bytes to the file loader's parsers (PEM, DER, PKCS#7, PKCS#12), seeded
// with every fixture file: it must not panic, and it returns certificates or an error, never both or neither.
func FuzzParseCertificates(f *testing.F) {
	seedFixtures(f, []string{filepath.Join("pki", "formats"), "bad"})
	// PFX files with one key-derivation round, so that the fuzzer can afford to explore PKCS#12 input.
	pair := keyPair(f, "se01")
	for _, enc := range []*pkcs12.Encoder{pkcs12.LegacyRC2, pkcs12.LegacyDES, pkcs12.Modern2023} {
		data, err := enc.WithIterations(1).Encode(pair.PrivateKey, pair.Leaf, []*stdx509.Certificate{parsed(f, pair.Certificate[1])}, fixtures.PFXPassword)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if looksLikePKCS12(data) && checkPFXIterations(data, 16) != nil {
			// Legitimately slow (Windows exports use 2,000 to 10,000 key-derivation rounds, and they are far slower
			// under the fuzzer's instrumentation): the fuzzer would spend its time there. TestPFXIterationCap
			// covers the cap.
			t.Skip()
		}
		certs, err := ParseCertificates(data, fixtures.PFXPassword)
		if (err == nil) == (len(certs) == 0) {
			t.Fatalf("either certificates or an error: %d certificates, error %v", len(certs), err)
		}
	})
}

// FuzzDecodePassword feeds arbitrary password-file bytes to the decoder: no panic; a password is one line of
// valid UTF-8 without NUL, or there is an error that holds nothing of the input.
func FuzzDecodePassword(f *testing.F) {
	f.Add([]byte("secret\r\n"))
	f.Add([]byte("\xef\xbb\xbfP\xc3\xa4ss\r\n"))
	f.Add([]byte{0xff, 0xfe, 'P', 0, 0xe4, 0, '\r', 0, '\n', 0})
	f.Add([]byte{0xfe, 0xff, 0, 'P', 0, 0xe4, 0, '\r', 0, '\n'})
	f.Add([]byte{'C', 0, 'o', 0})
	f.Add([]byte("S\xe4p3r\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		password, err := decodePassword(data)
		if err != nil {
			if password != "" {
				t.Fatalf("a password and an error: %v", err)
			}
			if slices.Contains([]error{errPasswordEmpty, errPasswordLines, errPasswordNotText, errPasswordNUL}, err) { //nolint:errorlint // the decoder returns these values themselves
				return
			}
			t.Fatalf("an error that is not one of the fixed texts: %v", err)
		}
		if password == "" || strings.ContainsAny(password, "\r\n\x00") || !utf8.ValidString(password) {
			t.Fatalf("password %q from % x", password, data)
		}
	})
}

// FuzzServerFlight feeds arbitrary bytes, cut into arbitrary reads, to the follower of a server's handshake
// messages: no panic, the same result however the bytes are cut, and certificates only from a Certificate message
// that fits in the input.
func FuzzServerFlight(f *testing.F) {
	f.Add(capturedServerFlight(f, nil, false), uint8(7))
	f.Add(capturedServerFlight(f, func(c *tls.Config) {
		c.MaxVersion = tls.VersionTLS10
		c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}
		c.ClientAuth = tls.RequestClientCert
	}, false), uint8(1))
	f.Add(capturedServerFlight(f, func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, true), uint8(200))
	f.Add([]byte{recordAlert, 3, 3, 0, 2, 2, 40}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		var whole, cut serverFlight
		whole.Write(data)
		size := int(chunk) + 1
		for i := 0; i < len(data); i += size {
			cut.Write(data[i:min(i+size, len(data))])
		}
		if whole.helloSeen != cut.helloSeen || whole.version != cut.version || whole.suite != cut.suite ||
			len(whole.certificates) != len(cut.certificates) || string(whole.messages) != string(cut.messages) {
			t.Fatalf("the result depends on how the bytes are cut: %+v vs %+v", whole, cut)
		}
		total := 0
		for _, c := range whole.certificates {
			total += len(c)
		}
		if total > len(data) || (len(whole.certificates) > 0 && !whole.saw(msgCertificate)) {
			t.Fatalf("%d certificate bytes from %d bytes, Certificate message seen %v", total, len(data), whole.saw(msgCertificate))
		}
	})
}

// capturedServerFlight returns what a Go TLS server (configured by tweak) sends to a client hello, recorded on
// 127.0.0.1: zcrypto's, as the probe's legacy path sends it, or crypto/tls's when modern is true.
func capturedServerFlight(f testing.TB, tweak func(*tls.Config), modern bool) []byte {
	f.Helper()
	raw, err := net.Dial("tcp", tlsServer(f, "se01", tweak))
	if err != nil {
		f.Fatal(err)
	}
	defer raw.Close()
	_ = raw.SetDeadline(time.Now().Add(5 * time.Second))
	rec := &capturingConn{Conn: raw}
	if modern {
		_ = tls.Client(rec, &tls.Config{InsecureSkipVerify: true}).Handshake() //nolint:gosec // a recording, not a trust decision
	} else {
		_ = ztls.Client(rec, &ztls.Config{InsecureSkipVerify: true, MinVersion: ztls.VersionTLS10, MaxVersion: ztls.VersionTLS12, CipherSuites: cipherSuites(),
			GetClientCertificate: func(*ztls.CertificateRequestInfo) (*ztls.Certificate, error) { return &ztls.Certificate{}, nil },
		}).Handshake()
	}
	return rec.read
}

// capturingConn keeps every byte read.
type capturingConn struct {
	net.Conn
	read []byte
}

func (c *capturingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read = append(c.read, p[:n]...)
	return n, err
}

// FuzzProbeServerAnswer runs the whole probe, both stacks and the description of what went wrong, against a
// server on 127.0.0.1 that answers any hello with the fuzzer's bytes and closes: no panic, an observation with
// either a certificate or an error naming the address, and a handshake that broke after the certificate always
// says where.
func FuzzProbeServerAnswer(f *testing.F) {
	f.Add(capturedServerFlight(f, nil, false))
	f.Add(capturedServerFlight(f, func(c *tls.Config) {
		c.MaxVersion = tls.VersionTLS10
		c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}
		c.ClientAuth = tls.RequestClientCert
	}, false))
	f.Add([]byte{recordAlert, 3, 3, 0, 2, 2, alertProtocolVersion})
	f.Add([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
	f.Fuzz(func(t *testing.T, answer []byte) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan struct{})
		go func() {
			defer close(served)
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				_ = c.SetDeadline(time.Now().Add(time.Second))
				_, _ = c.Read(make([]byte, 4096))
				_, _ = c.Write(answer)
				_ = c.Close()
			}
		}()
		addr := ln.Addr().String()
		obs := Probe(context.Background(), Endpoint{Address: addr, SNI: "se01.contoso.com"}, Options{Timeout: time.Second, MaxBytes: 64 << 10})
		_ = ln.Close()
		<-served
		switch {
		case (obs.Err == nil) == (obs.Leaf == nil):
			t.Fatalf("either a certificate or an error: %v", obs.Err)
		case obs.Err != nil && !strings.HasPrefix(obs.Err.Error(), addr+": "):
			t.Fatalf("the error does not name the address: %v", obs.Err)
		case obs.TLS != nil && obs.TLS.FailedAfterCertificate && (obs.TLS.FailedAt == StageNone || obs.TLS.HandshakeError == ""):
			t.Fatalf("failed after the certificate without saying where: %+v", obs.TLS)
		}
	})
}

func parsed(tb testing.TB, der []byte) *stdx509.Certificate {
	tb.Helper()
	c, err := stdx509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
