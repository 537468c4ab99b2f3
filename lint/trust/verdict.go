package trust

import (
	"github.com/zmap/zcrypto/x509"
)

// Outcome says where a certificate's chain ends.
type Outcome int

// The outcomes of a check. The zero value is Untrusted, so a Verdict nobody filled in trusts nothing.
const (
	// Untrusted: no path ends in a --ca-file anchor or a system root without a problem.
	Untrusted Outcome = iota
	// Anchored: a path ends in a --ca-file anchor (a self-signed certificate of --ca-file).
	Anchored
	// System: a path ends in a system root (Go's crypto/x509 with the system pool; on Windows the platform
	// verifier).
	System
)

// String returns the outcome as the chain rules name it in their configuration: "ca-file", "system" or
// "untrusted".
func (o Outcome) String() string {
	switch o {
	case Anchored:
		return "ca-file"
	case System:
		return "system"
	default:
		return "untrusted"
	}
}

// Verdict is the result of one Check. A Verdict from Check is the caller's own: the leaf and presented
// certificates in it are the ones the caller passed, the other certificates are the Store's (read them, never
// change them).
type Verdict struct {
	// Outcome is Anchored, System or Untrusted.
	Outcome Outcome
	// Anchor is the --ca-file certificate the path ends in when Anchored (nil otherwise).
	Anchor *x509.Certificate
	// AnchorName names the anchor or the system root (its subject common name) when trusted.
	AnchorName string
	// Path is the best path found, leaf first: complete (ending in the anchor or system root) when trusted,
	// otherwise as far as it got.
	Path []*x509.Certificate
	// Problems is empty when the chain is good; otherwise Problems[0] is the reason, the most decisive first.
	Problems []Problem
	// Unsent lists the certificates of a good Path the server did not send (the anchor or system root not
	// counted): --ca-file intermediates, or intermediates the system verifier found. See Incomplete.
	Unsent []*x509.Certificate
	// Presented says, for each certificate presented with the leaf (the leaf itself excluded), whether the path
	// uses it and, if not, why not.
	Presented []PresentedCA
	// SelfSigned is set when the leaf is self-signed: its issuer is its subject and its own key verifies its
	// signature.
	SelfSigned bool
}

// Trusted reports whether the chain ends in a --ca-file anchor or a system root without a problem.
func (v *Verdict) Trusted() bool { return v != nil && v.Outcome != Untrusted }

// Incomplete reports whether a good path exists only with certificates the server did not send (Unsent).
func (v *Verdict) Incomplete() bool { return v != nil && len(v.Unsent) > 0 }

// PresentedCA is the fate of one certificate the server (or the file) presented with the leaf.
type PresentedCA struct {
	Certificate *x509.Certificate
	// Name is the certificate's subject common name (or its whole subject when it has none).
	Name string
	// Used is set when the path uses this certificate.
	Used bool
	// Why says why the path does not use it (empty when Used): one phrase in the admin's words, for example
	// "an expired copy of \"Contoso Issuing CA 01\" (it expired on 2025-01-01); the path uses the copy from
	// --ca-file, valid until 2030-01-01".
	Why string
}

// Problem is one reason a chain is not good.
type Problem struct {
	Kind ProblemKind
	// Certificate names the certificate the problem is about (its subject common name), for example the CA that
	// expired or the certificate whose issuer is missing.
	Certificate string
	// Details is one sentence in the admin's words, naming certificates by subject common name and dates.
	Details string
	// Remediation is one sentence: what to do.
	Remediation string
}

// ProblemKind classifies a Problem.
type ProblemKind int

// The kinds of problem, in the order of how decisive they are: a Verdict lists its problems in this order (and,
// within a kind, from the leaf up).
const (
	// SelfSigned: the leaf is self-signed and not a --ca-file anchor.
	SelfSigned ProblemKind = iota + 1
	// MissingIntermediate: the CA that issued a certificate of the path is neither presented nor in --ca-file.
	MissingIntermediate
	// MissingRoot: the path ends in a CA whose issuer (a root) is not a --ca-file anchor, or in a presented
	// root that is not an anchor.
	MissingRoot
	// SystemRejected: the path could only end in a system root, and the system verifier refused it for a
	// reason uclint names (a SHA-1 or MD5 signature Go refuses, or a certificate it cannot read).
	SystemRejected
	// TooLong: the path has more certificates than uclint follows.
	TooLong
	// BadSignature: a certificate's signature does not verify with its issuer's key (the link is named).
	BadSignature
	// WeakKey: a CA's RSA key is below 1024 bits, which Windows rejects.
	WeakKey
	// UnsupportedAlgorithm: a signature uses an algorithm uclint cannot check.
	UnsupportedAlgorithm
	// IssuerNotCA: the certificate that issued another is not a CA (Basic Constraints, Key Usage or version 1).
	IssuerNotCA
	// CAExpired: a CA of the path expired before the time the chain is judged at.
	CAExpired
	// CANotYetValid: a CA of the path is valid only after the time the chain is judged at.
	CANotYetValid
	// PathLength: a CA's path length constraint is exceeded.
	PathLength
	// NameConstraint: a name of the certificate is outside a CA's permitted names or inside its excluded names.
	NameConstraint
	// CAUsage: a CA's Enhanced Key Usage lacks Server Authentication, so the leaf cannot be used for TLS server
	// authentication (Windows nests EKUs).
	CAUsage
)

var kindNames = map[ProblemKind]string{
	SelfSigned:           "self-signed",
	MissingIntermediate:  "missing-intermediate",
	MissingRoot:          "missing-root",
	SystemRejected:       "system-rejected",
	TooLong:              "too-long",
	BadSignature:         "bad-signature",
	WeakKey:              "weak-key",
	UnsupportedAlgorithm: "unsupported-algorithm",
	IssuerNotCA:          "issuer-not-ca",
	CAExpired:            "ca-expired",
	CANotYetValid:        "ca-not-yet-valid",
	PathLength:           "path-length",
	NameConstraint:       "name-constraint",
	CAUsage:              "ca-usage",
}

// String returns a short stable name for the kind, such as "ca-expired".
func (k ProblemKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "unknown"
}
