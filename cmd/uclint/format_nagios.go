package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// Nagios plugin exit codes, used under --format nagios only.
const (
	nagiosOK       = 0
	nagiosWarning  = 1
	nagiosCritical = 2
	nagiosUnknown  = 3
)

// nagiosCode is the plugin state: CRITICAL when a target failed, else UNKNOWN when one could not be checked, else
// WARNING when one warned, else OK.
func (r *report) nagiosCode() int {
	s := r.Summary
	switch {
	case s.Fail > 0:
		return nagiosCritical
	case s.Error > 0:
		return nagiosUnknown
	case s.Warn > 0:
		return nagiosWarning
	}
	return nagiosOK
}

// renderNagios writes one status line with performance data, as Nagios and Icinga read a plugin's output.
func renderNagios(w io.Writer, r *report) error {
	state := [...]string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}[r.nagiosCode()]
	s := r.Summary
	text := fmt.Sprintf("%d targets: %d pass, %d warn, %d fail, %d error", s.Targets, s.Pass, s.Warn, s.Fail, s.Error)
	if worst := worstTarget(r); worst != "" {
		text += "; " + worst
	}
	days, where := earliestExpiry(r)
	perf := fmt.Sprintf("targets=%d pass=%d warn=%d fail=%d error=%d", s.Targets, s.Pass, s.Warn, s.Fail, s.Error)
	if where != "" {
		text += fmt.Sprintf("; earliest expiry: %s (%s)", daysText(days), where)
		perf += fmt.Sprintf(" earliest_expiry_days=%d;%g;%g", days, r.ExpiryWarningDays, r.ExpiryCriticalDays)
	}
	line := fmt.Sprintf("UCLINT %s - %s | %s\n", state, oneLine(text), perf)
	if _, err := io.WriteString(w, line); err != nil {
		return fmt.Errorf("write the Nagios status: %w", err)
	}
	return nil
}

// worstTarget names the first failed (else errored, else warned) target and why.
func worstTarget(r *report) string {
	for _, status := range []string{statusFail, statusError, statusWarn} {
		for _, t := range r.Targets {
			if t.Status != status {
				continue
			}
			name := strings.Join(nonEmpty(t.File, t.Server, t.Member, t.Endpoint), " ")
			if t.Error != "" {
				return name + ": " + t.Error
			}
			if len(t.Findings) > 0 {
				return name + ": " + t.Findings[0].Lint
			}
		}
	}
	return ""
}

// earliestExpiry is the fewest days left of any certificate, and whose.
func earliestExpiry(r *report) (int, string) {
	days, where := math.MaxInt, ""
	for _, t := range r.Targets {
		if t.Certificate != nil && t.Certificate.DaysLeft < days {
			days = t.Certificate.DaysLeft
			where = strings.Join(nonEmpty(t.File, t.Server, t.Member, t.Endpoint), " ")
		}
	}
	return days, where
}

// oneLine keeps a status line on one line, printable, without the '|' that starts performance data.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(visible(s), "|", "/"), `\n`, " ")
}
