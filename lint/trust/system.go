package trust

import (
	stdx509 "crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// systemKey identifies one system lookup: the certificate at the top of a path, and the time.
type systemKey struct {
	print string
	at    int64
}

// systemResult is what the system verifier says about the top of a path.
type systemResult struct {
	// above is the chain the system verifier found above the top, issuer first, the system root last (zcrypto
	// copies, shared by the whole run and only read); empty with found set when the top is itself a system root.
	above []*x509.Certificate
	found bool
	// insecure is set when the verifier found a system root with the right name but refused its signature on
	// the top (Go refuses SHA-1 and MD5).
	insecure bool
	// err is the verifier's error when it found nothing (nil when found).
	err error
}

// systemLookup asks Go's crypto/x509 (with the system pool; on Windows and macOS the platform verifier) for a
// chain from top to a system root. It is asked about the top of a path that no --ca-file anchor ends, not about
// the leaf: below the top, this package has checked the signatures itself (SHA-1 and MD5 ones included, which
// Go refuses) and judges every certificate itself, so Go only has to find the root. The time is clamped into
// top's validity, as this package judges every CA's validity at the judged time itself; EKUs are not asked for,
// as EKU nesting is judged here too. Results are cached for the run.
func (s *Store) systemLookup(top *x509.Certificate, at time.Time) *systemResult {
	when := clampToValidity(top, at)
	key := systemKey{print: string(fingerprint(top)), at: when.UnixNano()}
	s.mu.Lock()
	r, ok := s.systems[key]
	s.mu.Unlock()
	if ok {
		return r
	}
	r = s.systemVerify(top, when)
	s.mu.Lock()
	if s.systems == nil || len(s.systems) >= maxSystem {
		s.systems = make(map[systemKey]*systemResult)
	}
	s.systems[key] = r
	s.mu.Unlock()
	return r
}

func (s *Store) systemVerify(top *x509.Certificate, when time.Time) *systemResult {
	stdTop, err := stdx509.ParseCertificate(top.Raw)
	if err != nil {
		return &systemResult{err: fmt.Errorf("the system verifier cannot read %q: %w", name(top), err)}
	}
	chains, err := stdTop.Verify(stdx509.VerifyOptions{
		Roots:       s.system,
		CurrentTime: when,
		KeyUsages:   []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageAny},
	})
	if err != nil {
		return &systemResult{err: fmt.Errorf("system verifier: %w", err), insecure: refusedInsecure(err)}
	}
	shortest := chains[0]
	for _, c := range chains[1:] {
		if len(c) < len(shortest) {
			shortest = c
		}
	}
	r := &systemResult{found: true}
	for _, sc := range shortest[1:] {
		zc, err := x509.ParseCertificate(sc.Raw)
		if err != nil {
			return &systemResult{err: fmt.Errorf("the system root %q cannot be read: %w", sc.Subject.CommonName, err)}
		}
		r.above = append(r.above, zc)
	}
	return r
}

// refusedInsecure reports whether Go refused a SHA-1 or MD5 signature. When a candidate root's signature check
// fails, Go returns an UnknownAuthorityError whose reason is unexported and only shows in its text ("possibly
// because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA\" ..."), hence the text match; the
// test of a SHA-1 chain under a system root fails if Go changes it.
func refusedInsecure(err error) bool {
	var insecure stdx509.InsecureAlgorithmError
	return errors.As(err, &insecure) || strings.Contains(err.Error(), "insecure algorithm")
}

// problem turns a failed lookup into a Problem when the verifier said more than "no root of that name".
func (r *systemResult) problem(p *path) (Problem, bool) {
	top := p.certs[len(p.certs)-1]
	var unknown stdx509.UnknownAuthorityError
	switch {
	case r.found:
		return Problem{}, false
	case r.insecure:
		return Problem{Kind: SystemRejected, Certificate: name(top),
			Details: fmt.Sprintf("%q is signed with %s by %q, which is not a --ca-file anchor; a system root of that name exists, but Go's system verifier refuses %s signatures, so uclint cannot check it",
				name(top), top.SignatureAlgorithmName(), issuerName(top), top.SignatureAlgorithmName()),
			Remediation: fmt.Sprintf("pass the root %q with --ca-file (export it from the Trusted Root Certification Authorities store) so that uclint checks the chain itself",
				issuerName(top))}, true
	case errors.As(r.err, &unknown):
		return Problem{}, false
	default:
		return Problem{Kind: SystemRejected, Certificate: name(top),
			Details:     fmt.Sprintf("the system verifier rejects the chain of %q: %v", name(top), r.err),
			Remediation: fmt.Sprintf("pass the root CA of %q with --ca-file so that uclint checks the chain itself", name(top))}, true
	}
}

// clampToValidity returns at, or the nearest time inside c's validity period.
func clampToValidity(c *x509.Certificate, at time.Time) time.Time {
	if at.After(c.NotAfter) {
		return c.NotAfter
	}
	if at.Before(c.NotBefore) {
		return c.NotBefore
	}
	return at
}
