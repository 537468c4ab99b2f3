// Package audit is the one pipeline that check and scan share: targets in (certificate files, TLS endpoints),
// each certificate fetched and linted in one goroutine, in parallel; then the deployment-level checks that need
// several targets (the members of a pool, an endpoint seen with and without SNI); out comes the report. It holds
// no user interface: the command line parses flags, and the report package renders.
package audit

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// SNIMode says how endpoints are probed: with the server name a client sends (fqdn), without one (none, as
// Communicator 2007 R2 on Windows XP and Server 2003 connects), or both, comparing the two certificates.
type SNIMode string

// The SNI modes.
const (
	SNIFQDN SNIMode = "fqdn"
	SNINone SNIMode = "none"
	SNIBoth SNIMode = "both"
)

// ParseSNIMode reads --sni.
func ParseSNIMode(s string) (SNIMode, error) {
	switch m := SNIMode(s); m {
	case SNIFQDN, SNINone, SNIBoth:
		return m, nil
	case "":
		return SNIFQDN, nil
	}
	return "", fmt.Errorf("unknown --sni %q: use fqdn, none or both", s)
}

// Settings is what every target of a run is judged with.
type Settings struct {
	Runner                        *lint.Runner
	Trust                         *trust.Store // nil: chains are not checked
	At                            time.Time
	ExpiryWarning, ExpiryCritical time.Duration
	// Probe bounds each endpoint (its LegacyClients is turned on when a target's clients call for it);
	// Concurrency is how many endpoints are probed at once (files: every core).
	Probe       probe.Options
	Concurrency int
	SNI         SNIMode
	// PFXPassword opens PKCS#12 files; it appears in no message.
	PFXPassword string
	// Log receives a debug record per target; nil logs nothing.
	Log *slog.Logger
	// Done, when set, is called once per target finished, from the goroutine that finished it (a progress bar).
	Done func()

	// observed, when set (the DNS audit), turns the report target of endpoint target i into the report targets it
	// stands for, in the goroutine that probed it; nil keeps it as it is.
	observed func(i int, obs probe.Observation, tg report.Target) []report.Target
}

// Run judges every target and returns the report, finished: files are read and linted on every core, endpoints
// probed Concurrency at a time, each certificate linted in the goroutine that fetched it; then the deployment-level
// checks run once. When ctx is canceled, targets not yet checked are reported as not checked.
func Run(ctx context.Context, targets []policy.Target, s Settings) *report.Report {
	r := report.New(time.Now(), s.ExpiryWarning, s.ExpiryCritical)
	s.addResults(r, s.judgeAll(ctx, targets))
	r.Finish()
	return r
}

// result is what one target gave: one report target (or several, for a file with several server certificates),
// and what the deployment-level checks need of it, kept small.
type result struct {
	targets []report.Target
	// der is the certificate, for the rules that compare several (the parsed certificate is not kept); nil when
	// they do not need it.
	der []byte
	ctx policy.Context
}

// judgeAll judges every target: the files read and linted on every core, the endpoints probed Concurrency at a
// time, each certificate linted in the goroutine that fetched it. results[i] is what targets[i] gave. When a
// target's clients call for it, every endpoint is also asked what it offers the era's clients
// (probe.Options.LegacyClients).
func (s *Settings) judgeAll(ctx context.Context, targets []policy.Target) []result {
	results := make([]result, len(targets))
	var files, endpoints []int
	for i, t := range targets {
		if t.File != "" {
			files = append(files, i)
		} else {
			endpoints = append(endpoints, i)
		}
		if policy.NeedsLegacyHandshakes(t.Context.Clients) {
			s.Probe.LegacyClients = true
		}
	}
	s.checkFiles(ctx, targets, files, results)
	s.probeEndpoints(ctx, targets, endpoints, results)
	return results
}

// keep records what the deployment-level checks need of a target's certificate: for the servers of a deployment
// file, whose certificates they compare, and for the certificates judged with the others of their run
// (lint.NeedsOthers: the files of one check).
func (res *result) keep(t policy.Target, obs probe.Observation) {
	if obs.Err == nil && obs.Leaf != nil && t.Context.Role != "" && (t.Server != "" || lint.NeedsOthers(t.Context)) {
		res.der = obs.Leaf.Raw
	}
}

// checkFiles reads and lints the file targets on every core.
func (s *Settings) checkFiles(ctx context.Context, targets []policy.Target, idx []int, results []result) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(idx))) {
		wg.Go(func() {
			for i := range work {
				results[i] = s.checkFile(ctx, targets[i])
				s.done()
			}
		})
	}
	for _, i := range idx {
		work <- i
	}
	close(work)
	wg.Wait()
}

// checkFile judges every server certificate of a file: a file holding several is several targets, named
// "FILE#1", "FILE#2", ... in the order they are in the file.
func (s *Settings) checkFile(ctx context.Context, t policy.Target) result {
	if err := ctx.Err(); err != nil {
		tg := base(t)
		tg.File = t.File
		tg.Error = t.File + ": not checked: the run was interrupted"
		return result{targets: []report.Target{tg}}
	}
	start := time.Now()
	res := result{ctx: t.Context}
	for _, obs := range probe.LoadFileAll(t.File, s.PFXPassword) {
		tg := base(t)
		tg.File = t.File
		if obs.Count > 1 {
			tg.File = fmt.Sprintf("%s#%d", t.File, obs.Index)
		}
		if obs.Request != nil {
			s.judgeRequest(&tg, obs, t.Context)
		} else {
			s.judge(&tg, obs, t.Context, "")
		}
		res.targets = append(res.targets, tg)
		if obs.Count <= 1 {
			res.keep(t, obs) // a file of one server certificate is that server's certificate of its kind
		}
		s.log("checked", "file", tg.File, "error", tg.Error, "findings", len(tg.Findings), "lint_seconds", time.Since(start).Seconds())
	}
	return res
}

