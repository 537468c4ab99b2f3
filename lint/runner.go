package lint

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
	_ "github.com/zmap/zlint/v3" // registers zlint's own lints, of every source
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// DefaultZlintSources are the zlint sources that run beside uclint's rules unless told otherwise.
var DefaultZlintSources = []zlint.LintSource{zlint.RFC5280, zlint.RFC3279, zlint.RFC5480, zlint.RFC5891, zlint.RFC8813}

// Finding is one result of a rule that is not pass, NA or NE.
type Finding struct {
	Lint        string   `json:"lint"`
	Status      Severity `json:"status"`
	Details     string   `json:"details"`
	Remediation string   `json:"remediation"`
	Citation    string   `json:"citation"`
	Source      string   `json:"source"`
}

// Input is one certificate to lint, with what must hold for it.
type Input struct {
	Leaf  *x509.Certificate
	Chain []*x509.Certificate // the other certificates presented with it
	// Context is the role context of the server; the zero value lints without a role.
	Context policy.Context
	// Endpoint is "sip" or "web" for a certificate seen on a live endpoint, "" for a file.
	Endpoint string
	// At is when validity is judged.
	At time.Time
	// ExpiryWarning and ExpiryCritical are how long before expiry the expiring rules fire.
	ExpiryWarning, ExpiryCritical time.Duration
	// Trust is what the chain may end in; nil skips the chain rules.
	Trust *Trust
}

// Runner lints certificates with one filtered registry, built once. It is safe for concurrent use; each
// certificate must be linted by one goroutine at a time.
type Runner struct {
	lints   []*zlint.CertificateLint
	configs configCache
}

// NewRunner builds the registry of uclint's rules and the zlint lints of the given sources (nil: the defaults).
func NewRunner(zlintSources []zlint.LintSource) (*Runner, error) {
	if zlintSources == nil {
		zlintSources = DefaultZlintSources
	}
	registry, err := Registry(zlintSources)
	if err != nil {
		return nil, err
	}
	return &Runner{lints: registry.CertificateLints().Lints()}, nil
}

// Registry returns a registry filtered to uclint's rules plus the given zlint sources. It is a new registry, never
// the global one, so configuring it cannot affect anyone else.
func Registry(zlintSources []zlint.LintSource) (zlint.Registry, error) {
	known := zlint.GlobalRegistry().Sources()
	sources := zlint.SourceList{Source}
	for _, s := range zlintSources {
		if !containsSource(known, s) {
			return nil, fmt.Errorf("unknown zlint source %q: use one of %s", s, sourceNames(known))
		}
		sources = append(sources, s)
	}
	registry, err := zlint.GlobalRegistry().Filter(zlint.FilterOptions{IncludeSources: sources})
	if err != nil {
		return nil, fmt.Errorf("build the lint registry: %w", err)
	}
	return registry, nil
}

func containsSource(list zlint.SourceList, s zlint.LintSource) bool {
	for _, k := range list {
		if k == s {
			return true
		}
	}
	return false
}

