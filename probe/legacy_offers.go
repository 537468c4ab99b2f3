package probe

import (
	"context"
	"slices"
	"sync"

	ztls "github.com/zmap/zcrypto/tls"
)

// LegacyOffers is what an endpoint offers the clients of the OCS 2007 R2 era, asked with one handshake each: TLS
// 1.0 alone (all Windows XP and Server 2003 speak), and only the suites without AES (all Windows XP has: 3DES and
// RC4 with RSA key exchange).
type LegacyOffers struct {
	TLS10  Offer // a ClientHello offering TLS 1.0 only, with every suite uclint offers
	NonAES Offer // a ClientHello offering TLS 1.0 to 1.2 with TLS_RSA_WITH_3DES_EDE_CBC_SHA and TLS_RSA_WITH_RC4_128_SHA only
}

// OfferVerdict says how a server answered one of these handshakes.
type OfferVerdict string

// The verdicts.
const (
	// OfferAccepted: the server answered with a ServerHello choosing what was offered.
	OfferAccepted OfferVerdict = "accepted"
	// OfferRefused: the server ended the handshake before a ServerHello (an alert, a closed or reset connection),
	// or chose something that was not offered.
	OfferRefused OfferVerdict = "refused"
	// OfferUnknown: the handshake could not tell (no connection, a timeout).
	OfferUnknown OfferVerdict = "unknown"
)

// Offer is how the server answered one handshake.
type Offer struct {
	Verdict         OfferVerdict
	Version, Cipher string // what the ServerHello chose, when one was read
	Alert           string // the alert the server sent, by name, when it sent one
	Problem         string // why the verdict is unknown
}

// legacyOnlySuites are Windows XP's suites without AES that zcrypto implements (RC4-MD5 it does not).
func legacyOnlySuites() []uint16 {
	return []uint16{ztls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, ztls.TLS_RSA_WITH_RC4_128_SHA}
}

// probeLegacyOffers runs the two handshakes of LegacyOffers in parallel, each bounded by opts.Timeout.
func probeLegacyOffers(ctx context.Context, ep Endpoint, opts Options) *LegacyOffers {
	out := &LegacyOffers{}
	var wg sync.WaitGroup
	wg.Go(func() {
		out.TLS10 = offer(ctx, ep, opts, ztls.VersionTLS10, ztls.VersionTLS10, cipherSuites())
	})
	out.NonAES = offer(ctx, ep, opts, ztls.VersionTLS10, ztls.VersionTLS12, legacyOnlySuites())
	wg.Wait()
	return out
}

// offer runs one handshake and judges the server's answer to it.
func offer(ctx context.Context, ep Endpoint, opts Options, minVersion, maxVersion uint16, suites []uint16) Offer {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	a := legacyHandshakeOffering(ctx, ep, opts.MaxBytes, minVersion, maxVersion, suites)
	if a.dialErr != nil {
		return Offer{Verdict: OfferUnknown, Problem: dialProblem(a.dialErr, opts.Timeout)}
	}
	f := a.flight()
	if f.helloSeen {
		o := Offer{Version: ztls.TLSVersion(f.version).String(), Cipher: ztls.CipherSuiteName(f.suite)}
		o.Verdict = OfferRefused
		if f.version >= minVersion && f.version <= maxVersion && slices.Contains(suites, f.suite) {
			o.Verdict = OfferAccepted
		}
		return o
	}
	if a.err != nil && a.endedByServer() {
		o := Offer{Verdict: OfferRefused}
		if alert, ok := receivedAlert(a.err); ok {
			o.Alert = alertName(alert)
		}
		return o
	}
	if a.err == nil {
		return Offer{Verdict: OfferAccepted}
	}
	return Offer{Verdict: OfferUnknown, Problem: a.problem(opts)}
}
