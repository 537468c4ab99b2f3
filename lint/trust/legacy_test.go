package trust

import (
	"bytes"
	stdx509 "crypto/x509"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// legacyTrust is a copy of lint.Trust as it was before this package (lint/trust.go at be1ce2c): zcrypto's Verify
// to the --ca-file anchors, then Go's crypto/x509 with the system roots. It is the baseline of the benchmarks
// only: the cold check of this package may cost at most twice as much.
type legacyTrust struct {
	anchors          *x509.CertPool
	intermediates    *x509.CertPool
	intermediateList []*x509.Certificate
	system           *stdx509.CertPool
	useSystem        bool

	mu       sync.Mutex
	seed     maphash.Seed
	verdicts map[uint64]legacyCached
}

type legacyVerdict struct {
	Trust      string
	Reason     string
	Incomplete bool
}

type legacyCached struct {
	leaf, chain []byte
	at          time.Time
	verdict     legacyVerdict
}

func newLegacyTrust(caCertificates []*x509.Certificate, system *stdx509.CertPool) *legacyTrust {
	t := &legacyTrust{anchors: x509.NewCertPool(), intermediates: x509.NewCertPool(), system: system, useSystem: system != nil, seed: maphash.MakeSeed()}
	for _, c := range caCertificates {
		if legacySelfIssued(c) {
			t.anchors.AddCert(c)
		} else {
			t.intermediates.AddCert(c)
			t.intermediateList = append(t.intermediateList, c)
		}
	}
	return t
}

func legacySelfIssued(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

func (t *legacyTrust) check(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) legacyVerdict {
	at = clampToValidity(leaf, at)
	var chain []byte
	for _, c := range presented {
		chain = append(chain, c.Raw...)
	}
	var h maphash.Hash
	h.SetSeed(t.seed)
	_, _ = h.Write(leaf.Raw)
	_, _ = h.Write(chain)
	_, _ = h.WriteString(at.UTC().Format(time.RFC3339Nano))
	key := h.Sum64()
	t.mu.Lock()
	cached, ok := t.verdicts[key]
	t.mu.Unlock()
	if ok && bytes.Equal(cached.leaf, leaf.Raw) && bytes.Equal(cached.chain, chain) && cached.at.Equal(at) {
		return cached.verdict
	}
	verdict := t.judge(leaf, presented, at)
	t.mu.Lock()
	if t.verdicts == nil || len(t.verdicts) >= maxVerdicts {
		t.verdicts = make(map[uint64]legacyCached)
	}
	t.verdicts[key] = legacyCached{leaf: leaf.Raw, chain: chain, at: at, verdict: verdict}
	t.mu.Unlock()
	return verdict
}

func (t *legacyTrust) forget() {
	t.mu.Lock()
	t.verdicts = nil
	t.mu.Unlock()
}

func (t *legacyTrust) judge(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) legacyVerdict {
	withPresented := x509.NewCertPool()
	for _, c := range presented {
		withPresented.AddCert(c)
	}
	if anchor, ok := t.verifyToAnchor(leaf, withPresented, at); ok {
		return legacyVerdict{Trust: "ca-file", Reason: anchor}
	}
	withCAFile := x509.NewCertPool()
	for _, c := range presented {
		withCAFile.AddCert(c)
	}
	for _, c := range t.intermediateList {
		withCAFile.AddCert(c)
	}
	if anchor, ok := t.verifyToAnchor(leaf, withCAFile, at); ok {
		return legacyVerdict{Trust: "ca-file", Reason: anchor, Incomplete: true}
	}
	root, err := t.verifyToSystem(leaf, presented, at)
	if err == nil {
		return legacyVerdict{Trust: "system", Reason: root}
	}
	return legacyVerdict{Trust: "untrusted", Reason: legacyUntrustedReason(leaf, err)}
}

func (t *legacyTrust) verifyToAnchor(leaf *x509.Certificate, intermediates *x509.CertPool, at time.Time) (string, bool) {
	current, expired, never, _ := leaf.Verify(x509.VerifyOptions{
		Roots:         t.anchors,
		Intermediates: intermediates,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	for _, chains := range [][]x509.CertificateChain{current, expired, never} {
		for _, chain := range chains {
			if len(chain) > 0 {
				return chain[len(chain)-1].Subject.CommonName, true
			}
		}
	}
	return "", false
}

var errLegacyNoSystemRoots = errors.New("no system roots")

func (t *legacyTrust) verifyToSystem(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) (string, error) {
	if !t.useSystem {
		return "", errLegacyNoSystemRoots
	}
	stdLeaf, err := stdx509.ParseCertificate(leaf.Raw)
	if err != nil {
		return "", fmt.Errorf("the system verifier cannot parse the certificate: %w", err)
	}
	pool := stdx509.NewCertPool()
	for _, c := range append(append([]*x509.Certificate{}, presented...), t.intermediateList...) {
		if sc, err := stdx509.ParseCertificate(c.Raw); err == nil {
			pool.AddCert(sc)
		}
	}
	chains, err := stdLeaf.Verify(stdx509.VerifyOptions{
		Roots:         t.system,
		Intermediates: pool,
		CurrentTime:   at,
		KeyUsages:     []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageAny},
	})
	if err != nil {
		return "", fmt.Errorf("system verifier: %w", err)
	}
	chain := chains[0]
	return chain[len(chain)-1].Subject.CommonName, nil
}

func legacyUntrustedReason(leaf *x509.Certificate, systemErr error) string {
	var insecure stdx509.InsecureAlgorithmError
	switch {
	case legacySelfIssued(leaf):
		return fmt.Sprintf("the certificate is self-signed (%q) and is not a --ca-file trust anchor", leaf.Subject.CommonName)
	case errors.As(systemErr, &insecure):
		return fmt.Sprintf("no chain to a --ca-file anchor, and the system verifier rejects it: %v", systemErr)
	case leaf.Issuer.CommonName != "":
		return fmt.Sprintf("no chain to a trust anchor: the issuer %q is neither in the file nor in --ca-file, and no system root vouches for it", leaf.Issuer.CommonName)
	default:
		return "no chain to a trust anchor"
	}
}
