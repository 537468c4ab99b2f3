package trust

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"
)

// fates says, for each presented certificate, whether the best path uses it and why not.
func (b *builder) fates(bp *path) []PresentedCA {
	out := make([]PresentedCA, 0, len(b.presented))
	for _, c := range b.presented {
		f := PresentedCA{Certificate: c, Name: name(c)}
		if bp.contains(c) {
			f.Used = true
		} else {
			f.Why = b.whyUnused(c, bp)
		}
		out = append(out, f)
	}
	return out
}

// whyUnused explains why the best path does not use the presented certificate c: it is another copy of a CA the
// path uses (expired, not yet valid, cross-signed, or with another key), or a path through it has a problem, or
// it is not part of this chain at all.
func (b *builder) whyUnused(c *x509.Certificate, bp *path) string {
	for i := 1; i < len(bp.certs); i++ {
		q := bp.certs[i]
		if !bytes.Equal(q.RawSubject, c.RawSubject) {
			continue
		}
		used := fmt.Sprintf("the path uses %s, valid until %s", copyFrom(bp, i), day(q.NotAfter))
		switch {
		case !bytes.Equal(q.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo):
			return fmt.Sprintf("it has the name %q but another key than the %q that signed %q: it is another certificate of that CA (renewed with a new key), not the issuer of %q",
				name(c), name(q), name(bp.certs[i-1]), name(bp.certs[i-1]))
		case b.at.After(c.NotAfter):
			pre := ""
			if c.NotAfter.Before(q.NotAfter) {
				pre = " from before its renewal"
			}
			return fmt.Sprintf("it is an expired copy of %q%s (it expired on %s); %s", name(c), pre, day(c.NotAfter), used)
		case b.at.Before(c.NotBefore):
			return fmt.Sprintf("it is a copy of %q that is valid only from %s; %s", name(c), day(c.NotBefore), used)
		case !bytes.Equal(q.RawIssuer, c.RawIssuer):
			why := ""
			if p := b.bestWith(c); p != nil && len(p.problems) > 0 {
				why = ", which does not lead to a trust anchor: " + shortReason(p.problems[0])
			}
			return fmt.Sprintf("it is a cross-signed copy of %q issued by %q%s; the path uses %s, issued by %q",
				name(c), issuerName(c), why, copyFrom(bp, i), issuerName(q))
		default:
			return fmt.Sprintf("it is another copy of %q; %s", name(c), used)
		}
	}
	if child, ok := b.otherKey[c]; ok {
		return fmt.Sprintf("it has the name of the issuer of %q but another key: it is another certificate of %q (renewed with a new key), not the one that signed %q",
			name(child), name(c), name(child))
	}
	if p := b.bestWith(c); p != nil {
		if len(p.problems) > 0 {
			return "a path through it fails: " + p.problems[0].Details
		}
		return "a path through it is good too, but the path used is shorter"
	}
	if b.s.isAnchor(c) {
		return fmt.Sprintf("it is the root %q passed with --ca-file, but this certificate's path does not lead to it", name(c))
	}
	return fmt.Sprintf("it is not part of this certificate's chain: no certificate of the path was issued by %q", name(c))
}

// shortReason says in a few words why a path fails, for use inside another sentence.
func shortReason(pr Problem) string {
	switch pr.Kind {
	case MissingRoot:
		return fmt.Sprintf("%q is not a trust anchor", pr.Certificate)
	case MissingIntermediate:
		return fmt.Sprintf("%q is neither sent by the server nor in --ca-file", pr.Certificate)
	default:
		return pr.Details
	}
}

// bestWith returns the best path found that goes through c (nil when none does).
func (b *builder) bestWith(c *x509.Certificate) *path {
	var with []*path
	for _, p := range b.paths {
		if p.contains(c) {
			with = append(with, p)
		}
	}
	return best(with)
}

// IncompleteDetails says what the server sent and why it does not lead to the anchor, for
// w_ocs_chain_incomplete; "" when the verdict is not Incomplete.
func (v *Verdict) IncompleteDetails() string {
	if !v.Incomplete() {
		return ""
	}
	var sb strings.Builder
	var used []*x509.Certificate
	for _, p := range v.Presented {
		if p.Used {
			used = append(used, p.Certificate)
		}
	}
	switch {
	case len(v.Presented) == 0:
		sb.WriteString("the server sends only its own certificate")
	case len(used) == 0:
		sb.WriteString("the server sends no certificate the chain can use")
	default:
		fmt.Fprintf(&sb, "the server sends %s", quoteAll(used))
	}
	for _, p := range v.Presented {
		if !p.Used {
			fmt.Fprintf(&sb, "; the %q it sends cannot be used: %s", p.Name, p.Why)
		}
	}
	fmt.Fprintf(&sb, "; so the chain reaches %q only through %s, which the server does not send: clients that do not have it (outside the domain) fail",
		v.AnchorName, quoteAll(v.Unsent))
	return sb.String()
}

// IncompleteRemediation says how to make the server send the chain; "" when the verdict is not Incomplete.
func (v *Verdict) IncompleteRemediation() string {
	if !v.Incomplete() {
		return ""
	}
	var stale []*x509.Certificate
	for _, p := range v.Presented {
		if !p.Used {
			stale = append(stale, p.Certificate)
		}
	}
	rm := ""
	if len(stale) > 0 {
		rm = fmt.Sprintf(", delete the certificates it sends but the path does not use (%s) from that store", quoteAll(stale))
	}
	return fmt.Sprintf("import %s into %s%s, then restart the OCS services and IIS", quoteAll(v.Unsent), intermediateStore, rm)
}
