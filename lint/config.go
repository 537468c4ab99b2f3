package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uclint/uclint/policy"
)

// Each configurable rule reads a small struct of its own from its section of the zlint configuration: only what
// it needs, since decoding a field costs more than most rules do.

// nameConfig is what e_ocs_subject_cn_not_role_fqdn reads.
type nameConfig struct {
	Role string `toml:"role"`
	FQDN string `toml:"fqdn"`
}

func (c nameConfig) role() policy.Role { return policy.Role(c.Role) }

// sipDomainConfig is what e_ocs_san_missing_sip_domain reads.
type sipDomainConfig struct {
	Role        string   `toml:"role"`
	SIPDomains  []string `toml:"sip_domains"`
	AutoConfig  bool     `toml:"auto_config"`
	ClientLogon bool     `toml:"client_logon"`
}

// webConfig is what the web farm rules read. Endpoint is "sip" or "web" for a certificate seen on a live
// endpoint, "" for a file.
type webConfig struct {
	Role     string `toml:"role"`
	FQDN     string `toml:"fqdn"`
	WebFarm  string `toml:"web_farm"`
	Endpoint string `toml:"endpoint"`
}

func (c webConfig) role() policy.Role { return policy.Role(c.Role) }

// validityConfig is what the validity rules read: when validity is judged, and the expiry windows.
type validityConfig struct {
	At              time.Time `toml:"at"`
	WarningSeconds  int64     `toml:"warning_seconds"`
	CriticalSeconds int64     `toml:"critical_seconds"`
}

func (c validityConfig) warning() time.Duration { return time.Duration(c.WarningSeconds) * time.Second }
func (c validityConfig) critical() time.Duration {
	return time.Duration(c.CriticalSeconds) * time.Second
}

// atConfig is what the rules that need only the time of the check read.
type atConfig struct {
	At time.Time `toml:"at"`
}

// chainConfig is what the chain rules read: the verdict of the trust check the runner made before linting.
type chainConfig struct {
	// Trust is "" (not checked), "ca-file" (chains to a --ca-file anchor), "system" (chains to a system root) or
	// "untrusted".
	Trust string `toml:"trust"`
	// Reason says why the chain is untrusted, or which root it ends in.
	Reason string `toml:"reason"`
	// Incomplete is set when the chain verifies only with intermediates from --ca-file, not those presented.
	Incomplete bool `toml:"incomplete"`
}

// Trust verdicts.
const (
	trustCAFile    = "ca-file"
	trustSystem    = "system"
	trustUntrusted = "untrusted"
)

// tomlWriter writes the small TOML documents that carry a target's context to the lints.
type tomlWriter struct{ b strings.Builder }

func (w *tomlWriter) section(name string) {
	w.b.WriteString("[")
	w.b.WriteString(name)
	w.b.WriteString("]\n")
}

func (w *tomlWriter) key(key string) {
	w.b.WriteString(key)
	w.b.WriteString(" = ")
}

func (w *tomlWriter) str(key, v string) {
	if v != "" {
		w.key(key)
		w.b.WriteString(tomlString(v))
		w.b.WriteByte('\n')
	}
}

func (w *tomlWriter) boolean(key string, v bool) {
	if v {
		w.key(key)
		w.b.WriteString("true\n")
	}
}

func (w *tomlWriter) integer(key string, v int64) {
	if v != 0 {
		w.key(key)
		w.b.WriteString(strconv.FormatInt(v, 10))
		w.b.WriteByte('\n')
	}
}

func (w *tomlWriter) time(key string, v time.Time) {
	if !v.IsZero() {
		w.key(key)
		w.b.WriteString(v.UTC().Format(time.RFC3339Nano))
		w.b.WriteByte('\n')
	}
}

func (w *tomlWriter) strings(key string, vs []string) {
	if len(vs) == 0 {
		return
	}
	w.key(key)
	w.b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString(tomlString(v))
	}
	w.b.WriteString("]\n")
}

// tomlString quotes s as a TOML basic string. Certificate-derived text may hold anything, so every control
// character and invalid byte is escaped.
func tomlString(s string) string {
	if plainTOML(s) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plainTOML reports whether s can be quoted as it is: printable ASCII without quotes or backslashes.
func plainTOML(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
