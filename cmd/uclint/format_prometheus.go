package main

import (
	"github.com/uclint/uclint/lint"

	"fmt"
	"io"
	"strings"
	"time"
)

// renderPrometheus writes the node_exporter textfile-collector format.
func renderPrometheus(w io.Writer, r *report) error {
	var b strings.Builder
	metric := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}
	metric("uclint_target_status", "Verdict per target: 0 pass, 1 warn, 2 fail, 3 error.")
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "uclint_target_status{%s} %d\n", targetLabels(t), statusValue(t.Status))
	}
	metric("uclint_certificate_not_after_timestamp_seconds", "When the certificate a target presents expires (Unix time).")
	for _, t := range r.Targets {
		if t.leaf != nil {
			fmt.Fprintf(&b, "uclint_certificate_not_after_timestamp_seconds{%s} %d\n", targetLabels(t), t.leaf.NotAfter.Unix())
		} else if t.Certificate != nil {
			if na, err := time.Parse(time.RFC3339, t.Certificate.NotAfter); err == nil {
				fmt.Fprintf(&b, "uclint_certificate_not_after_timestamp_seconds{%s} %d\n", targetLabels(t), na.Unix())
			}
		}
	}
	metric("uclint_findings", "Findings of the run, by severity.")
	counts := map[lint.Severity]int{}
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			counts[f.Status]++
		}
	}
	for sev := lint.Notice; sev <= lint.Fatal; sev++ {
		fmt.Fprintf(&b, "uclint_findings{severity=%q} %d\n", sev, counts[sev])
	}
	metric("uclint_targets", "Targets of the run, by status.")
	for _, st := range []struct {
		name  string
		count int
	}{{statusPass, r.Summary.Pass}, {statusWarn, r.Summary.Warn}, {statusFail, r.Summary.Fail}, {statusError, r.Summary.Error}} {
		fmt.Fprintf(&b, "uclint_targets{status=%q} %d\n", st.name, st.count)
	}
	metric("uclint_scan_duration_seconds", "How long the run took.")
	fmt.Fprintf(&b, "uclint_scan_duration_seconds %.3f\n", r.DurationSeconds)
	metric("uclint_last_run_timestamp_seconds", "When the run started (Unix time).")
	started := r.started
	if started.IsZero() {
		started, _ = time.Parse(time.RFC3339, r.Started)
	}
	fmt.Fprintf(&b, "uclint_last_run_timestamp_seconds %d\n", started.Unix())
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write the Prometheus report: %w", err)
	}
	return nil
}

// targetLabels are the labels that name a target.
func targetLabels(t target) string {
	return fmt.Sprintf(`server="%s",member="%s",endpoint="%s",file="%s"`,
		promEscape(t.Server), promEscape(t.Member), promEscape(t.Endpoint), promEscape(t.File))
}

// promEscape escapes a label value as the text exposition format requires.
func promEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}
