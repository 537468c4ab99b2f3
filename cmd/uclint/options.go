package main

import (
	stdx509 "crypto/x509"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	zx509 "github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// pfxPasswordEnv is the environment variable that holds the PFX password.
const pfxPasswordEnv = "UCLINT_PFX_PASSWORD" //nolint:gosec // the name of the variable, not a password

// options are the flags check and scan share.
type options struct {
	role, fqdn, webFarm       string
	sipDomains                []string
	autoConfig, clientLogon   bool
	config                    string
	servers                   []string
	caFiles                   []string
	noSystemRoots             bool
	at                        string
	expiryWarning, expiryCrit string
	zlintSources              []string
	out                       outputOptions
}

func (o *options) addFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.role, "role", "", "server role: "+policy.RoleNames())
	f.StringVar(&o.fqdn, "fqdn", "", "the Standard Edition server's or Director's FQDN; the pool FQDN for the pool roles")
	f.StringVar(&o.webFarm, "web-farm", "", "enterprise pool: the internal web farm FQDN or URL (https://webpool01.contoso.com/)")
	f.StringArrayVar(&o.sipDomains, "sip-domain", nil, "a SIP domain users sign in with (repeat for each)")
	f.BoolVar(&o.autoConfig, "auto-config", false, "automatic client configuration is on")
	f.BoolVar(&o.clientLogon, "client-logon", false, "Directors: all clients log on through this Director")
	f.StringVar(&o.config, "config", "", "deployment file (YAML) describing the servers")
	f.StringArrayVar(&o.servers, "server", nil, "with --config: the server (by name) whose rules apply")
	f.StringArrayVar(&o.caFiles, "ca-file", nil, "PEM bundle of your Enterprise CA: self-signed certificates are trust anchors, the others intermediates (repeatable)")
	f.BoolVar(&o.noSystemRoots, "no-system-roots", false, "trust only --ca-file anchors, not the system roots")
	f.StringVar(&o.at, "at", "", "judge validity at this time (RFC 3339), default now")
	f.StringVar(&o.expiryWarning, "expiry-warning", "", "warn when a certificate expires within this long (30d, 720h; default 30d)")
	f.StringVar(&o.expiryCrit, "expiry-critical", "", "fail when a certificate expires within this long (default 7d)")
	f.StringSliceVar(&o.zlintSources, "zlint-sources", nil, "more zlint lint sources to run, e.g. CABF_BR for a certificate from a public CA")
	o.out.addFlags(c)
}

// settings are the options resolved: what every target is judged with.
type settings struct {
	runner                  *lint.Runner
	trust                   *lint.Trust
	at                      time.Time
	expiryWarning, critical time.Duration
	deployment              *policy.Deployment
	context                 policy.Context
}

// resolve validates the options and builds the settings. Every error is a usage error.
func (o *options) resolve(needServer bool) (*settings, error) {
	s := &settings{}
	if _, err := o.out.validate(); err != nil {
		return nil, err
	}
	at, err := parseAt(o.at)
	if err != nil {
		return nil, err
	}
	s.at = at
	caFiles := o.caFiles
	warningDays, criticalDays := 30, 7
	if o.config != "" {
		d, err := policy.Load(o.config)
		if err != nil {
			return nil, &exitError{code: report.ExitUsage, err: err}
		}
		s.deployment = d
		caFiles = append(append([]string{}, d.CAFiles...), caFiles...)
		if d.ExpiryWarningDays > 0 {
			warningDays = d.ExpiryWarningDays
		}
		if d.ExpiryCriticalDays > 0 {
			criticalDays = d.ExpiryCriticalDays
		}
	}
	if s.expiryWarning, err = parseDays("--expiry-warning", o.expiryWarning, warningDays); err != nil {
		return nil, err
	}
	if s.critical, err = parseDays("--expiry-critical", o.expiryCrit, criticalDays); err != nil {
		return nil, err
	}
	if s.context, err = o.roleContext(s.deployment, needServer); err != nil {
		return nil, err
	}
	if s.trust, err = o.loadTrust(caFiles); err != nil {
		return nil, err
	}
	if s.runner, err = newRunner(o.zlintSources); err != nil {
		return nil, err
	}
	return s, nil
}

func newRunner(extra []string) (*lint.Runner, error) {
	sources := append([]zlint.LintSource{}, lint.DefaultZlintSources...)
	for _, name := range extra {
		sources = append(sources, zlint.LintSource(strings.TrimSpace(name)))
	}
	r, err := lint.NewRunner(sources)
	if err != nil {
		return nil, usageError("--zlint-sources: %v", err)
	}
	return r, nil
}

