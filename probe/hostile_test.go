package probe

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// selfSigned makes a certificate from tmpl, signed by its own new key.
func selfSigned(t testing.TB, tmpl *x509.Certificate) tls.Certificate {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.SerialNumber = big.NewInt(time.Now().UnixNano())
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestHostileServers: each gives an error or a verdict within the timeout plus a second, and the probe reads no
// more than its cap.
func TestHostileServers(t *testing.T) {
	se01 := keyPair(t, "se01")
	huge := se01
	huge.Certificate = append([][]byte{se01.Certificate[0]}, make([][]byte, 15)...)
	for i := 1; i < len(huge.Certificate); i++ {
		huge.Certificate[i] = make([]byte, 1<<20) // a 16 MiB Certificate message
	}
	long := se01
	long.Certificate = [][]byte{se01.Certificate[0]}
	for range 300 {
		long.Certificate = append(long.Certificate, se01.Certificate[1]) // a 300-certificate chain
	}
	var names []string
	for i, size := 0, 0; size < 1<<20; i++ {
		names = append(names, fmt.Sprintf("host-%06d.with-a-rather-long-label-to-fill-a-megabyte.contoso.com", i))
		size += len(names[i])
	}
	bigSAN := selfSigned(t, &x509.Certificate{Subject: pkix.Name{CommonName: "se01.contoso.com"}, DNSNames: names})

	opts := Options{Timeout: 2 * time.Second}
	for _, tc := range []struct {
		name string
		cert tls.Certificate
	}{{"16 MiB Certificate message", huge}, {"300-certificate chain", long}, {"1 MiB SAN", bigSAN}} {
		t.Run(tc.name, func(t *testing.T) {
			addr := tlsServer(t, "se01", func(c *tls.Config) { c.Certificates = []tls.Certificate{tc.cert} })
			start := time.Now()
			obs := Probe(context.Background(), Endpoint{Address: addr}, opts)
			if elapsed := time.Since(start); elapsed > opts.Timeout+time.Second {
				t.Fatalf("took %s", elapsed)
			}
			if obs.Err == nil && obs.Leaf == nil {
				t.Fatal("neither a certificate nor an error")
			}
			if obs.Err != nil && !strings.HasPrefix(obs.Err.Error(), addr+": ") {
				t.Fatalf("error does not name the address: %v", obs.Err)
			}
			t.Logf("%s: %v", tc.name, obs.Err)
		})
	}
}
