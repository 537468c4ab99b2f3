package main

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/audit"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// dnsOptions are the flags of the DNS audit of automatic sign-in: uclint dns, and scan --dns.
type dnsOptions struct {
	enabled bool   // scan --dns
	server  string // --dns-server
	inScan  bool   // the flags belong to scan, where --dns turns the audit on
}

// addServerFlag adds --dns-server.
func (o *dnsOptions) addServerFlag(c *cobra.Command) {
	c.Flags().StringVar(&o.server, "dns-server", "", "the DNS server to ask, HOST[:PORT] (an internal DNS server: split-brain DNS is the norm); default: the system's")
}

// addScanFlags adds --dns and --dns-server to scan.
func (o *dnsOptions) addScanFlags(c *cobra.Command) {
	o.inScan = true
	c.Flags().BoolVar(&o.enabled, "dns", false, "also audit the DNS records clients follow to sign in automatically, for the deployment's SIP domains, and the certificate at every place they lead (see 'uclint dns --help')")
	o.addServerFlag(c)
}

// validate checks the DNS flags before anything is checked.
func (o *dnsOptions) validate() error {
	if o.inScan && !o.enabled && o.server != "" {
		return usageError("--dns-server needs --dns: scan audits DNS only when asked")
	}
	if o.server != "" {
		if _, err := probe.ParseDNSServer(o.server); err != nil {
			return usageError("--dns-server: %v", err)
		}
	}
	return nil
}

func (a *app) dnsCommand() *cobra.Command {
	var opts scanOptions
	c := &cobra.Command{
		Use:   "dns [SIPDOMAIN...] [--config deployment.yaml] [--dns-server HOST[:PORT]] [--auto-config]",
		Short: "Audit the DNS records clients follow to sign in automatically, and the certificate at every place they lead",
		Long: "uclint dns looks up, for each SIP domain, the SRV records _sipinternaltls._tcp, _sipinternal._tcp, _sip._tls,\n" +
			"_sipfederationtls._tcp and _sip._tcp and the fallback names sipinternal., sip. and sipexternal.; says where\n" +
			"Office Communicator 2007 R2 and Communicator Phone Edition would sign in; judges every record against the SIP\n" +
			"domain; then dials every place the records lead a client to and checks that the certificate there carries the\n" +
			"name the client looked up (and, where the deployment file says which server lives there, that server's role\n" +
			"rules). SIP domains come from the arguments, --sip-domain and the deployment file's sip_domains.",
		Example: "  uclint dns contoso.com fabrikam.com --dns-server 10.0.0.53 --auto-config\n" +
			"  uclint dns --config deployment.yaml --dns-server dc01.contoso.com\n" +
			"  uclint scan --config deployment.yaml --dns --dns-server 10.0.0.53",
		RunE: a.auditRunE(&opts, (*scanOptions).dnsAudit),
	}
	opts.addFlags(c)
	opts.addProbeFlags(c)
	opts.dns.addServerFlag(c)
	return c
}

// dnsAudit runs uclint dns: the SIP domains named (arguments and --sip-domain) and those of the deployment file
// are looked up, and the places their records lead to dialled; nothing else is scanned.
func (o *scanOptions) dnsAudit(ctx context.Context, args []string, a *app) (*report.Report, error) {
	sni, err := o.validateProbe()
	if err != nil {
		return nil, err
	}
	if len(o.servers) > 0 {
		return nil, usageError("--server does not apply to uclint dns: every server of the deployment file counts where DNS leads to it")
	}
	named, err := checkSIPDomains(append(append([]string(nil), args...), o.sipDomains...))
	if err != nil {
		return nil, err
	}
	autoConfig := o.autoConfig
	if o.config != "" {
		// With a deployment file, SIP domains named are looked up beside its own, and --auto-config adds to its
		// automatic_client_configuration: neither describes a server, so the file does not forbid them.
		o.sipDomains, o.autoConfig = nil, false
	}
	s, err := o.resolve(a, false)
	if err != nil {
		return nil, err
	}
	var servers []policy.Target
	if s.deployment == nil && s.context.Role != "" {
		// --role and --fqdn say which server lives at that FQDN: the places there get its role rules.
		servers = []policy.Target{{Server: s.context.FQDN, Context: s.context}}
	}
	d, err := o.buildDNS(s, named, autoConfig, servers,
		"dns needs a SIP domain: name one (uclint dns contoso.com), or give --config with sip_domains in the file (see 'uclint dns --help')")
	if err != nil {
		return nil, err
	}
	a.log.Info("dns audit started", "sip_domains", strings.Join(d.Domains, ", "), "dns_servers", strings.Join(d.Resolver.Servers(), ", "),
		"timeout_seconds", o.timeout.Seconds())
	return o.run(ctx, a, "dns audit", s, sni, nil, d), nil
}

// buildDNS is the DNS audit of the SIP domains named, with automatic client configuration as autoConfig says,
// where the servers given live; with a deployment file, of its sip_domains too, with its
// automatic_client_configuration, where every server of the file lives (even those --server leaves out). none is
// the usage error when there is no SIP domain to look up. The resolver asks --dns-server, or the system's DNS
// servers; each SIP domain's lookups, retries included, take at most --timeout, and --concurrency SIP domains are
// looked up at once (so that a DNS server that never answers costs one timeout for a deployment's SIP domains,
// not one per handful).
func (o *scanOptions) buildDNS(s *settings, named []string, autoConfig bool, servers []policy.Target, none string) (*audit.DNS, error) {
	d := &audit.DNS{Domains: named, AutoConfig: autoConfig, Servers: servers}
	if dep := s.deployment; dep != nil {
		d.Domains = policy.SIPDomains(append(slices.Clone(dep.SIPDomains), named...))
		d.AutoConfig = autoConfig || dep.AutoConfig
		d.Listed, d.ListedIn = dep.SIPDomains, dep.Path
		var err error
		if d.Servers, err = s.deploymentTargets(nil); err != nil {
			return nil, err
		}
	}
	if len(d.Domains) == 0 {
		return nil, usageError("%s", none)
	}
	r, err := probe.NewResolver(probe.DNSOptions{Server: o.dns.server, Timeout: o.timeout, Concurrency: o.concurrency})
	if err != nil {
		return nil, usageError("%v", err)
	}
	d.Resolver = r
	return d, nil
}