// roleContext builds the role context from the flags, or from the --server of the deployment file.
func (o *options) roleContext(d *policy.Deployment, needServer bool) (policy.Context, error) {
	if d != nil && needServer {
		if o.role != "" || o.fqdn != "" || o.webFarm != "" || len(o.sipDomains) > 0 {
			return policy.Context{}, usageError("give the role either with --config and --server or with --role/--fqdn/--web-farm/--sip-domain, not both")
		}
		return serverContext(d, o.servers)
	}
	if o.role == "" {
		if o.fqdn != "" || o.webFarm != "" || o.clientLogon {
			return policy.Context{}, usageError("--fqdn, --web-farm and --client-logon need --role (%s)", policy.RoleNames())
		}
		return policy.Context{SIPDomains: normalized(o.sipDomains), AutoConfig: o.autoConfig}, nil
	}
	role, err := policy.ParseRole(o.role)
	if err != nil {
		return policy.Context{}, usageError("--role: %v", err)
	}
	if o.fqdn == "" {
		return policy.Context{}, usageError("--role %s needs --fqdn: %s", role, role.FQDNLabel())
	}
	if err := policy.CheckFQDN(o.fqdn); err != nil {
		return policy.Context{}, usageError("--fqdn: %v", err)
	}
	ctx := policy.Context{Role: role, FQDN: policy.NormalizeName(o.fqdn), AutoConfig: o.autoConfig, ClientLogon: o.clientLogon}
	if o.webFarm != "" {
		if role != policy.EnterprisePool {
			return policy.Context{}, usageError("--web-farm applies to an enterprise-pool only")
		}
		if ctx.WebFarm, err = policy.WebFarmHost(o.webFarm); err != nil {
			return policy.Context{}, usageError("--web-farm: %v", err)
		}
	}
	if o.clientLogon && !role.IsDirector() {
		return policy.Context{}, usageError("--client-logon applies to a director or director-pool only")
	}
	for _, d := range o.sipDomains {
		if err := policy.CheckFQDN(d); err != nil {
			return policy.Context{}, usageError("--sip-domain: %v", err)
		}
	}
	ctx.SIPDomains = normalized(o.sipDomains)
	return ctx, nil
}

func serverContext(d *policy.Deployment, names []string) (policy.Context, error) {
	var known []string
	for _, s := range d.Servers {
		known = append(known, s.Name)
	}
	switch {
	case len(names) == 0 && len(d.Servers) == 1:
		return d.Context(d.Servers[0]), nil
	case len(names) != 1:
		return policy.Context{}, usageError("--config needs one --server NAME to say whose rules apply: %s describes %s", d.Path, strings.Join(known, ", "))
	}
	s, ok := d.Server(names[0])
	if !ok {
		return policy.Context{}, usageError("--server %q is not in %s: it describes %s", names[0], d.Path, strings.Join(known, ", "))
	}
	return d.Context(s), nil
}

func (o *options) loadTrust(caFiles []string) (*lint.Trust, error) {
	var cas []*zx509.Certificate
	for _, f := range caFiles {
		certs, err := probe.LoadCertificates(f)
		if err != nil {
			return nil, usageError("--ca-file: %v", err)
		}
		cas = append(cas, certs...)
	}
	var system *stdx509.CertPool
	if !o.noSystemRoots {
		// Without system roots (an error here), chains are judged against --ca-file alone.
		system, _ = stdx509.SystemCertPool()
	}
	return lint.NewTrust(cas, system), nil
}

// parseAt reads --at: RFC 3339, default now.
func parseAt(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usageError("--at %q is not an RFC 3339 time such as 2026-06-01T00:00:00Z", s)
	}
	return t, nil
}

// parseDays reads a duration given as days ("30d", "30") or as a Go duration ("720h").
func parseDays(flag, s string, defaultDays int) (time.Duration, error) {
	if s == "" {
		return time.Duration(defaultDays) * 24 * time.Hour, nil
	}
	days := strings.TrimSuffix(s, "d")
	if n, err := strconv.ParseFloat(days, 64); err == nil && n >= 0 {
		return time.Duration(n * float64(24*time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, usageError("%s %q: give days (30d) or a duration (720h)", flag, s)
	}
	return d, nil
}

// pfxPassword reads the PFX password from --password-file or UCLINT_PFX_PASSWORD. A trailing newline in the
// file is not part of the password.
func pfxPassword(passwordFile string) (string, error) {
	if passwordFile == "" {
		return os.Getenv(pfxPasswordEnv), nil
	}
	data, err := os.ReadFile(passwordFile)
	if err != nil {
		return "", usageError("--password-file: %v", err)
	}
	return strings.TrimRight(string(data), "\r\n"), nil
}

func normalized(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, policy.NormalizeName(n))
	}
	return out
}

// judge lints the certificate of obs for the target and fills in the target's certificate and findings.
func (s *settings) judge(tg *report.Target, obs probe.Observation, ctx policy.Context, endpoint string) {
	if obs.Err != nil {
		tg.Error = obs.Err.Error()
		return
	}
	tg.Certificate = report.Describe(obs.Leaf, len(obs.Chain)+1, s.at)
	findings, err := s.runner.Lint(lint.Input{
		Leaf: obs.Leaf, Chain: obs.Chain, Context: ctx, Endpoint: endpoint, At: s.at,
		ExpiryWarning: s.expiryWarning, ExpiryCritical: s.critical, Trust: s.trust,
	})
	if err != nil {
		tg.Error = fmt.Sprintf("%s: %v", obs.Source, err)
		return
	}
	tg.Findings = report.FindingsOf(findings)
}
