package lint

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

// Trust holds what a chain may end in: the anchors and intermediates from --ca-file (the Enterprise CA) and the
// system roots.
type Trust struct {
	anchors          *x509.CertPool
	intermediates    *x509.CertPool
	intermediateList []*x509.Certificate
	system           *stdx509.CertPool
	useSystem        bool

	// verdicts remembers the verdict for each chain already judged: the members of a pool present the same
	// certificate, and a scan meets it many times.
	mu       sync.Mutex
	seed     maphash.Seed
	verdicts map[uint64]cachedVerdict
}

// cachedVerdict is a verdict with the chain it is for, so that a hash collision cannot hand out a wrong one.
type cachedVerdict struct {
	leaf, chain []byte
	at          time.Time
	verdict     chainVerdict
}

// chainVerdict is the verdict of the chain check.
type chainVerdict struct {
	// Trust is "ca-file" (chains to a --ca-file anchor), "system" (chains to a system root) or "untrusted".
	Trust string
	// Reason says why the chain is untrusted, or which root it ends in.
	Reason string
	// Incomplete is set when the chain verifies only with intermediates from --ca-file, not those presented.
	Incomplete bool
}

// Trust verdicts.
const (
	trustCAFile    = "ca-file"
	trustSystem    = "system"
	trustUntrusted = "untrusted"
)

const maxVerdicts = 4096

// NewTrust builds the trust configuration from the certificates of the --ca-file bundles: the self-signed ones are
// trust anchors, the others intermediates. system is the pool of system roots, as x509.SystemCertPool returns it
// (on Windows and macOS it makes Go use the platform verifier, which sees an Enterprise root pushed by Group
// Policy); nil means no system roots are consulted.
func NewTrust(caCertificates []*x509.Certificate, system *stdx509.CertPool) *Trust {
	t := &Trust{anchors: x509.NewCertPool(), intermediates: x509.NewCertPool(), system: system, useSystem: system != nil, seed: maphash.MakeSeed()}
	for _, c := range caCertificates {
		if isSelfIssued(c) {
			t.anchors.AddCert(c)
		} else {
			t.intermediates.AddCert(c)
			t.intermediateList = append(t.intermediateList, c)
		}
	}
	return t
}

func isSelfIssued(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

// check finds a chain for leaf to a trust anchor, using the certificates presented with it, then the --ca-file
// intermediates, then the system roots. Validity is judged by other rules, so the chain is built at a time inside
// the leaf's validity period.
func (t *Trust) check(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) chainVerdict {
	if t == nil {
		return chainVerdict{}
	}
	at = clampToValidity(leaf, at)
	chain := joinRaw(presented)
	key := t.chainKey(leaf.Raw, chain, at)
	t.mu.Lock()
	cached, ok := t.verdicts[key]
	t.mu.Unlock()
	if ok && bytes.Equal(cached.leaf, leaf.Raw) && bytes.Equal(cached.chain, chain) && cached.at.Equal(at) {
		return cached.verdict
	}
	verdict := t.judge(leaf, presented, at)
	t.mu.Lock()
	if t.verdicts == nil || len(t.verdicts) >= maxVerdicts {
		t.verdicts = make(map[uint64]cachedVerdict)
	}
	t.verdicts[key] = cachedVerdict{leaf: leaf.Raw, chain: chain, at: at, verdict: verdict}
	t.mu.Unlock()
	return verdict
}

// forget empties the verdict cache (for benchmarks of the cold path).
func (t *Trust) forget() {
	t.mu.Lock()
	t.verdicts = nil
	t.mu.Unlock()
}

func joinRaw(certs []*x509.Certificate) []byte {
	var b []byte
	for _, c := range certs {
		b = append(b, c.Raw...)
	}
	return b
}

// chainKey hashes a chain as presented and the time it is judged at.
func (t *Trust) chainKey(leaf, chain []byte, at time.Time) uint64 {
	var h maphash.Hash
	h.SetSeed(t.seed)
	_, _ = h.Write(leaf)
	_, _ = h.Write(chain)
	_, _ = h.WriteString(at.UTC().Format(time.RFC3339Nano))
	return h.Sum64()
}

// judge builds the chain and says where it ends.
func (t *Trust) judge(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) chainVerdict {
	withPresented := x509.NewCertPool()
	for _, c := range presented {
		withPresented.AddCert(c)
	}
	if anchor, ok := t.verifyToAnchor(leaf, withPresented, at); ok {
		return chainVerdict{Trust: trustCAFile, Reason: anchor}
	}
	withCAFile := x509.NewCertPool()
	for _, c := range presented {
		withCAFile.AddCert(c)
	}
	for _, c := range t.intermediateList {
		withCAFile.AddCert(c)
	}
	if anchor, ok := t.verifyToAnchor(leaf, withCAFile, at); ok {
		return chainVerdict{Trust: trustCAFile, Reason: anchor, Incomplete: true}
	}
	root, err := t.verifyToSystem(leaf, presented, at)
	if err == nil {
		return chainVerdict{Trust: trustSystem, Reason: root}
	}
	return chainVerdict{Trust: trustUntrusted, Reason: untrustedReason(leaf, err)}
}

func (t *Trust) verifyToAnchor(leaf *x509.Certificate, intermediates *x509.CertPool, at time.Time) (string, bool) {
	// An expired or not yet valid chain still ends in the anchor: validity is judged by its own rules, so the
	// error zcrypto returns with such chains does not matter here.
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

// errNoSystemRoots says the system roots were not consulted.
var errNoSystemRoots = errors.New("no system roots")

func (t *Trust) verifyToSystem(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) (string, error) {
	if !t.useSystem {
		return "", errNoSystemRoots
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

func untrustedReason(leaf *x509.Certificate, systemErr error) string {
	var insecure stdx509.InsecureAlgorithmError
	switch {
	case isSelfIssued(leaf):
		return fmt.Sprintf("the certificate is self-signed (%q) and is not a --ca-file trust anchor", leaf.Subject.CommonName)
	case errors.As(systemErr, &insecure):
		return fmt.Sprintf("no chain to a --ca-file anchor, and the system verifier rejects it: %v", systemErr)
	case leaf.Issuer.CommonName != "":
		return fmt.Sprintf("no chain to a trust anchor: the issuer %q is neither in the file nor in --ca-file, and no system root vouches for it", leaf.Issuer.CommonName)
	default:
		return "no chain to a trust anchor"
	}
}

func clampToValidity(c *x509.Certificate, at time.Time) time.Time {
	if at.After(c.NotAfter) {
		return c.NotAfter
	}
	if at.Before(c.NotBefore) {
		return c.NotBefore
	}
	return at
}
