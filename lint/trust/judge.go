package trust

import (
	"slices"
	"sort"

	"github.com/zmap/zcrypto/x509"
)

// judge lists the problems of a path: how it ends, each link's signature, and each issuer as a CA (basic
// constraints and key usage, validity at the judged time, path length, name constraints, EKU nesting). The
// leaf's own validity and key usage are other rules' business.
func (b *builder) judge(p *path) {
	var probs []Problem
	switch p.end {
	case endMissing:
		probs = append(probs, b.missingIssuer(p))
	case endRoot:
		probs = append(probs, b.untrustedRoot(p))
	case endTooLong:
		probs = append(probs, tooLong(p))
	default: // ends in an anchor or a system root: no problem with how it ends
	}
	if p.systemErr != nil {
		if pr, ok := p.systemErr.problem(p); ok {
			probs = append([]Problem{pr}, probs[min(1, len(probs)):]...)
		}
	}
	for i := 0; i+1 < len(p.certs); i++ {
		if pr, ok := linkProblem(p, i); ok {
			probs = append(probs, pr)
		}
	}
	for i := 1; i < len(p.certs); i++ {
		probs = append(probs, b.issuerProblems(p, i)...)
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Kind < probs[j].Kind })
	p.problems = probs
}

// isRootPosition reports whether certs[i] is the self-signed top of the path (an anchor, a system root or a
// presented root): only there is a version 1 certificate without basic constraints accepted as a CA, as Windows,
// OpenSSL and Go accept old version 1 roots.
func isRootPosition(p *path, i int) bool {
	return i == len(p.certs)-1 && (p.end == endAnchor || p.end == endSystem || p.end == endRoot) && selfIssued(p.certs[i])
}

// issuerProblems judges certs[i] as the CA that issued certs[i-1].
func (b *builder) issuerProblems(p *path, i int) []Problem {
	ca := p.certs[i]
	var probs []Problem
	switch {
	case ca.BasicConstraintsValid && !ca.IsCA:
		probs = append(probs, notCA(p, i, "its Basic Constraints say Subject Type=End Entity"))
	case ca.Version >= 3 && !ca.BasicConstraintsValid:
		probs = append(probs, notCA(p, i, "it has no Basic Constraints extension, so it is not a CA"))
	case ca.Version < 3 && !ca.BasicConstraintsValid && !isRootPosition(p, i):
		probs = append(probs, notCA(p, i, "it is a version 1 certificate, which only a self-signed root may be"))
	}
	if ca.KeyUsage != 0 && ca.KeyUsage&x509.KeyUsageCertSign == 0 {
		probs = append(probs, notCA(p, i, "its Key Usage lacks Certificate Signing"))
	}
	switch {
	case b.at.After(ca.NotAfter):
		probs = append(probs, caExpired(p, i, b.at))
	case b.at.Before(ca.NotBefore):
		probs = append(probs, caNotYetValid(p, i, b.at))
	}
	if limit, ok := pathLenLimit(ca); ok {
		if below := casBelow(p, i); len(below) > limit {
			probs = append(probs, pathLength(p, i, limit, below))
		}
	}
	if hasNameConstraints(ca) {
		for j := range i {
			for _, n := range namesOf(p.certs[j], j == 0) {
				if v := checkName(ca, n); !v.allowed {
					probs = append(probs, nameConstraint(p, i, j, n, v))
				}
			}
		}
	}
	if len(ca.ExtKeyUsage) > 0 || len(ca.UnknownExtKeyUsage) > 0 {
		if !hasEKU(ca, x509.ExtKeyUsageServerAuth) && !hasEKU(ca, x509.ExtKeyUsageAny) {
			probs = append(probs, caUsage(p, i))
		}
	}
	return probs
}

// pathLenLimit returns ca's path length constraint, if it has one.
func pathLenLimit(ca *x509.Certificate) (int, bool) {
	if !ca.BasicConstraintsValid || !ca.IsCA {
		return 0, false
	}
	if ca.MaxPathLen > 0 || ca.MaxPathLen == 0 && ca.MaxPathLenZero {
		return ca.MaxPathLen, true
	}
	return 0, false
}

// casBelow returns the CAs between certs[i] and the leaf that count against certs[i]'s path length: the
// intermediates that are not self-issued (RFC 5280 6.1.4 (l)).
func casBelow(p *path, i int) []*x509.Certificate {
	var below []*x509.Certificate
	for j := 1; j < i; j++ {
		if !selfIssued(p.certs[j]) {
			below = append(below, p.certs[j])
		}
	}
	return below
}

func hasEKU(c *x509.Certificate, eku x509.ExtKeyUsage) bool {
	return slices.Contains(c.ExtKeyUsage, eku)
}

// linkProblem judges the signature of certs[i] by certs[i+1].
func linkProblem(p *path, i int) (Problem, bool) {
	if i >= len(p.links) {
		return Problem{}, false
	}
	switch p.links[i] {
	case linkBad:
		return badSignature(p, i), true
	case linkWeakKey:
		return weakKey(p, i), true
	case linkUnsupported:
		return unsupportedAlgorithm(p, i), true
	default:
		return Problem{}, false
	}
}
