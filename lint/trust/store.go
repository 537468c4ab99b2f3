package trust

import (
	"bytes"
	"crypto/sha256"
	stdx509 "crypto/x509"
	"encoding/binary"
	"hash/maphash"
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// Cache bounds: a cache that reaches its bound is emptied and starts over (a scan of a large deployment meets a
// few hundred distinct certificates; the bounds only keep a pathological run from growing without end).
const (
	maxVerdicts = 4096
	maxLinks    = 16384
	maxSystem   = 4096
)

// Store is the trust configuration of one run: the --ca-file anchors and intermediates and the system roots. It
// is immutable after NewStore except for its caches, which a mutex protects; Check is safe for concurrent use and
// never writes to a certificate.
type Store struct {
	anchors          []*x509.Certificate
	anchorByPrint    map[string]*x509.Certificate
	anchorsBySubject map[string][]*x509.Certificate
	intersBySubject  map[string][]*x509.Certificate
	system           *stdx509.CertPool
	seed             maphash.Seed

	mu       sync.Mutex
	verdicts map[uint64]cachedVerdict
	links    map[linkKey]linkStatus
	systems  map[systemKey]*systemResult
}

// cachedVerdict keeps the inputs with the verdict, so that a hash collision cannot hand out a wrong verdict.
type cachedVerdict struct {
	leaf      []byte
	presented [][]byte
	at        time.Time
	verdict   *Verdict
}

// NewStore builds the trust configuration from the certificates of the --ca-file bundles (zcrypto-parsed): the
// self-signed ones are anchors (a self-signed server certificate too), the others intermediates. system is the
// pool of system roots as crypto/x509.SystemCertPool returns it (on Windows and macOS Go then asks the platform
// verifier, which sees roots pushed by Group Policy); nil means no system roots are consulted. Duplicates are
// ignored.
func NewStore(caCertificates []*x509.Certificate, system *stdx509.CertPool) *Store {
	s := &Store{
		anchorByPrint:    make(map[string]*x509.Certificate),
		anchorsBySubject: make(map[string][]*x509.Certificate),
		intersBySubject:  make(map[string][]*x509.Certificate),
		system:           system,
		seed:             maphash.MakeSeed(),
	}
	seen := make(map[string]bool)
	for _, c := range caCertificates {
		if c == nil || seen[string(fingerprint(c))] {
			continue
		}
		seen[string(fingerprint(c))] = true
		// A self-issued certificate is an anchor unless its own key fails its signature (a CA key rollover
		// certificate, signed by the other key): as on Windows, a root's own signature (MD2 on old roots) is not
		// what makes it trusted.
		if selfIssued(c) && s.link(c, c) != linkBad {
			s.anchors = append(s.anchors, c)
			s.anchorByPrint[string(fingerprint(c))] = c
			s.anchorsBySubject[string(c.RawSubject)] = append(s.anchorsBySubject[string(c.RawSubject)], c)
		} else {
			s.intersBySubject[string(c.RawSubject)] = append(s.intersBySubject[string(c.RawSubject)], c)
		}
	}
	return s
}

// Check finds and judges the best path from leaf to a trust anchor, using the certificates presented with it
// (the leaf's own copy among them is ignored), then the --ca-file intermediates and anchors, then the system
// roots. CAs are judged at at; the leaf's own validity is not (other rules judge it): the path is built as if the
// leaf were valid at at. The verdict is cached for the run: pool members presenting the same chain share it.
// Check is safe for concurrent use and never writes to any certificate. A nil Store checks nothing and returns
// nil.
func (s *Store) Check(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) *Verdict {
	if s == nil {
		return nil
	}
	if leaf == nil {
		return &Verdict{Problems: []Problem{{Kind: MissingIntermediate, Details: "there is no certificate to check",
			Remediation: "give uclint the server certificate"}}}
	}
	key := s.verdictKey(leaf, presented, at)
	s.mu.Lock()
	cached, ok := s.verdicts[key]
	s.mu.Unlock()
	if ok && cached.matches(leaf, presented, at) {
		return cached.verdict.forCaller(leaf, presented)
	}
	v := s.judge(leaf, presented, at)
	raws := make([][]byte, len(presented))
	for i, c := range presented {
		if c != nil {
			raws[i] = c.Raw
		}
	}
	s.mu.Lock()
	if s.verdicts == nil || len(s.verdicts) >= maxVerdicts {
		s.verdicts = make(map[uint64]cachedVerdict)
	}
	s.verdicts[key] = cachedVerdict{leaf: leaf.Raw, presented: raws, at: at, verdict: v}
	s.mu.Unlock()
	return v.forCaller(leaf, presented)
}

// Forget empties the caches (verdicts, signature checks, system lookups), for benchmarks of the cold path.
func (s *Store) Forget() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.verdicts = nil
	s.links = nil
	s.systems = nil
	s.mu.Unlock()
}

func (s *Store) verdictKey(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	var n [8]byte
	write := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		_, _ = h.Write(n[:])
		_, _ = h.Write(b)
	}
	write(leaf.Raw)
	for _, c := range presented {
		if c != nil {
			write(c.Raw)
		} else {
			write(nil)
		}
	}
	binary.LittleEndian.PutUint64(n[:], uint64(at.UnixNano()))
	_, _ = h.Write(n[:])
	return h.Sum64()
}

func (c cachedVerdict) matches(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) bool {
	if !bytes.Equal(c.leaf, leaf.Raw) || len(c.presented) != len(presented) || !c.at.Equal(at) {
		return false
	}
	for i, p := range presented {
		var raw []byte
		if p != nil {
			raw = p.Raw
		}
		if !bytes.Equal(c.presented[i], raw) {
			return false
		}
	}
	return true
}

// forCaller copies a (possibly cached) verdict and puts the caller's own leaf and presented certificates in it in
// place of the equal certificates another caller passed: zcrypto caches parsed names in a certificate without a
// lock, so each goroutine must keep to the certificates it parsed.
func (v *Verdict) forCaller(leaf *x509.Certificate, presented []*x509.Certificate) *Verdict {
	own := make(map[string]*x509.Certificate, len(presented)+1)
	for _, c := range presented {
		if c != nil {
			own[string(fingerprint(c))] = c
		}
	}
	own[string(fingerprint(leaf))] = leaf
	swap := func(c *x509.Certificate) *x509.Certificate {
		if o, ok := own[string(fingerprint(c))]; ok {
			return o
		}
		return c
	}
	out := *v
	out.Path = make([]*x509.Certificate, len(v.Path))
	for i, c := range v.Path {
		out.Path[i] = swap(c)
	}
	if v.Anchor != nil {
		out.Anchor = swap(v.Anchor)
	}
	out.Problems = append([]Problem(nil), v.Problems...)
	out.Presented = make([]PresentedCA, len(v.Presented))
	for i, p := range v.Presented {
		p.Certificate = swap(p.Certificate)
		out.Presented[i] = p
	}
	return &out
}

// fingerprint returns c's SHA-256 fingerprint (zcrypto computes it when parsing; computed here otherwise).
func fingerprint(c *x509.Certificate) []byte {
	if len(c.FingerprintSHA256) == sha256.Size {
		return c.FingerprintSHA256
	}
	sum := sha256.Sum256(c.Raw)
	return sum[:]
}

func selfIssued(c *x509.Certificate) bool { return bytes.Equal(c.RawIssuer, c.RawSubject) }

func (s *Store) isAnchor(c *x509.Certificate) bool {
	_, ok := s.anchorByPrint[string(fingerprint(c))]
	return ok
}
