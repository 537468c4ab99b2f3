package trust

import (
	"slices"
	"sort"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// maxSystemLookups bounds how many path tops the system verifier is asked about in one check.
const maxSystemLookups = 4

// judge builds the paths of one certificate and turns the best one into a Verdict.
//
// Decisions the task left open, taken here:
//   - A good path to a --ca-file anchor always wins over a system root; the system roots are consulted only when
//     no good anchored path exists, for the tops of the paths that stop short of an anchor.
//   - A self-signed certificate ends a path: it is trusted only if it is itself an anchor (by its bytes), as the
//     Windows chain engine trusts a root by its thumbprint in Trusted Root Certification Authorities.
//   - Among paths with problems, one that reaches an anchor explains more than one that stops short, so its
//     problems are reported.
func (s *Store) judge(leaf *x509.Certificate, presented []*x509.Certificate, at time.Time) *Verdict {
	b := &builder{s: s, leaf: leaf, presented: withoutLeaf(leaf, presented), at: at}
	b.search()
	bp := best(b.paths)
	if s.system != nil && !bp.good() {
		b.consultSystem()
		bp = best(b.paths)
	}
	v := &Verdict{Path: bp.certs, Problems: bp.problems, SelfSigned: s.isSelfSigned(leaf)}
	if bp.good() {
		last := bp.certs[len(bp.certs)-1]
		v.AnchorName = name(last)
		if bp.end == endAnchor {
			v.Outcome, v.Anchor = Anchored, last
		} else {
			v.Outcome = System
		}
		v.Unsent = bp.unsent()
	}
	v.Presented = b.fates(bp)
	return v
}

// consultSystem asks the system verifier about the tops of the paths that stop short of an anchor, best path
// first, and adds the paths it completes (judged like any other); a path whose top it refused for a reason it
// names gets that reason.
func (b *builder) consultSystem() {
	stopped := make([]*path, 0, len(b.paths))
	for _, p := range b.paths {
		if p.end == endMissing || p.end == endRoot {
			stopped = append(stopped, p)
		}
	}
	sort.SliceStable(stopped, func(i, j int) bool { return stopped[i].better(stopped[j]) })
	asked := make(map[string]*systemResult)
	for _, p := range stopped {
		top := p.certs[len(p.certs)-1]
		r, ok := asked[string(fingerprint(top))]
		if !ok {
			if len(asked) >= maxSystemLookups {
				continue
			}
			r = b.s.systemLookup(top, b.at)
			asked[string(fingerprint(top))] = r
		}
		if !r.found {
			p.systemErr = r
			b.judge(p)
			continue
		}
		sp := &path{
			certs:   append(slices.Clip(p.certs), r.above...),
			origins: append([]origin(nil), p.origins...),
			links:   append([]linkStatus(nil), p.links...),
			end:     endSystem,
		}
		for range r.above {
			sp.origins = append(sp.origins, fromSystem)
			sp.links = append(sp.links, linkOK) // verified by the system verifier
		}
		b.judge(sp)
		b.paths = append(b.paths, sp)
		if sp.good() {
			return
		}
	}
}

// unsent returns the certificates of the path the server did not send, the anchor or system root not counted.
func (p *path) unsent() []*x509.Certificate {
	var out []*x509.Certificate
	for i, c := range p.certs {
		if p.unsentAt(i) {
			out = append(out, c)
		}
	}
	return out
}

// withoutLeaf drops nil entries, copies of the leaf and duplicates from the presented certificates.
func withoutLeaf(leaf *x509.Certificate, presented []*x509.Certificate) []*x509.Certificate {
	out := make([]*x509.Certificate, 0, len(presented))
	seen := map[string]bool{string(fingerprint(leaf)): true}
	for _, c := range presented {
		if c == nil || seen[string(fingerprint(c))] {
			continue
		}
		seen[string(fingerprint(c))] = true
		out = append(out, c)
	}
	return out
}
