package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/uclint/uclint/lint"
)

func init() { register(FormatPrometheus, prometheus{}) }

// prometheus is the text exposition format, for node_exporter's textfile collector: a gauge per target status,
// certificate expiry, findings by severity, targets by status, the run's duration and start.
type prometheus struct{}

func (prometheus) Render(w io.Writer, r *Report, _ Options) error {
	var b strings.Builder
	metric := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}
	withDNS := r.hasDNS()
	metric("uclint_target_status", "Verdict per target: 0 pass, 1 warn, 2 fail, 3 error.")
	for i := range r.Targets {
		t := &r.Targets[i]
		fmt.Fprintf(&b, "uclint_target_status{%s} %d\n", targetLabels(t, withDNS), t.Status.Value())
	}
	metric("uclint_certificate_not_after_timestamp_seconds", "When the certificate a target presents expires (Unix time).")
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.Certificate == nil {
			continue
		}
		if na, err := time.Parse(time.RFC3339, t.Certificate.NotAfter); err == nil {
			fmt.Fprintf(&b, "uclint_certificate_not_after_timestamp_seconds{%s} %d\n", targetLabels(t, withDNS), na.Unix())
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
	s := r.Summary
	for _, st := range []struct {
		status Status
		count  int
	}{{Pass, s.Pass}, {Warn, s.Warn}, {Fail, s.Fail}, {Error, s.Error}} {
		fmt.Fprintf(&b, "uclint_targets{status=%q} %d\n", st.status, st.count)
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

// targetLabels are the labels that name a target; withDNS adds sip_domain and place, to every target of a report
// that holds targets of the DNS audit, so that each metric keeps one set of label names (an empty label is no
// label to Prometheus: the series of the other targets stay the same).
func targetLabels(t *Target, withDNS bool) string {
	labels := fmt.Sprintf(`server="%s",member="%s",endpoint="%s",file="%s"`,
		promEscape(t.Server), promEscape(t.Member), promEscape(t.Endpoint), promEscape(t.File))
	if withDNS {
		labels += fmt.Sprintf(`,sip_domain="%s",place="%s"`, promEscape(t.SIPDomain), promEscape(t.Place))
	}
	return labels
}

// labelEscaper escapes a label value as the text exposition format requires. A Replacer is safe for concurrent
// use and never changes after it is made.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func promEscape(s string) string { return labelEscaper.Replace(s) }
