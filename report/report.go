// Package report is what a uclint run found and how it is shown: the report model (targets, certificates,
// findings), target statuses and exit codes, the comparison with a previous run's report (baseline), and the
// renderers that write it as a table, JSON, JUnit XML, Prometheus text or a Nagios status line.
//
// The JSON form of Report is part of uclint's interface: its field names do not change, and SchemaVersion says
// which shape a report has (docs/report.schema.json in the repository describes it).
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
)

// SchemaVersion is the version of the JSON report's shape, written as schema_version. It changes when a field
// is renamed, removed or changes meaning; a new optional field does not need a new version.
const SchemaVersion = 1

// Report is what a run found. Build it with New, append the targets, then call Finish.
type Report struct {
	// SchemaVersion is the shape of this report (SchemaVersion); 0 in a report written before it existed.
	SchemaVersion int      `json:"schema_version"`
	Targets       []Target `json:"targets"`
	Summary       Summary  `json:"summary"`
	// Resolved lists the baseline's findings that are gone (set by Compare, with --baseline).
	Resolved []Resolved `json:"resolved,omitempty"`
	// Started is when the run began (RFC 3339, UTC); DurationSeconds how long it took.
	Started         string  `json:"started"`
	DurationSeconds float64 `json:"duration_seconds"`
	// ExpiryWarningDays and ExpiryCriticalDays are the expiry windows the run judged with.
	ExpiryWarningDays  float64 `json:"expiry_warning_days"`
	ExpiryCriticalDays float64 `json:"expiry_critical_days"`

	started time.Time // Started to the nanosecond, for the duration; zero in a report read back
}

// Target is one certificate file or one endpoint, and its verdict.
type Target struct {
	File     string `json:"file"`
	Server   string `json:"server"`
	Member   string `json:"member"`
	Endpoint string `json:"endpoint"`
	Address  string `json:"address"`
	// SIPDomain is set on the targets of the DNS audit (uclint dns, scan --dns): the SIP domain whose records the
	// target judges (Endpoint "dns"), or whose records lead clients to the place.
	SIPDomain string `json:"sip_domain,omitempty"`
	// Place is, for a place the DNS audit dialled, the name and port clients reach through the SIP domain's records
	// ("pool01.contoso.com:5061"); Address is then the address DNS gave for that name, the one dialled.
	Place   string `json:"place,omitempty"`
	Role    string `json:"role"`
	Product string `json:"product,omitempty"`          // the product whose rules judged it, with a role
	Kind    string `json:"certificate_kind,omitempty"` // which of the role's certificates it is
	Status  Status `json:"status"`
	Error   string `json:"error,omitempty"` // why there is no certificate to judge
	// ErrorBaseline, with a baseline, says whether a target that could not be checked could not be checked in
	// the baseline either (known: the endpoint that was already unreachable) or is newly so (new).
	ErrorBaseline Mark         `json:"error_baseline,omitempty"`
	TLS           *TLS         `json:"tls,omitempty"`
	DNS           *DNS         `json:"dns,omitempty"` // what DNS answered, on a target of the DNS audit
	Certificate   *Certificate `json:"certificate,omitempty"`
	Request       *Request     `json:"request,omitempty"` // a CSR or certreq INF file judged instead of a certificate
	Findings      []Finding    `json:"findings"`
}

// Finding is a lint finding as reported: with a baseline, marked new or known.
type Finding struct {
	lint.Finding
	Baseline Mark `json:"baseline,omitempty"`
}

// TLS is the handshake an endpoint made.
type TLS struct {
	Version             string `json:"version"`
	Cipher              string `json:"cipher"`
	Stack               string `json:"stack,omitempty"` // the TLS stack that answered: zcrypto/tls, or crypto/tls for TLS 1.3-era servers
	SNI                 string `json:"sni,omitempty"`   // the server name sent; absent when none was sent
	ClientCertRequested bool   `json:"client_certificate_requested"`
	HandshakeError      string `json:"handshake_error,omitempty"`
}

// Certificate is what a report says of the certificate judged.
type Certificate struct {
	SubjectCN          string   `json:"subject_cn"`
	SANDNS             []string `json:"san_dns"`
	Issuer             string   `json:"issuer"`
	NotBefore          string   `json:"not_before"`
	NotAfter           string   `json:"not_after"`
	DaysLeft           int      `json:"days_left"`
	SHA256             string   `json:"sha256"`
	Serial             string   `json:"serial"`
	SignatureAlgorithm string   `json:"signature_algorithm"`
	ChainLength        int      `json:"chain_length"`
}

// Summary counts targets by status.
type Summary struct {
	Targets int `json:"targets"`
	Pass    int `json:"pass"`
	Warn    int `json:"warn"`
	Fail    int `json:"fail"`
	Error   int `json:"error"`
}

// New starts a report of a run that began at start and judges expiry with the given windows; Finish completes it.
func New(start time.Time, expiryWarning, expiryCritical time.Duration) *Report {
	return &Report{
		SchemaVersion:      SchemaVersion,
		Started:            start.UTC().Format(time.RFC3339),
		ExpiryWarningDays:  expiryWarning.Hours() / 24,
		ExpiryCriticalDays: expiryCritical.Hours() / 24,
		started:            start,
	}
}

// Finish sets every target's status, the summary and the run's duration. Call it once every target is in.
func (r *Report) Finish() {
	if !r.started.IsZero() {
		r.DurationSeconds = time.Since(r.started).Seconds()
	}
	if r.SchemaVersion == 0 {
		r.SchemaVersion = SchemaVersion
	}
	if r.Targets == nil {
		r.Targets = []Target{}
	}
	r.Summary = Summary{Targets: len(r.Targets)}
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.Findings == nil {
			t.Findings = []Finding{}
		}
		if t.Error != "" {
			t.Status = Error
		} else {
			t.Status = StatusOf(t.Findings)
		}
		switch t.Status {
		case Pass:
			r.Summary.Pass++
		case Warn:
			r.Summary.Warn++
		case Fail:
			r.Summary.Fail++
		case Error:
			r.Summary.Error++
		}
	}
}

// Describe summarizes a certificate for the report: leaf is the certificate judged, chainLength how many
// certificates were presented with it in all (the leaf included), at the time its days left are counted from.
func Describe(leaf *x509.Certificate, chainLength int, at time.Time) *Certificate {
	sum := sha256.Sum256(leaf.Raw)
	san := leaf.DNSNames
	if san == nil {
		san = []string{}
	}
	serial := ""
	if leaf.SerialNumber != nil {
		serial = strings.ToUpper(leaf.SerialNumber.Text(16))
	}
	return &Certificate{
		SubjectCN:          leaf.Subject.CommonName,
		SANDNS:             san,
		Issuer:             leaf.Issuer.String(),
		NotBefore:          leaf.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:           leaf.NotAfter.UTC().Format(time.RFC3339),
		DaysLeft:           lint.DaysLeft(leaf.NotAfter, at),
		SHA256:             hex.EncodeToString(sum[:]),
		Serial:             serial,
		SignatureAlgorithm: leaf.SignatureAlgorithm.String(),
		ChainLength:        chainLength,
	}
}

// FindingsOf wraps the lint runner's findings for the report, unmarked.
func FindingsOf(fs []lint.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Finding: f}
	}
	return out
}

// SortFindings orders findings most severe first, then by lint name.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Status != fs[j].Status {
			return fs[i].Status > fs[j].Status
		}
		return fs[i].Lint < fs[j].Lint
	})
}
