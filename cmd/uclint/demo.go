package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/fixtures/sim"
	"github.com/uclint/uclint/report"
)

func (a *app) demoCommand() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "demo",
		Short: "Scan a simulated Contoso deployment on 127.0.0.1 to see what uclint reports",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			out := c.OutOrStdout()
			d, err := sim.Start()
			if err != nil {
				return fmt.Errorf("start the simulated deployment: %w", err)
			}
			defer d.Close()
			dns, err := d.StartDNS()
			if err != nil {
				return fmt.Errorf("uclint demo: %w", err)
			}
			defer func() { _ = dns.Close() }()
			dir, err := os.MkdirTemp("", "uclint-demo-")
			if err != nil {
				return fmt.Errorf("create a folder for the demo deployment file: %w", err)
			}
			defer os.RemoveAll(dir)
			config, err := d.WriteDeployment(dir)
			if err != nil {
				return fmt.Errorf("uclint demo: %w", err)
			}
			if format == report.FormatTable {
				fmt.Fprintf(out, "Simulated Contoso deployment on 127.0.0.1: a Standard Edition server (se01), a two-member\n"+
					"Enterprise pool (pool01: fe02 still presents the old certificate, and its IIS site was never\n"+
					"given the OCS certificate), a Director (dir01) that speaks only TLS 1.0 with 3DES, an Edge\n"+
					"Server (edge01: federation is on, yet its external certificates come from the Enterprise CA,\n"+
					"and its A/V authentication certificate reuses the internal interface's key) and Communicator\n"+
					"Web Access (cwa01: its certificate lacks the as. and download. names); beside them a Lync\n"+
					"Server 2013 Front End pool (lyncpool01: Default certificates on 5061, Web internal on 443),\n"+
					"where lfe02 was given a copy of lfe01's Default certificate, OCS-style.\n\n")
			}
			if format == report.FormatTable {
				fmt.Fprintf(out, "Its DNS server (%s) leads contoso.com's clients to the pool, and fabrikam.com's, wrongly, to\n"+
					"pool01.contoso.com, outside fabrikam.com (the records carry the simulated servers' loopback ports).\n\n", dns.Addr())
			}
			opts := scanOptions{options: options{config: config, out: outputOptions{format: format, failOn: string(report.FailOnFail)}}, timeout: 5 * time.Second, concurrency: 32}
			opts.dns = dnsOptions{enabled: true, server: dns.Addr(), inScan: true} // scan --dns against the simulated DNS server
			r, err := opts.scan(c.Context(), nil, a)
			if err != nil {
				return err
			}
			if _, err := opts.out.emit(c.Context(), out, r, true, a.log); err != nil {
				return err
			}
			if format == report.FormatTable {
				fmt.Fprint(out, "\nTo scan your own deployment, describe it in a file like the one the demo used\n"+
					"(see the README, \"The deployment file\") and run:\n"+
					"  uclint scan --config deployment.yaml --ca-file your-enterprise-root.pem\n"+
					"and, to audit the DNS records clients follow to sign in (ask an internal DNS server):\n"+
					"  uclint dns --config deployment.yaml --dns-server 10.0.0.53\n"+
					"To check a certificate file before you install it:\n"+
					"  uclint check --role enterprise-pool --fqdn pool01.contoso.com --web-farm webpool01.contoso.com \\\n"+
					"    --sip-domain contoso.com --sip-domain fabrikam.com --auto-config pool01.pfx\n"+
					"  uclint check --product lync2013 --role frontend-pool --fqdn lyncpool01.contoso.com \\\n"+
					"    --member lfe02.contoso.com --sip-domain contoso.com --auto-config lfe02-default.pfx\n")
			}
			a.code = report.ExitOK // the demo ran; its findings are the point, not a failure
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", report.FormatTable, "output format: "+strings.Join(report.Formats(), ", "))
	return c
}
