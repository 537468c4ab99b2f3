package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/uclint/uclint/lint"
)

// Mark says whether a finding was in the baseline.
type Mark string

// Baseline marks.
const (
	MarkNew   Mark = "new"   // absent from the baseline
	MarkKnown Mark = "known" // the same lint on the same target in the baseline
)

// Resolved is a finding of the baseline that is gone.
type Resolved struct {
	File     string `json:"file"`
	Server   string `json:"server"`
	Member   string `json:"member"`
	Endpoint string `json:"endpoint"`
	// SIPDomain and Place name a target of the DNS audit (see Target).
	SIPDomain string        `json:"sip_domain,omitempty"`
	Place     string        `json:"place,omitempty"`
	Lint      string        `json:"lint"`
	Status    lint.Severity `json:"status"`
	Details   string        `json:"details"`
}

// LoadBaseline reads a previous JSON report. A missing file is no baseline yet (the first nightly run): nil and
// no error.
func LoadBaseline(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the baseline: %w", err)
	}
	var previous Report
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&previous); err != nil {
		return nil, fmt.Errorf("%s is not a uclint JSON report: %w", path, err)
	}
	switch {
	case previous.Targets == nil:
		return nil, fmt.Errorf("%s is not a uclint JSON report: it has no \"targets\"", path)
	case previous.SchemaVersion > SchemaVersion:
		return nil, fmt.Errorf("%s is a report of schema version %d, newer than this uclint reads (%d): upgrade uclint, or start a new baseline",
			path, previous.SchemaVersion, SchemaVersion)
	}
	return &previous, nil
}

// targetKey identifies a target across runs: the file, or the server, member and endpoint (addresses change); a
// target of the DNS audit also by its SIP domain and place (the name and port DNS leads clients to, which stays
// when the address behind it changes).
func targetKey(t *Target) string {
	key := t.File + "\x00" + t.Server + "\x00" + t.Member + "\x00" + t.Endpoint
	if t.SIPDomain != "" || t.Place != "" {
		key += "\x00" + t.SIPDomain + "\x00" + t.Place
	}
	return key
}

// Compare marks each finding new or known against the previous report (nil: no baseline yet, every finding is
// new) and lists the findings that are gone in Resolved. A target that could not be checked this time resolves
// nothing: its findings are unknown, not gone; it is marked (ErrorBaseline) known when it could not be checked
// in the baseline either, whatever the reason, else new.
func (r *Report) Compare(previous *Report) {
	before := map[string]map[string]Finding{}
	failedBefore := map[string]bool{} // targets that could not be checked in the baseline
	if previous != nil {
		for i := range previous.Targets {
			t := &previous.Targets[i]
			m := map[string]Finding{}
			for _, f := range t.Findings {
				m[f.Lint] = f
			}
			before[targetKey(t)] = m
			if t.Error != "" {
				failedBefore[targetKey(t)] = true
			}
		}
	}
	r.Resolved = []Resolved{}
	for i := range r.Targets {
		t := &r.Targets[i]
		key := targetKey(t)
		current := map[string]bool{}
		for j := range t.Findings {
			f := &t.Findings[j]
			current[f.Lint] = true
			if _, ok := before[key][f.Lint]; ok {
				f.Baseline = MarkKnown
			} else {
				f.Baseline = MarkNew
			}
		}
		if t.Error != "" {
			t.ErrorBaseline = MarkNew
			if failedBefore[key] {
				t.ErrorBaseline = MarkKnown
			}
			continue
		}
		for _, old := range sorted(before[key]) {
			if !current[old.Lint] {
				r.Resolved = append(r.Resolved, Resolved{File: t.File, Server: t.Server, Member: t.Member, Endpoint: t.Endpoint,
					SIPDomain: t.SIPDomain, Place: t.Place, Lint: old.Lint, Status: old.Status, Details: old.Details})
			}
		}
	}
}

func sorted(m map[string]Finding) []Finding {
	out := make([]Finding, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	SortFindings(out)
	return out
}

// NewErrors counts the targets that could not be checked and were not already so in the baseline (all of them
// without one).
func (r *Report) NewErrors() int {
	n := 0
	for _, t := range r.Targets {
		if t.Error != "" && t.ErrorBaseline != MarkKnown {
			n++
		}
	}
	return n
}

// NewProblems counts the findings absent from the baseline that are warnings or worse.
func (r *Report) NewProblems() int {
	n := 0
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			if f.Baseline == MarkNew && f.Status >= lint.Warn {
				n++
			}
		}
	}
	return n
}
