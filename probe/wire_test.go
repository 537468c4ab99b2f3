package probe

import (
	"bytes"
	"crypto/tls"
	"testing"
)

// TestServerFlight: what real Go TLS servers send is followed to the same version, suite, messages and
// certificates whether it arrives at once or one byte at a time; TLS 1.3 is followed up to the ServerHello.
func TestServerFlight(t *testing.T) {
	se01 := keyPair(t, "se01")
	cases := []struct {
		name    string
		tweak   func(*tls.Config)
		modern  bool
		version uint16
		suite   uint16
		certs   int
		certReq bool
	}{
		{"TLS 1.2 ECDHE", nil, false, tls.VersionTLS12, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 2, false},
		{"TLS 1.0 3DES, client certificate requested", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS10
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}
			c.ClientAuth = tls.RequestClientCert
		}, false, tls.VersionTLS10, tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, 2, true},
		{"TLS 1.3", func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, true, tls.VersionTLS13, tls.TLS_AES_128_GCM_SHA256, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := capturedServerFlight(t, tc.tweak, tc.modern)
			var whole, bytewise serverFlight
			whole.Write(data)
			for i := range data {
				bytewise.Write(data[i : i+1])
			}
			for _, f := range []*serverFlight{&whole, &bytewise} {
				if !f.helloSeen || f.version != tc.version || f.suite != tc.suite || len(f.certificates) != tc.certs || f.saw(msgCertificateRequest) != tc.certReq {
					t.Fatalf("hello %v, version %x, suite %x, %d certificates, messages %v", f.helloSeen, f.version, f.suite, len(f.certificates), f.messages)
				}
				if tc.certs > 0 && (!bytes.Equal(f.certificates[0], se01.Certificate[0]) || !bytes.Equal(f.certificates[1], se01.Certificate[1]) || !f.saw(msgServerHelloDone)) {
					t.Fatalf("certificates or ServerHelloDone not read: messages %v", f.messages)
				}
				if !f.stopped {
					t.Fatal("following did not stop at the encrypted part")
				}
			}
		})
	}
	var junk serverFlight
	junk.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
	if junk.helloSeen || !junk.stopped || len(junk.messages) != 0 {
		t.Fatalf("%+v", junk)
	}
}

// BenchmarkServerFlightBytewise follows 1 MiB of well-formed handshake records (the byte cap) arriving one byte
// per read, as a hostile server may send them: the work must stay linear in the bytes.
func BenchmarkServerFlightBytewise(b *testing.B) {
	record := append([]byte{recordHandshake, 3, 3, 0x40, 0x00}, make([]byte, 1<<14)...)
	// Each record carries a 16 KiB - 4 handshake message of an unknown type 99.
	record[5], record[6], record[7], record[8] = 99, 0, 0x3f, 0xfc
	data := bytes.Repeat(record, (1<<20)/len(record))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var f serverFlight
		for i := range data {
			f.Write(data[i : i+1])
		}
		if len(f.messages) != maxMessagesKept || f.stopped {
			b.Fatalf("%d messages, stopped %v", len(f.messages), f.stopped)
		}
	}
}
