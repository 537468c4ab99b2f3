package report

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/uclint/uclint/lint"
)

// nagiosRange is a threshold range of the Nagios plugin guidelines
// (https://nagios-plugins.org/doc/guidelines.html#THRESHOLDFORMAT): [@]start:end, start 0 when left out, "~"
// minus infinity, end infinity when left out; it alerts when the value is outside start..end (inside with @).
type nagiosRange struct {
	start, end float64
	inside     bool
}

func parseNagiosRange(t *testing.T, s string) nagiosRange {
	t.Helper()
	r := nagiosRange{end: math.Inf(1)}
	if strings.HasPrefix(s, "@") {
		r.inside, s = true, s[1:]
	}
	start, end, hasColon := strings.Cut(s, ":")
	if !hasColon {
		start, end = "0", s
	}
	var err error
	switch start {
	case "~":
		r.start = math.Inf(-1)
	case "":
	default:
		if r.start, err = strconv.ParseFloat(start, 64); err != nil {
			t.Fatalf("range %q: %v", s, err)
		}
	}
	if end != "" {
		if r.end, err = strconv.ParseFloat(end, 64); err != nil {
			t.Fatalf("range %q: %v", s, err)
		}
	}
	return r
}

func (r nagiosRange) alerts(v float64) bool {
	outside := v < r.start || v > r.end
	return outside != r.inside
}

// perfState is the state a consumer that honours the thresholds derives from one performance datum.
func perfState(t *testing.T, line, label string) (float64, int) {
	t.Helper()
	_, perf, ok := strings.Cut(strings.TrimSpace(line), " | ")
	if !ok {
		t.Fatalf("no performance data: %q", line)
	}
	for datum := range strings.FieldsSeq(perf) {
		name, rest, _ := strings.Cut(datum, "=")
		if name != label {
			continue
		}
		parts := strings.Split(rest, ";")
		if len(parts) < 3 {
			t.Fatalf("%s has no warning and critical thresholds: %q", label, datum)
		}
		v, err := strconv.ParseFloat(parts[0], 64)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case parseNagiosRange(t, parts[2]).alerts(v):
			return v, NagiosCritical
		case parseNagiosRange(t, parts[1]).alerts(v):
			return v, NagiosWarning
		}
		return v, NagiosOK
	}
	t.Fatalf("no %s in %q", label, perf)
	return 0, 0
}

func TestNagiosRangeParser(t *testing.T) {
	// The guidelines' own examples.
	for _, tc := range []struct {
		rng   string
		alert []float64
		ok    []float64
	}{
		{"10", []float64{-1, 11}, []float64{0, 5, 10}},
		{"10:", []float64{9.9, -5}, []float64{10, 1e9}},
		{"~:10", []float64{11}, []float64{-1e9, 10}},
		{"10:20", []float64{9, 21}, []float64{10, 20}},
		{"@10:20", []float64{10, 15, 20}, []float64{9, 21}},
	} {
		r := parseNagiosRange(t, tc.rng)
		for _, v := range tc.alert {
			if !r.alerts(v) {
				t.Errorf("%s must alert on %v", tc.rng, v)
			}
		}
		for _, v := range tc.ok {
			if r.alerts(v) {
				t.Errorf("%s must not alert on %v", tc.rng, v)
			}
		}
	}
}

// TestNagiosExpiryThresholds: the perfdata thresholds of earliest_expiry_days, read as the plugin guidelines say,
// give OK for a year left, WARNING within the warning window and CRITICAL within the critical one.
func TestNagiosExpiryThresholds(t *testing.T) {
	for _, tc := range []struct {
		days int
		want int
	}{{364, NagiosOK}, {31, NagiosOK}, {30, NagiosOK}, {29, NagiosWarning}, {19, NagiosWarning}, {7, NagiosWarning}, {6, NagiosCritical}, {-3, NagiosCritical}} {
		r := &Report{Started: "2026-06-01T02:15:00Z", ExpiryWarningDays: 30, ExpiryCriticalDays: 7,
			Targets: []Target{{File: "se01.pem", Certificate: cert("se01.contoso.com", nil, "2027-06-01T00:00:00Z", tc.days)}}}
		r.Finish()
		line := render(t, r, FormatNagios, Options{})
		if v, state := perfState(t, line, "earliest_expiry_days"); v != float64(tc.days) || state != tc.want {
			t.Errorf("%d days left: %q reads as state %d, want %d", tc.days, line, state, tc.want)
		}
	}
	// Fractional windows (--expiry-warning 36h) are written as they are.
	r := &Report{ExpiryWarningDays: 1.5, ExpiryCriticalDays: 0.5, Targets: []Target{{File: "a.pem", Certificate: cert("a", nil, "2027-01-01T00:00:00Z", 1)}}}
	r.Finish()
	if line := render(t, r, FormatNagios, Options{}); !strings.Contains(line, "earliest_expiry_days=1;1.5:;0.5:") {
		t.Errorf("fractional windows: %q", line)
	}
}

func TestNagiosStates(t *testing.T) {
	ok := Target{File: "a.pem", Certificate: cert("a", nil, "2044-01-01T00:00:00Z", 6423)}
	warned := Target{File: "b.pem", Certificate: cert("b", nil, "2044-01-01T00:00:00Z", 6423),
		Findings: []Finding{finding("w_ocs_sha1_signature", lint.Warn, "SHA-1", "SHA-256", "")}}
	failed := Target{File: "c.pem", Certificate: cert("c", nil, "2044-01-01T00:00:00Z", 6423),
		Findings: []Finding{finding("e_ocs_certificate_expired", lint.Error, "expired", "renew", "")}}
	dead := Target{File: "d.pem", Error: "d.pem: the file is empty | or worse\nsecond line"}
	for _, tc := range []struct {
		targets []Target
		want    int
		prefix  string
	}{
		{[]Target{ok}, NagiosOK, "UCLINT OK - 1 targets"},
		{[]Target{ok, warned}, NagiosWarning, "UCLINT WARNING - "},
		{[]Target{warned, dead}, NagiosUnknown, "UCLINT UNKNOWN - "},
		{[]Target{dead, failed, warned}, NagiosCritical, "UCLINT CRITICAL - 3 targets: 0 pass, 1 warn, 1 fail, 1 error; c.pem: e_ocs_certificate_expired"},
	} {
		r := &Report{Targets: tc.targets}
		r.Finish()
		rd, _ := Lookup(FormatNagios)
		code := rd.(ExitCoder).ExitCode(r)
		line := render(t, r, FormatNagios, Options{})
		if code != tc.want || !strings.HasPrefix(line, tc.prefix) || strings.Count(line, "\n") != 1 || strings.Count(line, "|") != 1 {
			t.Errorf("exit %d, want %d: %q", code, tc.want, line)
		}
	}
	// No certificate at all: no expiry datum.
	r := &Report{Targets: []Target{dead}}
	r.Finish()
	if line := render(t, r, FormatNagios, Options{}); strings.Contains(line, "earliest_expiry_days") || !strings.Contains(line, "d.pem: the file is empty / or worse second line") {
		t.Errorf("unreadable only: %q", line)
	}
}
