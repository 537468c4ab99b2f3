package main

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// Target statuses.
const (
	statusPass  = "pass"
	statusWarn  = "warn"
	statusFail  = "fail"
	statusError = "error"
)

// Exit codes.
const (
	exitOK          = 0 // every target pass or warn
	exitFailed      = 1 // a target failed
	exitUsage       = 2 // usage or configuration error: nothing was checked
	exitUncheckable = 3 // nothing failed, but a target could not be checked
)

// report is what a run found; its JSON form is part of uclint's interface.
type report struct {
	Targets []target `json:"targets"`
	Summary summary  `json:"summary"`
	// Resolved lists the baseline's findings that are gone (with --baseline).
	Resolved []resolvedFinding `json:"resolved,omitempty"`
	// Started is when the run began; DurationSeconds how long it took.
	Started         string  `json:"started"`
	DurationSeconds float64 `json:"duration_seconds"`
	// ExpiryWarningDays and ExpiryCriticalDays are the expiry windows the run used.
	ExpiryWarningDays  float64 `json:"expiry_warning_days"`
	ExpiryCriticalDays float64 `json:"expiry_critical_days"`

	started time.Time
}

// target is one file or one endpoint, and its verdict.
type target struct {
	File        string       `json:"file"`
	Server      string       `json:"server"`
	Member      string       `json:"member"`
	Endpoint    string       `json:"endpoint"`
	Address     string       `json:"address"`
	Role        string       `json:"role"`
	Status      string       `json:"status"`
	Error       string       `json:"error,omitempty"`
	TLS         *tlsSummary  `json:"tls,omitempty"`
	Certificate *certificate `json:"certificate,omitempty"`
	Findings    []finding    `json:"findings"`
	leaf        *x509.Certificate
	context     policy.Context
}

// finding is a lint finding as reported: with --baseline, marked new or known.
type finding struct {
	lint.Finding
	Baseline string `json:"baseline,omitempty"` // "new" or "known", with --baseline
}

// findingsOf wraps the runner's findings for the report.
func findingsOf(fs []lint.Finding) []finding {
	out := make([]finding, len(fs))
	for i, f := range fs {
		out[i] = finding{Finding: f}
	}
	return out
}

// sortFindings orders findings most severe first, then by lint name.
func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Status != fs[j].Status {
			return fs[i].Status > fs[j].Status
		}
		return fs[i].Lint < fs[j].Lint
	})
}

// tlsSummary is the handshake an endpoint made.
type tlsSummary struct {
	Version             string `json:"version"`
	Cipher              string `json:"cipher"`
	ClientCertRequested bool   `json:"client_certificate_requested"`
	HandshakeError      string `json:"handshake_error,omitempty"`
}

// certificate is what a report says of the certificate judged.
type certificate struct {
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

// summary counts targets by status.
type summary struct {
	Targets int `json:"targets"`
	Pass    int `json:"pass"`
	Warn    int `json:"warn"`
	Fail    int `json:"fail"`
	Error   int `json:"error"`
}

// describe summarizes the certificate of an observation.
func describe(obs probe.Observation, at time.Time) *certificate {
	c := obs.Leaf
	sum := sha256.Sum256(c.Raw)
	san := c.DNSNames
	if san == nil {
		san = []string{}
	}
	return &certificate{
		SubjectCN:          c.Subject.CommonName,
		SANDNS:             san,
		Issuer:             c.Issuer.String(),
		NotBefore:          c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:           c.NotAfter.UTC().Format(time.RFC3339),
		DaysLeft:           lint.DaysLeft(c.NotAfter, at),
		SHA256:             hex.EncodeToString(sum[:]),
		Serial:             strings.ToUpper(c.SerialNumber.Text(16)),
		SignatureAlgorithm: c.SignatureAlgorithm.String(),
		ChainLength:        len(obs.Chain) + 1,
	}
}

// statusOf judges a target from its findings: fail with an error or fatal finding, warn with a warning (notices
// do not count), else pass.
func statusOf(findings []finding) string {
	status := statusPass
	for _, f := range findings {
		switch {
		case f.Status >= lint.Error:
			return statusFail
		case f.Status == lint.Warn:
			status = statusWarn
		}
	}
	return status
}

// finish sets every target's status and the summary.
func (r *report) finish() {
	if !r.started.IsZero() {
		r.DurationSeconds = time.Since(r.started).Seconds()
	}
	r.Summary = summary{Targets: len(r.Targets)}
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.Findings == nil {
			t.Findings = []finding{}
		}
		if t.Error != "" {
			t.Status = statusError
		} else {
			t.Status = statusOf(t.Findings)
		}
		switch t.Status {
		case statusPass:
			r.Summary.Pass++
		case statusWarn:
			r.Summary.Warn++
		case statusFail:
			r.Summary.Fail++
		case statusError:
			r.Summary.Error++
		}
	}
}

// exitCode is the process exit code for the report: 1 when a target failed (with --fail-on warn: or warned; with
// --fail-on new: only when a warning or error is absent from the baseline), else 3 when a target could not be
// checked, else 0.
func (r *report) exitCode(failOn string) int {
	s := r.Summary
	failed := s.Fail > 0
	switch failOn {
	case failOnWarn:
		failed = failed || s.Warn > 0
	case failOnNew:
		failed = r.newProblems() > 0
	}
	switch {
	case failed:
		return exitFailed
	case s.Error > 0:
		return exitUncheckable
	}
	return exitOK
}

// newReport starts a report; finish completes it.
func newReport(s *settings) *report {
	now := time.Now()
	return &report{started: now, Started: now.UTC().Format(time.RFC3339),
		ExpiryWarningDays: s.expiryWarning.Hours() / 24, ExpiryCriticalDays: s.critical.Hours() / 24}
}

// statusValue is the Prometheus value of a target status: 0 pass, 1 warn, 2 fail, 3 error.
func statusValue(status string) int {
	switch status {
	case statusWarn:
		return 1
	case statusFail:
		return 2
	case statusError:
		return 3
	}
	return 0
}
