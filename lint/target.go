package lint

import (
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// Target is what a rule knows of the certificate it judges: what must hold for it (the context), where it was
// found, when it is judged, and the verdicts the runner computed before the rules ran (chain trust). Rules read
// it; nothing writes it once linting starts.
type Target struct {
	Context policy.Context
	// Endpoint is the endpoint's name for a certificate seen on a live endpoint, "" for a file.
	Endpoint string
	// Chain holds the other certificates presented with the leaf (by the server, or in the file).
	Chain []*x509.Certificate
	// TLS describes the handshake that showed the certificate; nil for a file.
	TLS *probe.TLSInfo
	// Request is the certificate request being judged (a CSR or certreq INF file); nil for a certificate. The
	// request rules apply only to it; the certificate the rules see is made from it (see LintRequest).
	Request *probe.Request
	// PFX is the packaging of the PFX file the certificate came from; nil for other sources.
	PFX *probe.PFXInfo
	// At is when validity is judged; ExpiryWarning and ExpiryCritical are how long before expiry the expiry rules
	// fire.
	At                            time.Time
	ExpiryWarning, ExpiryCritical time.Duration
	// Trust is the verdict of the chain check (path validation); nil when the chain was not checked.
	Trust *trust.Verdict
	// Pool is set in the deployment-level pass only: the certificates of every member of the pool on this endpoint.
	Pool *PoolComparison
	// Server is set in the deployment-level pass only: every certificate seen of the server (a pool: of its
	// members), on its endpoints and in its files; Self is the index of the one being judged.
	Server *ServerView
	Self   int
	// SNI is set in the deployment-level pass only, for an endpoint probed with and without SNI.
	SNI *SNIComparison
	// Others is set in the deployment-level pass only, for the rules judged across a server's certificates
	// (names_any): the other certificates seen for the same server or pool member, by certificate kind.
	Others map[string][]*x509.Certificate

	names      []policy.AppliedNameRule // appliedNames, once computed
	namesDone  bool
	subjectCNs []string // cns, once read
	cnsDone    bool
}

// appliedNames are the name rules of the target's certificate that apply, expanded: computed once per target (the
// name checks of a product each ask for them) by the one goroutine that lints the target.
func (t *Target) appliedNames() []policy.AppliedNameRule {
	if !t.namesDone {
		t.names, t.namesDone = t.Context.NameRulesThatApply(), true
	}
	return t.names
}

// cns are the Subject's CNs of the target's certificate c (subjectCNs), read once per target.
func (t *Target) cns(c *x509.Certificate) []string {
	if !t.cnsDone {
		t.subjectCNs, t.cnsDone = subjectCNs(c), true
	}
	return t.subjectCNs
}

// live reports whether the certificate was seen on a live endpoint.
func (t *Target) live() bool { return t.Endpoint != "" }

// PoolComparison is what the pool rule compares: the pool and, per member, the SHA-256 of the certificate it
// presented on one endpoint.
type PoolComparison struct {
	Pool    string
	Members []MemberCertificate
}

// MemberCertificate is one member's certificate on an endpoint.
type MemberCertificate struct {
	Member      string
	Fingerprint string // SHA-256 of the DER, hex
}

// SNIComparison is what the SNI rule compares: the certificate an endpoint presents with the server name sent and
// without it.
type SNIComparison struct {
	Name                  string // the server name sent
	WithSNI, WithoutSNI   *x509.Certificate
	WithError, WithoutErr string // why a probe found no certificate, if it did not
}
