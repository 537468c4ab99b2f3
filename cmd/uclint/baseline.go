package main

import "github.com/uclint/uclint/lint"

// resolvedFinding is a finding of the baseline that is gone.
type resolvedFinding struct {
	File     string        `json:"file"`
	Server   string        `json:"server"`
	Member   string        `json:"member"`
	Endpoint string        `json:"endpoint"`
	Lint     string        `json:"lint"`
	Status   lint.Severity `json:"status"`
	Details  string        `json:"details"`
}

// Baseline marks.
const (
	baselineNew   = "new"
	baselineKnown = "known"
)

// targetKey identifies a target across runs: the file, or the server, member and endpoint (addresses may change).
func targetKey(t target) string {
	return t.File + "\x00" + t.Server + "\x00" + t.Member + "\x00" + t.Endpoint
}

// compare marks each finding new or known against the previous report and lists the findings that are gone.
// Targets that could not be checked this time resolve nothing: their findings are unknown, not gone.
func (r *report) compare(previous *report) {
	before := map[string]map[string]finding{}
	if previous != nil {
		for _, t := range previous.Targets {
			m := map[string]finding{}
			for _, f := range t.Findings {
				m[f.Lint] = f
			}
			before[targetKey(t)] = m
		}
	}
	r.Resolved = []resolvedFinding{}
	now := map[string]bool{}
	for i := range r.Targets {
		t := &r.Targets[i]
		key := targetKey(*t)
		now[key] = t.Error == ""
		for j := range t.Findings {
			f := &t.Findings[j]
			if _, ok := before[key][f.Lint]; ok {
				f.Baseline = baselineKnown
			} else {
				f.Baseline = baselineNew
			}
		}
		if t.Error != "" {
			continue
		}
		current := map[string]bool{}
		for _, f := range t.Findings {
			current[f.Lint] = true
		}
		for _, old := range sortedFindings(before[key]) {
			if !current[old.Lint] {
				r.Resolved = append(r.Resolved, resolvedFinding{File: t.File, Server: t.Server, Member: t.Member, Endpoint: t.Endpoint,
					Lint: old.Lint, Status: old.Status, Details: old.Details})
			}
		}
	}
}

func sortedFindings(m map[string]finding) []finding {
	out := make([]finding, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	sortFindings(out)
	return out
}

// newProblems counts the findings absent from the baseline that are warnings or worse.
func (r *report) newProblems() int {
	n := 0
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			if f.Baseline == baselineNew && f.Status != lint.Notice {
				n++
			}
		}
	}
	return n
}
