package trust

import (
	"bytes"
	"slices"
	"sort"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// Search bounds: no real chain has more than a handful of CAs, and cross-signing multiplies paths only a little.
// The bounds keep a hostile bundle (many certificates with one name) from costing more than a few hundred
// signature checks.
const (
	maxPathCerts = 10  // certificates in one path, the leaf and the anchor included
	maxPaths     = 32  // finished paths judged
	maxSteps     = 256 // certificates put on a path during the search
)

// ending says how a path ends.
type ending uint8

const (
	endAnchor  ending = iota // at a --ca-file anchor
	endSystem                // at a system root, found by the system verifier
	endMissing               // at a certificate whose issuer is neither presented nor in --ca-file
	endRoot                  // at a self-signed certificate that is not an anchor
	endTooLong               // at the length bound
)

// origin says where a certificate of a path came from.
type origin uint8

const (
	fromLeaf origin = iota
	fromPresented
	fromCAFile // a --ca-file intermediate
	fromAnchor // a --ca-file anchor
	fromSystem // found by the system verifier
)

// path is one candidate path, leaf first.
type path struct {
	certs   []*x509.Certificate
	origins []origin
	links   []linkStatus // links[i]: certs[i] signed by certs[i+1]
	end     ending
	// systemErr is why the system verifier found no root for the top of a path that ends there (nil when it
	// was not asked or found one).
	systemErr *systemResult
	problems  []Problem
}

// good reports whether the path ends in an anchor or a system root without a problem.
func (p *path) good() bool {
	return (p.end == endAnchor || p.end == endSystem) && len(p.problems) == 0
}

// usesUnsent reports whether the path needs a certificate the server did not send (the anchor or system root
// itself not counted).
func (p *path) usesUnsent() bool {
	for i := range p.certs {
		if p.unsentAt(i) {
			return true
		}
	}
	return false
}

// unsentAt reports whether certs[i] is a CA the path needs that the server did not send: neither the leaf nor the
// anchor or system root the path ends in.
func (p *path) unsentAt(i int) bool {
	top := i == len(p.certs)-1 && (p.end == endAnchor || p.end == endSystem)
	return i > 0 && !top && p.origins[i] != fromPresented
}

// contains reports whether c (by fingerprint) is on the path.
func (p *path) contains(c *x509.Certificate) bool {
	for _, pc := range p.certs {
		if bytes.Equal(fingerprint(pc), fingerprint(c)) {
			return true
		}
	}
	return false
}

// better reports whether p explains the chain better than q: good paths first, the ones the server sent
// completely before the others; then paths that reach an anchor or a system root (with problems), fewer problems
// first; then dead ends, those with fewer problems and that got further first.
func (p *path) better(q *path) bool {
	rank := func(x *path) int {
		switch {
		case x.good():
			return 0
		case x.end == endAnchor || x.end == endSystem:
			return 1
		default:
			return 2
		}
	}
	rp, rq := rank(p), rank(q)
	if rp != rq {
		return rp < rq
	}
	if rp == 0 {
		if p.usesUnsent() != q.usesUnsent() {
			return !p.usesUnsent()
		}
		return len(p.certs) < len(q.certs)
	}
	if len(p.problems) != len(q.problems) {
		return len(p.problems) < len(q.problems)
	}
	if rp == 2 && len(p.certs) != len(q.certs) {
		return len(p.certs) > len(q.certs)
	}
	if p.usesUnsent() != q.usesUnsent() {
		return !p.usesUnsent()
	}
	return len(p.certs) < len(q.certs)
}

// builder searches the paths of one Check.
type builder struct {
	s         *Store
	leaf      *x509.Certificate
	presented []*x509.Certificate // deduplicated, without the leaf
	at        time.Time
	paths     []*path
	steps     int
	done      bool // a good path of presented certificates only was found: nothing can be better
	// otherKey records the certificates that have the right name to issue a certificate of a path but whose
	// subject key identifier is not that certificate's authority key identifier (the child they were rejected for).
	otherKey map[*x509.Certificate]*x509.Certificate
}

// search builds every path from the leaf, depth first, trying the presented certificates before the --ca-file
// intermediates before the anchors at each step, until a good path of presented certificates only is found or a
// bound is reached.
func (b *builder) search() {
	b.extend([]*x509.Certificate{b.leaf}, []origin{fromLeaf}, nil)
}

func (b *builder) extend(certs []*x509.Certificate, origins []origin, links []linkStatus) {
	if b.done || b.steps >= maxSteps || len(b.paths) >= maxPaths {
		return
	}
	b.steps++
	top := certs[len(certs)-1]
	switch {
	case b.s.isAnchor(top):
		b.finish(certs, origins, links, endAnchor)
		return
	case b.s.isSelfSigned(top):
		b.finish(certs, origins, links, endRoot)
		return
	case len(certs) >= maxPathCerts:
		b.finish(certs, origins, links, endTooLong)
		return
	}
	cands, candOrigins := b.issuers(top, certs)
	if len(cands) == 0 {
		b.finish(certs, origins, links, endMissing)
		return
	}
	for i, c := range cands {
		st := b.s.link(top, c)
		b.extend(append(slices.Clip(certs), c), append(slices.Clip(origins), candOrigins[i]),
			append(slices.Clip(links), st))
	}
}

func (b *builder) finish(certs []*x509.Certificate, origins []origin, links []linkStatus, end ending) {
	p := &path{certs: certs, origins: origins, links: links, end: end}
	b.judge(p)
	b.paths = append(b.paths, p)
	if p.good() && !p.usesUnsent() {
		b.done = true
	}
}

// issuers returns the candidate issuers of top that are not on the path yet: certificates whose subject is top's
// issuer and, when top has an authority key identifier and the candidate a subject key identifier, whose key
// identifier matches. Presented certificates come first, then --ca-file intermediates, then anchors; within each,
// those valid at the judged time first, then the newest.
func (b *builder) issuers(top *x509.Certificate, onPath []*x509.Certificate) ([]*x509.Certificate, []origin) {
	var cands []*x509.Certificate
	var origins []origin
	seen := make(map[string]bool)
	add := func(c *x509.Certificate, o origin) {
		if !bytes.Equal(c.RawSubject, top.RawIssuer) || seen[string(fingerprint(c))] || loops(c, onPath) {
			return
		}
		seen[string(fingerprint(c))] = true
		if len(top.AuthorityKeyId) > 0 && len(c.SubjectKeyId) > 0 && !bytes.Equal(top.AuthorityKeyId, c.SubjectKeyId) {
			if b.otherKey == nil {
				b.otherKey = make(map[*x509.Certificate]*x509.Certificate)
			}
			b.otherKey[c] = top
			return
		}
		cands = append(cands, c)
		origins = append(origins, o)
	}
	group := func(list []*x509.Certificate, o origin) {
		start := len(cands)
		for _, c := range list {
			if o == fromPresented && b.s.isAnchor(c) {
				add(c, fromAnchor) // the server sent the anchor itself: it is the anchor
				continue
			}
			add(c, o)
		}
		b.sortCandidates(cands[start:], origins[start:])
	}
	group(b.presented, fromPresented)
	group(b.s.intersBySubject[string(top.RawIssuer)], fromCAFile)
	group(b.s.anchorsBySubject[string(top.RawIssuer)], fromAnchor)
	return cands, origins
}

// sortCandidates puts the candidates valid at the judged time first, then the ones that expire last.
func (b *builder) sortCandidates(cands []*x509.Certificate, origins []origin) {
	if len(cands) < 2 {
		return
	}
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	valid := func(c *x509.Certificate) bool { return !b.at.Before(c.NotBefore) && !b.at.After(c.NotAfter) }
	sort.SliceStable(idx, func(i, j int) bool {
		ci, cj := cands[idx[i]], cands[idx[j]]
		if valid(ci) != valid(cj) {
			return valid(ci)
		}
		return ci.NotAfter.After(cj.NotAfter)
	})
	c2 := make([]*x509.Certificate, len(cands))
	o2 := make([]origin, len(origins))
	for i, k := range idx {
		c2[i], o2[i] = cands[k], origins[k]
	}
	copy(cands, c2)
	copy(origins, o2)
}

// loops reports whether c is on the path already, or a certificate with its subject and key is (another copy of
// the same CA: following it could only go round).
func loops(c *x509.Certificate, onPath []*x509.Certificate) bool {
	for _, p := range onPath {
		if bytes.Equal(fingerprint(p), fingerprint(c)) ||
			bytes.Equal(p.RawSubject, c.RawSubject) && bytes.Equal(p.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) {
			return true
		}
	}
	return false
}

// best returns the best of the paths found (nil when there are none).
func best(paths []*path) *path {
	var b *path
	for _, p := range paths {
		if b == nil || p.better(b) {
			b = p
		}
	}
	return b
}
