package main

import (
	stdx509 "crypto/x509"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	zx509 "github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/audit"
	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// pfxPasswordEnv is the environment variable that holds the PFX password.
const pfxPasswordEnv = "UCLINT_PFX_PASSWORD" //nolint:gosec // the name of the variable, not a password

// options are the flags check and scan share.
type options struct {
	product, role, fqdn       string
	certificate, member       string
	webFarm                   string
	internalWeb, externalWeb  string
	meetURLs                  []string
	dialinURL, adminURL       string
	perimeter                 perimeterFlags
	sipDomains                []string
	autoConfig, clientLogon   bool
	noAutodiscover            bool
	config                    string
	servers                   []string
	caFiles                   []string
	noSystemRoots             bool
	at                        string
	expiryWarning, expiryCrit string
	zlintSources              []string
	clients                   []string
	out                       outputOptions
}

func (o *options) addFlags(c *cobra.Command) {
	o.addRoleFlags(c)
	f := c.Flags()
	f.StringArrayVar(&o.caFiles, "ca-file", nil, "PEM bundle of your Enterprise CA: self-signed certificates are trust anchors, the others intermediates (repeatable)")
	f.BoolVar(&o.noSystemRoots, "no-system-roots", false, "trust only --ca-file anchors, not the system roots")
	f.StringVar(&o.at, "at", "", "judge validity at this time (RFC 3339), default now")
	f.StringVar(&o.expiryWarning, "expiry-warning", "", "warn when a certificate expires within this long (30d, 720h; default 30d)")
	f.StringVar(&o.expiryCrit, "expiry-critical", "", "fail when a certificate expires within this long (default 7d)")
	f.StringSliceVar(&o.zlintSources, "zlint-sources", nil, "more zlint lint sources to run, e.g. CABF_BR for a certificate from a public CA")
	o.out.addFlags(c)
	_ = c.RegisterFlagCompletionFunc("zlint-sources", completeSources)
}

// addRoleFlags adds the flags that say which server and certificate the rules are for (check, scan, request).
func (o *options) addRoleFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.product, "product", "", "the product: "+policy.ProductIDs()+" (default "+policy.DefaultProduct+"; see 'uclint roles')")
	f.StringVar(&o.role, "role", "", "server role, e.g. "+roleNames(policy.DefaultProduct)+" (see 'uclint roles')")
	f.StringVar(&o.fqdn, "fqdn", "", "the server's FQDN; the pool FQDN for the pool roles")
	f.StringVar(&o.certificate, "certificate", "", "which of the role's certificates to judge, e.g. default, web (see 'uclint roles'; default: the role's first)")
	f.StringVar(&o.member, "member", "", "pools whose members each have their own certificate: the member server's FQDN")
	f.StringVar(&o.webFarm, "web-farm", "", "OCS 2007 R2 enterprise pool: the internal web farm FQDN or URL (https://webpool01.contoso.com/)")
	f.StringVar(&o.internalWeb, "internal-web", "", "Lync/SfB: the internal web services FQDN")
	f.StringVar(&o.externalWeb, "external-web", "", "Lync/SfB: the external web services FQDN")
	f.StringArrayVar(&o.meetURLs, "meet-url", nil, "Lync/SfB: a meet simple URL (repeat for each)")
	f.StringVar(&o.dialinURL, "dialin-url", "", "Lync/SfB: the dial-in simple URL")
	f.StringVar(&o.adminURL, "admin-url", "", "Lync/SfB: the admin simple URL")
	o.perimeter.addFlags(c)
	f.StringArrayVar(&o.sipDomains, "sip-domain", nil, "a SIP domain users sign in with (repeat for each)")
	f.BoolVar(&o.autoConfig, "auto-config", false, "automatic client configuration is on")
	f.BoolVar(&o.clientLogon, "client-logon", false, "Directors: all clients log on through this Director")
	f.BoolVar(&o.noAutodiscover, "no-autodiscover", false, "Lync/SfB: clients do not use automatic discovery, so the lyncdiscover names are not required")
	f.StringVar(&o.config, "config", "", "deployment file (YAML) describing the servers")
	f.StringArrayVar(&o.servers, "server", nil, "with --config: the server (by name) whose rules apply")
	f.StringSliceVar(&o.clients, "clients", nil, "the era's clients whose limits apply, comma-separated: "+policy.ClientIDs()+" (default: the deployment file's clients:)")
	_ = c.RegisterFlagCompletionFunc("role", completeRoles)
	_ = c.RegisterFlagCompletionFunc("product", completeProducts)
	_ = c.RegisterFlagCompletionFunc("server", completeServers)
}

