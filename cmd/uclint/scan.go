package main

import (
	"context"
	"net"
	"time"

	"github.com/spf13/cobra"
	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// scanOptions are the flags of scan beyond the shared ones.
type scanOptions struct {
	options
	timeout     time.Duration
	concurrency int
}

func (a *app) scanCommand() *cobra.Command {
	var opts scanOptions
	c := &cobra.Command{
		Use:   "scan (--config deployment.yaml [--server NAME]... | HOST[:PORT]... --role ROLE --fqdn FQDN)",
		Short: "Audit the certificates a live deployment presents on its SIP (5061) and IIS (443) ports",
		Example: "  uclint scan --config deployment.yaml\n" +
			"  uclint scan --config deployment.yaml --server pool01\n" +
			"  uclint scan fe01.contoso.com:5061 --role enterprise-pool --fqdn pool01.contoso.com --ca-file contoso-root.pem",
		RunE: func(c *cobra.Command, args []string) error {
			r, err := opts.scan(c.Context(), args, a)
			if err != nil {
				return err
			}
			a.code, err = opts.out.emit(a.stdout, r, true, a.log)
			return err
		},
	}
	opts.addFlags(c)
	c.Flags().DurationVar(&opts.timeout, "timeout", 5*time.Second, "per endpoint: connect plus TLS handshake")
	c.Flags().IntVar(&opts.concurrency, "concurrency", 32, "endpoints probed at once")
	return c
}

// scan resolves the targets, probes them in parallel, lints each certificate in the goroutine that fetched it,
// then runs the deployment-level pool check.
func (o *scanOptions) scan(ctx context.Context, args []string, a *app) (*report.Report, error) {
	if o.timeout <= 0 {
		return nil, usageError("--timeout must be positive")
	}
	if o.concurrency < 1 {
		return nil, usageError("--concurrency must be at least 1")
	}
	s, err := o.resolve(false)
	if err != nil {
		return nil, err
	}
	targets, err := o.targets(s, args)
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	endpoints := make([]probe.Endpoint, len(targets))
	for i, t := range targets {
		endpoints[i] = probe.Endpoint{Address: t.Address, SNI: t.SNI}
	}
	results := make([]report.Target, len(targets))
	leaves := make([]*x509.Certificate, len(targets)) // for the pool comparison, which the report does not carry
	r := newReport(s)
	a.log.Info("scan started", "endpoints", len(endpoints), "concurrency", o.concurrency, "timeout_seconds", o.timeout.Seconds())
	bar := startProgress(a.stderr, len(endpoints))
	probe.ProbeAll(ctx, endpoints, probe.Options{Timeout: o.timeout}, o.concurrency, func(i int, obs probe.Observation) {
		start := time.Now()
		t := targets[i]
		tg := report.Target{Server: t.Server, Member: t.Member, Endpoint: t.Endpoint, Address: t.Address, Role: string(t.Context.Role)}
		if obs.TLS != nil {
			tg.TLS = &report.TLS{Version: obs.TLS.Version, Cipher: obs.TLS.Cipher, ClientCertRequested: obs.TLS.ClientCertRequested, HandshakeError: obs.TLS.HandshakeError}
		}
		s.judge(&tg, obs, t.Context, t.Endpoint)
		results[i] = tg
		if obs.Err == nil {
			leaves[i] = obs.Leaf
		}
		bar.step()
		a.log.Debug("probed", "server", t.Server, "member", t.Member, "endpoint", t.Endpoint, "address", t.Address,
			"error", tg.Error, "findings", len(tg.Findings), "lint_seconds", time.Since(start).Seconds())
	})
	bar.finish()
	addPoolFindings(s.runner, results, leaves, targets)
	r.Targets = results
	r.Finish()
	a.log.Info("scan finished", "targets", r.Summary.Targets, "pass", r.Summary.Pass, "warn", r.Summary.Warn,
		"fail", r.Summary.Fail, "error", r.Summary.Error, "duration_seconds", r.DurationSeconds)
	return r, nil
}

// targets expands the deployment file, or the addresses given on the command line, into targets.
func (o *scanOptions) targets(s *settings, args []string) ([]policy.Target, error) {
	if s.deployment != nil {
		if len(args) > 0 {
			return nil, usageError("give either --config or addresses, not both")
		}
		targets, err := s.deployment.Targets(o.servers)
		if err != nil {
			return nil, &exitError{code: report.ExitUsage, err: err}
		}
		return targets, nil
	}
	if len(args) == 0 {
		return nil, usageError("scan needs --config deployment.yaml or at least one HOST[:PORT] (see 'uclint scan --help')")
	}
	if len(o.servers) > 0 {
		return nil, usageError("--server needs --config")
	}
	var targets []policy.Target
	for _, a := range args {
		t, err := policy.AddressTarget(a, s.context, "")
		if err != nil {
			return nil, usageError("%v", err)
		}
		if t.Server == "" {
			t.Server = hostOf(t.Address)
		}
		targets = append(targets, t)
	}
	return targets, nil
}

func hostOf(address string) string {
	if h, _, err := net.SplitHostPort(address); err == nil {
		return h
	}
	return address
}

// addPoolFindings adds n_ocs_pool_members_differ to the members of pools whose members present different
// certificates. It runs once, after every target was linted; leaves[i] is the certificate results[i] presented.
func addPoolFindings(runner *lint.Runner, results []report.Target, leaves []*x509.Certificate, targets []policy.Target) {
	var members []lint.PoolMember
	var index []int
	for i, tg := range results {
		if tg.Member != "" && leaves[i] != nil {
			members = append(members, lint.PoolMember{Pool: tg.Server, Member: tg.Member, Endpoint: tg.Endpoint, Certificate: leaves[i], Context: targets[i].Context})
			index = append(index, i)
		}
	}
	findings := runner.PoolFindings(members)
	for k, f := range findings {
		tg := &results[index[k]]
		tg.Findings = append(tg.Findings, report.Finding{Finding: f})
		report.SortFindings(tg.Findings)
	}
}
