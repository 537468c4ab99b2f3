package main

import (
	"github.com/spf13/cobra"

	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

func (a *app) checkCommand() *cobra.Command {
	var opts options
	var passwordFile string
	c := &cobra.Command{
		Use:   "check [flags] FILE...",
		Short: "Check certificate files (PEM, DER, PKCS#7, PFX) before you install them",
		Example: "  uclint check --role enterprise-pool --fqdn pool01.contoso.com --web-farm webpool01.contoso.com \\\n" +
			"    --sip-domain contoso.com --sip-domain fabrikam.com --auto-config --ca-file contoso-root.pem pool01.pfx\n" +
			"  uclint check --config deployment.yaml --server pool01 pool01.cer",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("check needs at least one certificate file (see 'uclint check --help')")
			}
			return nil
		},
		RunE: func(c *cobra.Command, files []string) error {
			s, err := opts.resolve(true)
			if err != nil {
				return err
			}
			password, err := pfxPassword(passwordFile)
			if err != nil {
				return err
			}
			r := newReport(s)
			for _, file := range files {
				tg := report.Target{File: file, Role: string(s.context.Role)}
				s.judge(&tg, probe.LoadFile(file, password), s.context, "")
				a.log.Debug("checked", "file", file, "error", tg.Error, "findings", len(tg.Findings))
				r.Targets = append(r.Targets, tg)
			}
			r.Finish()
			a.code, err = opts.out.emit(a.stdout, r, false, a.log)
			return err
		},
	}
	opts.addFlags(c)
	c.Flags().StringVar(&passwordFile, "password-file", "", "file holding the PFX password (default: the "+pfxPasswordEnv+" environment variable)")
	return c
}