// settings are the options resolved: what every target is judged with.
type settings struct {
	runner                  *lint.Runner
	trust                   *trust.Store
	at                      time.Time
	expiryWarning, critical time.Duration
	deployment              *policy.Deployment
	// context is the role's (or, with a deployment file and no server to judge for, none), with the clients
	// --clients gives, else the deployment file's clients:.
	context policy.Context
}

// resolve validates the options and builds the settings. Every error is a usage error.
func (o *options) resolve(a *app, needServer bool) (*settings, error) {
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
	if s.deployment, err = o.loadDeployment(); err != nil {
		return nil, err
	}
	if d := s.deployment; d != nil {
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
	if s.context.Clients, err = o.resolveClients(s.deployment); err != nil {
		return nil, err
	}
	if s.trust, err = o.loadTrust(caFiles, a); err != nil {
		return nil, err
	}
	if s.runner, err = newRunner(o.zlintSources); err != nil {
		return nil, err
	}
	return s, nil
}

// deploymentTargets expands the servers of the deployment file (every one for nil) into targets, judged for the
// clients --clients gives over the file's clients:.
func (s *settings) deploymentTargets(servers []string) ([]policy.Target, error) {
	targets, err := s.deployment.Targets(servers)
	if err != nil {
		return nil, usageError("%w", err)
	}
	for i := range targets {
		targets[i].Context.Clients = s.context.Clients
	}
	return targets, nil
}

// loadDeployment reads the deployment file --config names; nil without --config.
func (o *options) loadDeployment() (*policy.Deployment, error) {
	if o.config == "" {
		return nil, nil
	}
	d, err := policy.Load(o.config)
	if err != nil {
		return nil, usageError("%w", err)
	}
	return d, nil
}

// resolveClients reads --clients; without it, the deployment file's clients: apply.
func (o *options) resolveClients(d *policy.Deployment) ([]policy.Client, error) {
	if len(o.clients) > 0 {
		clients, err := policy.ParseClients(o.clients)
		if err != nil {
			return nil, usageError("--clients: %v", err)
		}
		return clients, nil
	}
	if d != nil {
		return d.Clients, nil
	}
	return nil, nil
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

// roleNames lists a product's roles for help texts.
func roleNames(product string) string {
	p, err := policy.Product(product)
	if err != nil {
		return ""
	}
	return p.RoleNames()
}

// roleFlag is one of the flags that describe the server, and the role option it gives ("" for the flags every
// role takes).
type roleFlag struct {
	name, option string
	set          bool
}

// roleFlagList is every flag that describes the server, and whether it was given.
func (o *options) roleFlagList() []roleFlag {
	return []roleFlag{
		{"--product", "", o.product != ""}, {"--role", "", o.role != ""}, {"--fqdn", "", o.fqdn != ""},
		{"--web-farm", policy.OptionWebFarm, o.webFarm != ""},
		{"--internal-web", policy.OptionInternalWeb, o.internalWeb != ""},
		{"--external-web", policy.OptionExternalWeb, o.externalWeb != ""},
		{"--meet-url", policy.OptionSimpleURLs, len(o.meetURLs) > 0},
		{"--dialin-url", policy.OptionSimpleURLs, o.dialinURL != ""},
		{"--admin-url", policy.OptionSimpleURLs, o.adminURL != ""},
		{"--sip-domain", "", len(o.sipDomains) > 0}, {"--auto-config", "", o.autoConfig},
		{"--client-logon", policy.OptionClientLogon, o.clientLogon}, {"--no-autodiscover", "", o.noAutodiscover},
		{"--access-edge", policy.OptionAccessEdge, o.perimeter.accessEdge != ""},
		{"--webconf-edge", policy.OptionWebConfEdge, o.perimeter.webConfEdge != ""},
		{"--cwa-url", policy.OptionCWAURL, o.perimeter.cwaURL != ""},
		{"--federation", policy.OptionFederation, o.perimeter.federation},
		{"--public-im", policy.OptionPublicIM, len(o.perimeter.publicIM) > 0},
		{"--anonymous-conferencing", policy.OptionAnonymous, o.perimeter.anonymous},
	}
}

// roleFlags lists the role flags given, for messages.
func (o *options) roleFlags() []string {
	var given []string
	for _, f := range o.roleFlagList() {
		if f.set {
			given = append(given, f.name)
		}
	}
	return given
}

// roleContext builds the role context from the flags, or from the --server of the deployment file.
func (o *options) roleContext(d *policy.Deployment, needServer bool) (policy.Context, error) {
	if d != nil {
		if given := o.roleFlags(); len(given) > 0 {
			return policy.Context{}, usageError("%s: with --config the deployment file describes the servers; give --server NAME instead, or leave out --config", strings.Join(given, ", "))
		}
		if !needServer {
			return policy.Context{}, nil
		}
		ctx, err := serverContext(d, o.servers)
		if err != nil {
			return ctx, err
		}
		return o.certificateAndMember(ctx)
	}
	product, err := policy.Product(o.product)
	if err != nil {
		return policy.Context{}, usageError("--product: %v", err)
	}
	sipDomains, err := checkSIPDomains(o.sipDomains)
	if err != nil {
		return policy.Context{}, err
	}
	if o.role == "" {
		if given := o.roleFlags(); len(given) > 0 && !onlyDomainFlags(given) {
			return policy.Context{}, usageError("%s need --role (%s)", strings.Join(given, ", "), product.RoleNames())
		}
		return policy.Context{Product: product, SIPDomains: sipDomains, AutoConfig: o.autoConfig}, nil
	}
	role, err := product.ParseRole(o.role)
	if err != nil {
		return policy.Context{}, usageError("--role: %v", err)
	}
	if o.fqdn == "" {
		return policy.Context{}, usageError("--role %s needs --fqdn: %s", role.Name, role.FQDNLabel)
	}
	if err := policy.CheckFQDNIn(o.fqdn, firstOf(sipDomains)); err != nil {
		return policy.Context{}, usageError("--fqdn: %v", err)
	}
	ctx := policy.Context{Product: product, Role: policy.Role(role.Name), FQDN: policy.NormalizeName(o.fqdn),
		SIPDomains: sipDomains, AutoConfig: o.autoConfig, ClientLogon: o.clientLogon, NoAutodiscover: o.noAutodiscover}
	for _, f := range o.roleFlagList() {
		if f.set && f.option != "" && !role.HasOption(f.option) {
			return policy.Context{}, usageError("%s does not apply to a %s %s; see 'uclint roles --product %s'", f.name, product.ID, role.Name, product.ID)
		}
	}
	hosts := []struct {
		flag, value string
		dst         *string
	}{
		{"--web-farm", o.webFarm, &ctx.WebFarm}, {"--internal-web", o.internalWeb, &ctx.InternalWeb},
		{"--external-web", o.externalWeb, &ctx.ExternalWeb}, {"--dialin-url", o.dialinURL, &ctx.SimpleURLs.Dialin},
		{"--admin-url", o.adminURL, &ctx.SimpleURLs.Admin},
	}
	for _, h := range hosts {
		if *h.dst, err = policy.HostOf(strings.TrimPrefix(h.flag, "--"), h.value); err != nil {
			return policy.Context{}, usageError("%s: %v", h.flag, err)
		}
	}
	for _, u := range o.meetURLs {
		host, err := policy.HostOf("meet URL", u)
		if err != nil {
			return policy.Context{}, usageError("--meet-url: %v", err)
		}
		ctx.SimpleURLs.Meet = append(ctx.SimpleURLs.Meet, host)
	}
	if ctx.Perimeter, err = o.perimeter.resolve(); err != nil {
		return policy.Context{}, err
	}
	for _, opt := range role.Required {
		if !slices.ContainsFunc(o.roleFlagList(), func(f roleFlag) bool { return f.set && f.option == opt }) {
			return policy.Context{}, usageError("--role %s needs %s", role.Name, flagOf(opt))
		}
	}
	return o.certificateAndMember(ctx)
}

// firstOf is the first of a list, or "".
func firstOf(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// onlyDomainFlags reports whether the role flags given are only those that need no role.
func onlyDomainFlags(given []string) bool {
	for _, g := range given {
		if g != "--sip-domain" && g != "--auto-config" && g != "--product" {
			return false
		}
	}
	return true
}

// checkSIPDomains validates and normalizes --sip-domain values; the same domain given twice counts once.
func checkSIPDomains(domains []string) ([]string, error) {
	for _, d := range domains {
		if msg := policy.SIPDomainProblem(d); msg != "" {
			return nil, usageError("--sip-domain: %s", msg)
		}
	}
	return policy.SIPDomains(domains), nil
}

// certificateAndMember applies --certificate and --member to a role context.
func (o *options) certificateAndMember(ctx policy.Context) (policy.Context, error) {
	role, ok := ctx.RoleSpec()
	if !ok {
		if o.certificate != "" || o.member != "" {
			return ctx, usageError("--certificate and --member need a role")
		}
		return ctx, nil
	}
	if o.certificate != "" {
		if _, ok := role.Certificate(o.certificate); !ok {
			return ctx, usageError("--certificate %q: a %s has %s", o.certificate, role.Name, strings.Join(role.CertificateKinds(), ", "))
		}
		ctx.Certificate = o.certificate
	}
	if o.member != "" {
		if !role.Pool {
			return ctx, usageError("--member applies to pool roles only; a %s is one server", role.Name)
		}
		if err := policy.CheckFQDNIn(o.member, ctx.Domain()); err != nil {
			return ctx, usageError("--member: %v", err)
		}
		ctx.Member = policy.NormalizeName(o.member)
	}
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

// loadTrust builds the trust store of the CA files and, unless --no-system-roots, the system roots of the run.
func (o *options) loadTrust(caFiles []string, a *app) (*trust.Store, error) {
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
		// Without system roots (an error reading them), chains are judged against --ca-file alone.
		system = a.roots()
	}
	return trust.NewStore(cas, system), nil
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

// pfxPassword reads the PFX password from --password-file or UCLINT_PFX_PASSWORD. The file may be saved as
// Notepad and PowerShell save files (UTF-8 with or without a BOM, UTF-16 with a BOM, CRLF); a trailing newline
// is not part of the password.
func (a *app) pfxPassword(passwordFile string) (string, error) {
	if passwordFile == "" {
		return a.getenv(pfxPasswordEnv), nil
	}
	password, err := probe.ReadPasswordFile(passwordFile)
	if err != nil {
		return "", usageError("--password-file: %v", err)
	}
	return password, nil
}

// audit is the audit pipeline's settings for the resolved options.
func (s *settings) audit(a *app) audit.Settings {
	return audit.Settings{Runner: s.runner, Trust: s.trust, At: s.at, ExpiryWarning: s.expiryWarning,
		ExpiryCritical: s.critical, Log: a.log}
}
