package lint

import (
	"fmt"

	zlint "github.com/zmap/zlint/v3/lint"
)

// Severity is how serious a finding is. Its text form ("notice", "warn", "error", "fatal") is what reports and
// baselines carry.
type Severity int

// The severities, least serious first. A zero Severity is no finding at all.
const (
	Notice Severity = iota + 1 // worth knowing; never changes a target's status
	Warn                       // works, but a client or a later change may break on it
	Error                      // breaks a client, a server or the rules Microsoft publishes
	Fatal                      // the rule itself could not run (zlint's fatal)
)

var severityNames = [...]string{Notice: "notice", Warn: "warn", Error: "error", Fatal: "fatal"}

// String is the severity's name: notice, warn, error or fatal.
func (s Severity) String() string {
	if s >= Notice && s <= Fatal {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Notice || s > Fatal {
		return nil, fmt.Errorf("no such severity: %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity's name.
func ParseSeverity(name string) (Severity, error) {
	for s := Notice; s <= Fatal; s++ {
		if severityNames[s] == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q: use notice, warn, error or fatal", name)
}

// SeverityOf is the severity of a zlint result; 0 for pass, NA and NE.
func SeverityOf(status zlint.LintStatus) Severity {
	switch status {
	case zlint.Notice:
		return Notice
	case zlint.Warn:
		return Warn
	case zlint.Error:
		return Error
	case zlint.Fatal:
		return Fatal
	default: // pass, NA, NE, reserved
		return 0
	}
}

// SeverityOfName is the severity a rule's ID announces by zlint's naming convention: e_ error, w_ warn, n_
// notice; 0 when the ID follows none.
func SeverityOfName(id string) Severity {
	if len(id) > 2 && id[1] == '_' {
		switch id[0] {
		case 'e':
			return Error
		case 'w':
			return Warn
		case 'n':
			return Notice
		}
	}
	return 0
}
