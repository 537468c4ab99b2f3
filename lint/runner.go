package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"
	_ "github.com/zmap/zlint/v3" // registers zlint's own lints, of every source
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
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
	// Context is what must hold for the certificate; the zero value lints without a role.
	Context policy.Context
	// Endpoint is the endpoint's name for a certificate seen on a live endpoint, "" for a file.
	Endpoint string
	// TLS describes the handshake that showed the certificate; nil for a file.
	TLS *probe.TLSInfo
	// PFX is the packaging of the PFX file the certificate came from; nil for other sources.
	PFX *probe.PFXInfo
	// At is when validity is judged.
	At time.Time
	// ExpiryWarning and ExpiryCritical are how long before expiry the expiring rules fire.
	ExpiryWarning, ExpiryCritical time.Duration
	// Trust is what the chain may end in (the --ca-file anchors and intermediates, the system roots); nil skips
	// the chain rules.
	Trust *trust.Store
}

// Runner lints certificates with one filtered registry, built once. It is safe for concurrent use; each
// certificate must be linted by one goroutine at a time (zcrypto caches parsed names in it without a lock).
type Runner struct {
	lints []*zlint.CertificateLint
	ours  []bool  // ours[i]: lints[i] is one of uclint's rules (a product's source), not zlint's
	scope []Scope // scope[i]: what lints[i] judges
	empty zlint.Configuration
}

// NewRunner builds the registry of uclint's rules (every product's) and the zlint lints of the given sources (nil:
// the defaults).
func NewRunner(zlintSources []zlint.LintSource) (*Runner, error) {
	if zlintSources == nil {
		zlintSources = DefaultZlintSources
	}
	registry, err := Registry(zlintSources)
	if err != nil {
		return nil, err
	}
	r := &Runner{lints: registry.CertificateLints().Lints(), empty: zlint.NewEmptyConfig()}
	sources := Sources()
	for _, l := range r.lints {
		ours := slices.Contains(sources, l.Source)
		r.ours = append(r.ours, ours)
		sc := ScopeCertificate
		if ours {
			sc = ScopeOf(l)
		}
		r.scope = append(r.scope, sc)
	}
	return r, nil
}

// Registry returns a registry filtered to uclint's rules plus the given zlint sources. It is a new registry, never
// the global one.
func Registry(zlintSources []zlint.LintSource) (zlint.Registry, error) {
	known := zlint.GlobalRegistry().Sources()
	sources := zlint.SourceList(Sources())
	for _, s := range zlintSources {
		if !slices.Contains(known, s) || isOurs(s) {
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

func sourceNames(list zlint.SourceList) string {
	names := make([]string, 0, len(list))
	for _, s := range list {
		if !isOurs(s) {
			names = append(names, string(s))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// inScope is the set of the names of the lints of one scope, of every product (lintTarget passes over the rules of
// other products).
func (r *Runner) inScope(sc Scope) map[string]bool {
	names := map[string]bool{}
	for i, l := range r.lints {
		if r.scope[i] == sc {
			names[l.Name] = true
		}
	}
	return names
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

// Lint runs every lint on in.Leaf with in's context: zlint's lints, and the rules of the target's product. It
// returns the findings, most severe first.
func (r *Runner) Lint(in Input) ([]Finding, error) {
	if in.Leaf == nil {
		return nil, fmt.Errorf("no certificate to lint")
	}
	return r.lintTarget(in.Leaf, newTarget(in), nil), nil
}

// newTarget is the target of an input: its context completed (the certificate presented on the endpoint when the
// context names none) and the chain verdict computed.
func newTarget(in Input) *Target {
	t := &Target{Context: in.Context, Endpoint: in.Endpoint, Chain: in.Chain, TLS: in.TLS, At: judgedAt(in.At),
		ExpiryWarning: in.ExpiryWarning, ExpiryCritical: in.ExpiryCritical, PFX: in.PFX}
	if t.Context.Certificate == "" && in.Endpoint != "" {
		t.Context.Certificate = t.Context.CertificateOn(in.Endpoint)
	}
	if in.Trust != nil {
		t.Trust = in.Trust.Check(in.Leaf, in.Chain, t.At)
	}
	return t
}

// lintTarget runs the lints on c for t: every lint, or only those named in only.
func (r *Runner) lintTarget(c *x509.Certificate, t *Target, only map[string]bool) []Finding {
	source := zlint.LintSource(t.Context.Profile().Source)
	var findings []Finding
	for i, l := range r.lints {
		switch {
		case only != nil && !only[l.Name]:
			continue
		case only == nil && (r.scope[i] == ScopeDeployment || r.scope[i] == ScopeDNS):
			continue // they judge several certificates, or DNS answers: their own passes run them
		case only == nil && (r.scope[i] == ScopeRequest || r.scope[i] == ScopePFX) && t.Request == nil && t.PFX == nil:
			continue // a rule on what a request or a PFX file says, and this is a certificate alone
		}
		var res *zlint.LintResult
		var fix string
		switch {
		case r.ours[i] && l.Source != source:
			continue // another product's rule
		case r.ours[i]:
			var inst zlint.CertificateLintInterface
			res, inst = runOurs(l, c, t)
			if SeverityOf(res.Status) != 0 {
				fix = remediationOf(inst, c)
			}
		default:
			res = lowered(l.Name, c, l.Execute(c, r.empty))
			if res != nil && SeverityOf(res.Status) != 0 {
				fix = zlintRemediation(l, t.Context.Profile())
			}
		}
		if res == nil || SeverityOf(res.Status) == 0 {
			continue
		}
		details := res.Details
		if details == "" {
			details = l.Description // zlint's own lints often say nothing more than their description
		}
		findings = append(findings, Finding{Lint: l.Name, Status: SeverityOf(res.Status), Details: details,
			Remediation: fix, Citation: l.Citation, Source: string(l.Source)})
	}
	SortFindings(findings)
	return findings
}

// runOurs runs one of uclint's lints on c with zlint's sequence (CheckApplies, CheckEffective, Execute), the target
// handed to a new instance first; a panic is a fatal result naming the rule, as zlint makes it.
func runOurs(l *zlint.CertificateLint, c *x509.Certificate, t *Target) (res *zlint.LintResult, inst zlint.CertificateLintInterface) {
	defer func() {
		if p := recover(); p != nil {
			res = &zlint.LintResult{Status: zlint.Fatal, Details: fmt.Sprintf("rule %s failed on this certificate (%v): please report it", l.Name, p)}
		}
	}()
	inst = l.Lint()
	if tg, ok := inst.(targeted); ok {
		tg.setTarget(t)
	}
	switch {
	case !inst.CheckApplies(c):
		return &zlint.LintResult{Status: zlint.NA}, inst
	case !l.CheckEffective(c):
		return &zlint.LintResult{Status: zlint.NE}, inst
	}
	res = inst.Execute(c)
	if res == nil {
		res = &zlint.LintResult{Status: zlint.Pass}
	}
	return res, inst
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
