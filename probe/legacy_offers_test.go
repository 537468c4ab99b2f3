package probe

import (
	"crypto/tls"
	"net"
	"testing"
	"time"
)

// TestLegacyOffers asks real TLS servers on 127.0.0.1 what they offer the era's clients.
func TestLegacyOffers(t *testing.T) {
	cases := []struct {
		name          string
		tweak         func(*tls.Config)
		tls10, nonAES OfferVerdict
	}{
		{"Windows Server 2003: TLS 1.0 with 3DES", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS10
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_RSA_WITH_AES_128_CBC_SHA}
		}, OfferAccepted, OfferAccepted},
		{"TLS 1.2 only", func(c *tls.Config) {
			c.MinVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_RSA_WITH_AES_128_CBC_SHA}
		}, OfferRefused, OfferAccepted},
		{"AES suites only", func(c *tls.Config) {
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
		}, OfferAccepted, OfferRefused},
		{"TLS 1.2 with AES only", func(c *tls.Config) { c.MinVersion = tls.VersionTLS12 }, OfferRefused, OfferRefused},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := probe(t, tlsServer(t, "se01", tc.tweak), Options{Timeout: fast.Timeout, LegacyClients: true})
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			l := obs.TLS.Legacy
			if l == nil {
				t.Fatal("no legacy offers recorded")
			}
			if l.TLS10.Verdict != tc.tls10 || l.NonAES.Verdict != tc.nonAES {
				t.Fatalf("TLS 1.0 %+v, without AES %+v; want %s, %s", l.TLS10, l.NonAES, tc.tls10, tc.nonAES)
			}
			if l.TLS10.Verdict == OfferAccepted && l.TLS10.Version != "TLSv1.0" {
				t.Fatalf("TLS 1.0 accepted with %q", l.TLS10.Version)
			}
			if l.TLS10.Verdict == OfferRefused && l.TLS10.Alert == "" {
				t.Errorf("no alert named for the refusal: %+v", l.TLS10)
			}
		})
	}
	t.Run("not asked", func(t *testing.T) {
		if obs := probe(t, tlsServer(t, "se01", nil), fast); obs.Err != nil || obs.TLS.Legacy != nil {
			t.Fatalf("%v %+v", obs.Err, obs.TLS)
		}
	})
	t.Run("server gone after the first handshake", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		config := &tls.Config{Certificates: []tls.Certificate{keyPair(t, "se01")}, MinVersion: tls.VersionTLS10}
		done := make(chan struct{})
		go func() {
			defer close(done)
			c, err := ln.Accept()
			_ = ln.Close() // nobody answers the legacy handshakes
			if err != nil {
				return
			}
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			_ = tls.Server(c, config).Handshake()
		}()
		obs := probe(t, ln.Addr().String(), Options{Timeout: fast.Timeout, LegacyClients: true})
		<-done
		if obs.Err != nil {
			t.Fatal(obs.Err)
		}
		if l := obs.TLS.Legacy; l.TLS10.Verdict != OfferUnknown || l.NonAES.Verdict != OfferUnknown || l.TLS10.Problem != "connection refused" {
			t.Fatalf("%+v", l)
		}
	})
}
