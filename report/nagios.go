package report

import (
	"fmt"
	"io"
	"math"
	"strings"
)

func init() { register(FormatNagios, nagios{}) }

// Nagios plugin states: the exit codes under the nagios format.
const (
	NagiosOK       = 0
	NagiosWarning  = 1
	NagiosCritical = 2
	NagiosUnknown  = 3
)

// nagios is one plugin status line with performance data, as Nagios and Icinga read a plugin's output
// (https://nagios-plugins.org/doc/guidelines.html#THRESHOLDFORMAT for the thresholds).
type nagios struct{}

// ExitCode is the plugin state: CRITICAL when a target failed, else UNKNOWN when one could not be checked, else
// WARNING when one warned, else OK.
func (nagios) ExitCode(r *Report) int {
	s := r.Summary
	switch {
	case s.Fail > 0:
		return NagiosCritical
	case s.Error > 0:
		return NagiosUnknown
	case s.Warn > 0:
		return NagiosWarning
	}
	return NagiosOK
}

func (n nagios) Render(w io.Writer, r *Report, _ Options) error {
	state := [...]string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}[n.ExitCode(r)]
	s := r.Summary
	text := fmt.Sprintf("%d targets: %d pass, %d warn, %d fail, %d error", s.Targets, s.Pass, s.Warn, s.Fail, s.Error)
	if worst := worstTarget(r); worst != "" {
		text += "; " + worst
	}
	days, where := earliestExpiry(r)
	perf := fmt.Sprintf("targets=%d pass=%d warn=%d fail=%d error=%d", s.Targets, s.Pass, s.Warn, s.Fail, s.Error)
	if where != "" {
		text += fmt.Sprintf("; earliest expiry: %s (%s)", daysText(days), where)
		// Thresholds in the range syntax of the plugin guidelines: "30:" alerts when the value falls below 30. A
		// bare "30" would mean outside 0..30, so a certificate with a year left would read as critical.
		perf += fmt.Sprintf(" earliest_expiry_days=%d;%g:;%g:", days, r.ExpiryWarningDays, r.ExpiryCriticalDays)
	}
	line := fmt.Sprintf("UCLINT %s - %s | %s\n", state, oneLine(text), perf)
	if _, err := io.WriteString(w, line); err != nil {
		return fmt.Errorf("write the Nagios status: %w", err)
	}
	return nil
}

// worstTarget names the first failed (else errored, else warned) target and why.
func worstTarget(r *Report) string {
	for _, status := range []Status{Fail, Error, Warn} {
		for i := range r.Targets {
			t := &r.Targets[i]
			if t.Status != status {
				continue
			}
			if t.Error != "" {
				return targetName(t) + ": " + t.Error
			}
			if len(t.Findings) > 0 {
				return targetName(t) + ": " + t.Findings[0].Lint
			}
		}
	}
	return ""
}

// earliestExpiry is the fewest days left of any certificate, and whose ("" when no target has one).
func earliestExpiry(r *Report) (int, string) {
	days, where := math.MaxInt, ""
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.Certificate != nil && t.Certificate.DaysLeft < days {
			days = t.Certificate.DaysLeft
			where = targetName(t)
		}
	}
	return days, where
}

// oneLine keeps a status line on one line, printable, without the '|' that starts performance data.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(Visible(s), "|", "/"), `\n`, " ")
}