// probeEndpoints probes the endpoint targets and lints each certificate in the goroutine that fetched it.
func (s *Settings) probeEndpoints(ctx context.Context, targets []policy.Target, idx []int, results []result) {
	if len(idx) == 0 {
		return
	}
	endpoints := make([]probe.Endpoint, len(idx))
	for k, i := range idx {
		endpoints[k] = probe.Endpoint{Address: targets[i].Address, SNI: targets[i].SNI}
		if s.SNI == SNINone {
			endpoints[k].SNI = ""
		}
	}
	probe.ProbeAll(ctx, endpoints, s.Probe, s.Concurrency, func(k int, obs probe.Observation) {
		i := idx[k]
		t := targets[i]
		start := time.Now()
		tg := base(t)
		tg.Address = t.Address
		if obs.TLS != nil {
			tg.TLS = &report.TLS{Version: obs.TLS.Version, Cipher: obs.TLS.Cipher, Stack: obs.TLS.Stack, SNI: obs.TLS.SNI,
				ClientCertRequested: obs.TLS.ClientCertRequested, HandshakeError: obs.TLS.HandshakeError}
		}
		s.judge(&tg, obs, t.Context, t.Endpoint)
		if s.SNI == SNIBoth && t.SNI != "" && obs.Err == nil {
			s.compareWithoutSNI(ctx, &tg, t, obs)
		}
		res := result{targets: s.reportTargets(i, obs, tg), ctx: t.Context}
		res.keep(t, obs)
		results[i] = res
		s.done()
		s.log("probed", "server", t.Server, "member", t.Member, "endpoint", t.Endpoint, "address", t.Address,
			"error", tg.Error, "findings", len(tg.Findings), "lint_seconds", time.Since(start).Seconds())
	})
}

// compareWithoutSNI probes the endpoint again without a server name and adds the finding when it presents another
// certificate.
func (s *Settings) compareWithoutSNI(ctx context.Context, tg *report.Target, t policy.Target, withSNI probe.Observation) {
	without := probe.Probe(ctx, probe.Endpoint{Address: t.Address}, s.Probe)
	cmp := &lint.SNIComparison{Name: t.SNI, WithSNI: withSNI.Leaf, WithoutSNI: without.Leaf}
	if without.Err != nil {
		cmp.WithoutErr = without.Err.Error()
	}
	for _, f := range s.Runner.SNIFindings(t.Context, t.Endpoint, cmp) {
		tg.Findings = append(tg.Findings, report.Finding{Finding: f})
	}
	report.SortFindings(tg.Findings)
}

// base is the report target of a policy target, before anything is known of its certificate.
func base(t policy.Target) report.Target {
	tg := report.Target{Server: t.Server, Member: t.Member, Endpoint: t.Endpoint, Role: string(t.Context.Role)}
	if t.Context.Role != "" {
		tg.Product = t.Context.Profile().ID
		tg.Kind = t.Context.Certificate
		if tg.Kind == "" {
			if spec, ok := t.Context.CertificateSpec(); ok {
				tg.Kind = spec.Kind
			}
		}
	}
	return tg
}

// judge lints the certificate of obs for the target and fills in the target's certificate and findings.
func (s *Settings) judge(tg *report.Target, obs probe.Observation, ctx policy.Context, endpoint string) {
	if obs.Err != nil {
		tg.Error = obs.Err.Error()
		return
	}
	tg.Certificate = report.Describe(obs.Leaf, len(obs.Chain)+1, s.At)
	findings, err := s.Runner.Lint(lint.Input{
		Leaf: obs.Leaf, Chain: obs.Chain, Context: ctx, Endpoint: endpoint, TLS: obs.TLS, PFX: obs.PFX, At: s.At,
		ExpiryWarning: s.ExpiryWarning, ExpiryCritical: s.ExpiryCritical, Trust: s.Trust,
	})
	if err != nil {
		tg.Error = fmt.Sprintf("%s: %v", obs.Source, err)
		return
	}
	tg.Findings = report.FindingsOf(findings)
}

// judgeRequest lints the certificate request of obs (a CSR or certreq INF file) for the target.
func (s *Settings) judgeRequest(tg *report.Target, obs probe.Observation, ctx policy.Context) {
	tg.Request = report.DescribeRequest(obs.Request)
	findings, err := s.Runner.LintRequest(lint.RequestInput{Request: obs.Request, Context: ctx})
	if err != nil {
		tg.Error = fmt.Sprintf("%s: %v", obs.Source, err)
		return
	}
	tg.Findings = report.FindingsOf(findings)
}

// reportTargets is what an endpoint target gives the report: itself, or what the DNS audit makes of it.
func (s *Settings) reportTargets(i int, obs probe.Observation, tg report.Target) []report.Target {
	if s.observed == nil {
		return []report.Target{tg}
	}
	return s.observed(i, obs, tg)
}

func (s *Settings) done() {
	if s.Done != nil {
		s.Done()
	}
}

func (s *Settings) log(msg string, args ...any) {
	if s.Log != nil {
		s.Log.Debug(msg, args...)
	}
}
