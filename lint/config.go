package lint

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uclint/uclint/policy"
)

// roleConfig is the part of a target's lint configuration that the role rules read: what must hold for the
// server whose certificate is linted.
type roleConfig struct {
	Role        string   `toml:"role"`
	FQDN        string   `toml:"fqdn"`
	WebFarm     string   `toml:"web_farm"`
	SIPDomains  []string `toml:"sip_domains"`
	AutoConfig  bool     `toml:"auto_config"`
	ClientLogon bool     `toml:"client_logon"`
	// Endpoint is "sip" or "web" for a certificate seen on a live endpoint, "" for a file.
	Endpoint string `toml:"endpoint"`
}

func (c roleConfig) role() policy.Role { return policy.Role(c.Role) }

// validityConfig is the part of a target's lint configuration that the validity rules read.
type validityConfig struct {
	At              time.Time `toml:"at"`
	WarningSeconds  int64     `toml:"warning_seconds"`
	CriticalSeconds int64     `toml:"critical_seconds"`
}

func (c validityConfig) warning() time.Duration { return time.Duration(c.WarningSeconds) * time.Second }
func (c validityConfig) critical() time.Duration {
	return time.Duration(c.CriticalSeconds) * time.Second
}

// chainConfig is the part of a target's lint configuration that the chain rules read: the verdict of the trust
// check the runner made before linting.
type chainConfig struct {
	// Trust is "" (not checked), "ca-file" (chains to a --ca-file anchor), "system" (chains to a system root) or
	// "untrusted".
	Trust string `toml:"trust"`
	// Reason says why the chain is untrusted, or which root it ends in.
	Reason string `toml:"reason"`
	// Incomplete is set when the chain verifies only with intermediates from --ca-file, not those presented.
	Incomplete bool   `toml:"incomplete"`
	Endpoint   string `toml:"endpoint"`
}

// Trust verdicts.
const (
	trustCAFile    = "ca-file"
	trustSystem    = "system"
	trustUntrusted = "untrusted"
)

// tomlWriter writes the small TOML documents that carry a target's context to the lints.
type tomlWriter struct{ b strings.Builder }

func (w *tomlWriter) section(name string) { fmt.Fprintf(&w.b, "[%s]\n", name) }

func (w *tomlWriter) str(key, v string) {
	if v != "" {
		fmt.Fprintf(&w.b, "%s = %s\n", key, tomlString(v))
	}
}

func (w *tomlWriter) boolean(key string, v bool) {
	if v {
		fmt.Fprintf(&w.b, "%s = true\n", key)
	}
}

func (w *tomlWriter) integer(key string, v int64) {
	if v != 0 {
		fmt.Fprintf(&w.b, "%s = %d\n", key, v)
	}
}

func (w *tomlWriter) time(key string, v time.Time) {
	if !v.IsZero() {
		fmt.Fprintf(&w.b, "%s = %s\n", key, v.UTC().Format(time.RFC3339Nano))
	}
}

func (w *tomlWriter) strings(key string, vs []string) {
	if len(vs) == 0 {
		return
	}
	quoted := make([]string, len(vs))
	for i, v := range vs {
		quoted[i] = tomlString(v)
	}
	fmt.Fprintf(&w.b, "%s = [%s]\n", key, strings.Join(quoted, ", "))
}

func (w *tomlWriter) validity(c validityConfig) {
	w.time("at", c.At)
	w.integer("warning_seconds", c.WarningSeconds)
	w.integer("critical_seconds", c.CriticalSeconds)
}

func (w *tomlWriter) chain(c chainConfig) {
	w.str("trust", c.Trust)
	w.str("reason", c.Reason)
	w.boolean("incomplete", c.Incomplete)
	w.str("endpoint", c.Endpoint)
}

// tomlString quotes s as a TOML basic string. Certificate-derived text may hold anything, so every control
// character and invalid byte is escaped.
func tomlString(s string) string {
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
