package lint

import (
	"fmt"
	"time"
)

// The configuration structs decode themselves (go-toml's Unmarshaler): a handful of typed reads instead of
// go-toml's reflection, which would cost more than the rules themselves on every certificate. Unknown keys are
// errors, so a misspelt key cannot silently switch a rule off.

// tomlFields reads typed values from a decoded TOML table, remembering the first error.
type tomlFields struct {
	m    map[string]interface{}
	seen int
	err  error
}

func newTOMLFields(v interface{}) *tomlFields {
	m, ok := v.(map[string]interface{})
	if !ok {
		return &tomlFields{err: fmt.Errorf("want a table, got %T", v)}
	}
	return &tomlFields{m: m}
}

func (f *tomlFields) get(key string) (interface{}, bool) {
	v, ok := f.m[key]
	if ok {
		f.seen++
	}
	return v, ok
}

func (f *tomlFields) fail(key string, v interface{}, want string) {
	if f.err == nil {
		f.err = fmt.Errorf("%s: want %s, got %T", key, want, v)
	}
}

func (f *tomlFields) str(key string, dst *string) {
	if v, ok := f.get(key); ok {
		if s, ok := v.(string); ok {
			*dst = s
		} else {
			f.fail(key, v, "a string")
		}
	}
}

func (f *tomlFields) boolean(key string, dst *bool) {
	if v, ok := f.get(key); ok {
		if b, ok := v.(bool); ok {
			*dst = b
		} else {
			f.fail(key, v, "true or false")
		}
	}
}

func (f *tomlFields) integer(key string, dst *int64) {
	if v, ok := f.get(key); ok {
		if n, ok := v.(int64); ok {
			*dst = n
		} else {
			f.fail(key, v, "an integer")
		}
	}
}

func (f *tomlFields) time(key string, dst *time.Time) {
	if v, ok := f.get(key); ok {
		if t, ok := v.(time.Time); ok {
			*dst = t
		} else {
			f.fail(key, v, "a date-time")
		}
	}
}

func (f *tomlFields) strings(key string, dst *[]string) {
	v, ok := f.get(key)
	if !ok {
		return
	}
	list, ok := v.([]interface{})
	if !ok {
		f.fail(key, v, "a list of strings")
		return
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			f.fail(key, item, "a string")
			return
		}
		out = append(out, s)
	}
	*dst = out
}

// done returns the first error, or an error naming the keys nobody read.
func (f *tomlFields) done() error {
	if f.err == nil && f.seen != len(f.m) {
		return fmt.Errorf("unknown keys in %v", f.m)
	}
	return f.err
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *nameConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.str("role", &c.Role)
	f.str("fqdn", &c.FQDN)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *sipDomainConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.str("role", &c.Role)
	f.strings("sip_domains", &c.SIPDomains)
	f.boolean("auto_config", &c.AutoConfig)
	f.boolean("client_logon", &c.ClientLogon)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *webConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.str("role", &c.Role)
	f.str("fqdn", &c.FQDN)
	f.str("web_farm", &c.WebFarm)
	f.str("endpoint", &c.Endpoint)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *validityConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.time("at", &c.At)
	f.integer("warning_seconds", &c.WarningSeconds)
	f.integer("critical_seconds", &c.CriticalSeconds)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *atConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.time("at", &c.At)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *chainConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.str("trust", &c.Trust)
	f.str("reason", &c.Reason)
	f.boolean("incomplete", &c.Incomplete)
	return f.done()
}

// UnmarshalTOML implements go-toml's Unmarshaler.
func (c *poolConfig) UnmarshalTOML(v interface{}) error {
	f := newTOMLFields(v)
	f.str("pool", &c.Pool)
	f.strings("members", &c.Members)
	return f.done()
}
