package main

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/audit"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// scanOptions are the flags of scan beyond the shared ones.
type scanOptions struct {
	options
	timeout     time.Duration
	concurrency int
	sni         string
	dns         dnsOptions
}

func (a *app) scanCommand() *cobra.Command {
	var opts scanOptions
	c := &cobra.Command{
		Use:   "scan (--config deployment.yaml [--server NAME]... | HOST[:PORT]... --role ROLE --fqdn FQDN)",
		Short: "Audit the certificates a live deployment presents on its SIP (5061) and IIS (443) ports",
		Example: "  uclint scan --config deployment.yaml\n" +
			"  uclint scan --config deployment.yaml --server pool01\n" +
			"  uclint scan fe01.contoso.com:5061 --role enterprise-pool --fqdn pool01.contoso.com --ca-file contoso-root.pem",
		RunE: a.auditRunE(&opts, (*scanOptions).scan),
	}
	opts.addFlags(c)
	opts.addProbeFlags(c)
	opts.dns.addScanFlags(c)
	return c
}

// auditRunE runs an audit of the options (scan, dns) and writes its report.
func (a *app) auditRunE(opts *scanOptions, run func(*scanOptions, context.Context, []string, *app) (*report.Report, error)) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		r, err := run(opts, c.Context(), args, a)
		if err != nil {
			return err
		}
		a.code, err = opts.out.emit(c.Context(), a.stdout, r, true, a.log)
		return err
	}
}

// addProbeFlags adds the flags that bound probing, shared by scan and dns.
func (o *scanOptions) addProbeFlags(c *cobra.Command) {
	c.Flags().DurationVar(&o.timeout, "timeout", 5*time.Second, "per endpoint: connect plus TLS handshake (and per SIP domain: its DNS lookups, retries included)")
	c.Flags().IntVar(&o.concurrency, "concurrency", 32, "endpoints probed at once")
	c.Flags().StringVar(&o.sni, "sni", "fqdn", "server name sent: fqdn (the name a client uses), none (as Communicator on Windows XP/Server 2003), both (compare the two certificates)")
}

// validateProbe checks the flags that bound probing (scan, dns) before anything is checked, and reads --sni.
func (o *scanOptions) validateProbe() (audit.SNIMode, error) {
	if o.timeout <= 0 {
		return "", usageError("--timeout must be positive")
	}
	if o.concurrency < 1 {
		return "", usageError("--concurrency must be at least 1")
	}
	sni, err := audit.ParseSNIMode(o.sni)
	if err != nil {
		return "", usageError("%v", err)
	}
	return sni, o.dns.validate()
}

// scan resolves the targets and hands them to the audit pipeline.
func (o *scanOptions) scan(ctx context.Context, args []string, a *app) (*report.Report, error) {
	sni, err := o.validateProbe()
	if err != nil {
		return nil, err
	}
	s, err := o.resolve(a, false)
	if err != nil {
		return nil, err
	}
	targets, err := o.targets(s, args)
	if err != nil {
		return nil, err
	}
	var dns *audit.DNS
	if o.dns.enabled {
		dns, err = o.buildDNS(s, s.context.SIPDomains, s.context.AutoConfig, targets,
			"--dns needs the SIP domains to look up: sip_domains in the deployment file, or --sip-domain")
		if err != nil {
			return nil, err
		}
	}
	a.log.Info("scan started", "targets", len(targets), "concurrency", o.concurrency, "timeout_seconds", o.timeout.Seconds())
	return o.run(ctx, a, "scan", s, sni, targets, dns), nil
}

// run hands the targets, and the DNS audit when there is one, to the audit pipeline (with a progress bar on a
// terminal) and logs the outcome under what ("scan", "dns audit").
func (o *scanOptions) run(ctx context.Context, a *app, what string, s *settings, sni audit.SNIMode, targets []policy.Target, dns *audit.DNS) *report.Report {
	run := s.audit(a)
	run.Probe = probe.Options{Timeout: o.timeout}
	run.Concurrency, run.SNI = o.concurrency, sni
	bar := startProgress(a.stderr, len(targets))
	run.Done = func() { _ = bar.Add(1) } // the bar's errors are the terminal's: a scan goes on without it
	var r *report.Report
	if dns != nil {
		r = audit.RunDNS(ctx, targets, *dns, run)
	} else {
		r = audit.Run(ctx, targets, run)
	}
	_ = bar.Finish()
	a.log.Info(what+" finished", "targets", r.Summary.Targets, "pass", r.Summary.Pass, "warn", r.Summary.Warn,
		"fail", r.Summary.Fail, "error", r.Summary.Error, "duration_seconds", r.DurationSeconds)
	return r
}

// targets expands the deployment file, or the addresses given on the command line, into targets.
func (o *scanOptions) targets(s *settings, args []string) ([]policy.Target, error) {
	if s.deployment != nil {
		if len(args) > 0 {
			return nil, usageError("give either --config or addresses, not both")
		}
		return s.deploymentTargets(o.servers)
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
		targets = append(targets, t)
	}
	return targets, nil
}
