package report

import (
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestPrometheusParses reads the textfile-collector output back with Prometheus's own parser.
func TestPrometheusParses(t *testing.T) {
	out := render(t, scanReport(), FormatPrometheus, Options{Live: true})
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not valid textfile-collector format: %v\n%s", err, out)
	}
	status := families["uclint_target_status"]
	if status == nil || len(status.GetMetric()) != 6 {
		t.Fatalf("uclint_target_status: %v", status)
	}
	values := map[string]float64{}
	for _, m := range status.GetMetric() {
		labels := map[string]string{}
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		values[labels["server"]+"/"+labels["member"]+"/"+labels["endpoint"]] = m.GetGauge().GetValue()
	}
	want := map[string]float64{"se01//sip": 0, "pool01/fe01.contoso.com/sip": 0, "pool01/fe02.contoso.com/sip": 2,
		"pool01/fe02.contoso.com/web": 2, "dir01//sip": 1, "dir02//sip": 3}
	for k, v := range want {
		if values[k] != v {
			t.Errorf("uclint_target_status{%s} = %v, want %v", k, values[k], v)
		}
	}
	notAfter := families["uclint_certificate_not_after_timestamp_seconds"]
	if notAfter == nil || len(notAfter.GetMetric()) != 5 || notAfter.GetMetric()[2].GetGauge().GetValue() != 1781913600 { // 2026-06-20T00:00:00Z
		t.Fatalf("uclint_certificate_not_after_timestamp_seconds: %v", notAfter)
	}
	severities := map[string]float64{}
	for _, m := range families["uclint_findings"].GetMetric() {
		severities[m.GetLabel()[0].GetValue()] = m.GetGauge().GetValue()
	}
	if severities["notice"] != 1 || severities["warn"] != 2 || severities["error"] != 3 || severities["fatal"] != 0 {
		t.Fatalf("uclint_findings %v", severities)
	}
	if v := families["uclint_scan_duration_seconds"].GetMetric()[0].GetGauge().GetValue(); v != 1.5 {
		t.Fatalf("uclint_scan_duration_seconds %v", v)
	}
	if v := families["uclint_last_run_timestamp_seconds"].GetMetric()[0].GetGauge().GetValue(); v != 1780280100 { // 2026-06-01T02:15:00Z
		t.Fatalf("uclint_last_run_timestamp_seconds %v", v)
	}
}

// TestPrometheusLabelEscaping: a file name with a quote, a backslash and a newline still parses, and reads back
// as it was.
func TestPrometheusLabelEscaping(t *testing.T) {
	name := "C:\\certs\\\"pool\"\n01.pem"
	r := &Report{Started: "2026-06-01T02:15:00Z", Targets: []Target{{File: name, Error: "unreadable"}}}
	r.Finish()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(render(t, r, FormatPrometheus, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range families["uclint_target_status"].GetMetric()[0].GetLabel() {
		if l.GetName() == "file" && l.GetValue() != name {
			t.Fatalf("file label %q, want %q", l.GetValue(), name)
		}
	}
}