func sourceNames(list zlint.SourceList) string {
	names := make([]string, 0, len(list))
	for _, s := range list {
		if s != Source {
			names = append(names, string(s))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Lints returns the metadata of every lint the runner runs, in name order.
func (r *Runner) Lints() []zlint.LintMetadata {
	out := make([]zlint.LintMetadata, 0, len(r.lints))
	for _, l := range r.lints {
		out = append(out, l.LintMetadata)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lint runs every lint on in.Leaf with in's context and returns the findings, most severe first.
func (r *Runner) Lint(in Input) ([]Finding, error) {
	if in.Leaf == nil {
		return nil, fmt.Errorf("no certificate to lint")
	}
	config, err := r.configs.get(configText(in))
	if err != nil {
		return nil, err
	}
	var findings []Finding
	for _, l := range r.lints {
		res := l.Execute(in.Leaf, config)
		if res == nil || SeverityOf(res.Status) == 0 {
			continue
		}
		details := res.Details
		if details == "" {
			details = l.Description // zlint's own lints often say nothing more than their description
		}
		findings = append(findings, Finding{
			Lint:        l.Name,
			Status:      SeverityOf(res.Status),
			Details:     details,
			Remediation: remediation(l, in.Leaf, config),
			Citation:    l.Citation,
			Source:      string(l.Source),
		})
	}
	SortFindings(findings)
	return findings, nil
}

// SortFindings orders findings most severe first, then by lint name.
func SortFindings(findings []Finding) {
	sort.SliceStable(findings, func(i, j int) bool {
		if findings[i].Status != findings[j].Status {
			return findings[i].Status > findings[j].Status
		}
		return findings[i].Lint < findings[j].Lint
	})
}

// configText writes the target's context as zlint configuration: a section for each of uclint's configurable
// rules that can apply, holding only what that rule reads. A rule without a section sees the zero configuration,
// under which it does not apply, so leaving out a section changes no result.
func configText(in Input) string {
	ctx := in.Context
	role := string(ctx.Role)
	var w tomlWriter
	if ctx.Role != "" && ctx.FQDN != "" {
		w.section(nameCNNotRoleFQDN)
		w.str("role", role)
		w.str("fqdn", ctx.FQDN)
	}
	if ctx.Role != "" && len(ctx.SIPDomains) >= 2 && ctx.AutoConfig {
		w.section(nameSANMissingSIPDomain)
		w.str("role", role)
		w.strings("sip_domains", ctx.SIPDomains)
		w.boolean("auto_config", ctx.AutoConfig)
		w.boolean("client_logon", ctx.ClientLogon)
	}
	if ctx.WebFarm != "" {
		w.section(nameSANMissingWebFarm)
		w.str("role", role)
		w.str("fqdn", ctx.FQDN)
		w.str("web_farm", ctx.WebFarm)
	}
	if in.Endpoint == policy.WebEndpoint && ctx.Role.HasWebComponents() {
		w.section(nameWebComponentsNameMismatch)
		w.str("role", role)
		w.str("fqdn", ctx.FQDN)
		w.str("web_farm", ctx.WebFarm)
		w.str("endpoint", in.Endpoint)
	}
	for _, name := range []string{nameExpired, nameNotYetValid} {
		w.section(name)
		w.time("at", in.At)
	}
	w.section(nameExpiringSoon)
	w.time("at", in.At)
	w.integer("warning_seconds", int64(in.ExpiryWarning/time.Second))
	w.integer("critical_seconds", int64(in.ExpiryCritical/time.Second))
	w.section(nameExpiringCritical)
	w.time("at", in.At)
	w.integer("critical_seconds", int64(in.ExpiryCritical/time.Second))
	if in.Trust != nil {
		chain := in.Trust.check(in.Leaf, in.Chain, in.At)
		w.section(nameChainUntrusted)
		w.str("trust", chain.Trust)
		if chain.Trust == trustUntrusted {
			w.str("reason", chain.Reason)
		}
		w.section(namePublicCA)
		w.str("trust", chain.Trust)
		if chain.Trust == trustSystem {
			w.str("reason", chain.Reason)
		}
		if in.Endpoint != "" {
			w.section(nameChainIncomplete)
			w.str("trust", chain.Trust)
			w.boolean("incomplete", chain.Incomplete)
		}
	}
	return w.b.String()
}

// configCache parses each distinct configuration text once per runner: the targets of one deployment share a
// handful of contexts.
type configCache struct {
	mu      sync.Mutex
	configs map[string]zlint.Configuration
}

const configCacheMax = 1024

func (c *configCache) get(text string) (zlint.Configuration, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cfg, ok := c.configs[text]; ok {
		return cfg, nil
	}
	cfg, err := zlint.NewConfigFromString(text)
	if err != nil {
		return zlint.Configuration{}, fmt.Errorf("build the lint configuration: %w", err)
	}
	if c.configs == nil || len(c.configs) >= configCacheMax {
		c.configs = make(map[string]zlint.Configuration)
	}
	c.configs[text] = cfg
	return cfg, nil
}
