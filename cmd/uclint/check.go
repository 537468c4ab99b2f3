package main

import (
	"github.com/spf13/cobra"

	"github.com/uclint/uclint/audit"
	"github.com/uclint/uclint/policy"
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
			s, err := opts.resolve(a, true)
			if err != nil {
				return err
			}
			password, err := a.pfxPassword(passwordFile)
			if err != nil {
				return err
			}
			targets := make([]policy.Target, len(files))
			for i, f := range files {
				targets[i] = policy.Target{File: f, Context: s.context}
			}
			run := s.audit(a)
			run.PFXPassword = password
			r := audit.Run(c.Context(), targets, run)
			a.code, err = opts.out.emit(c.Context(), a.stdout, r, false, a.log)
			return err
		},
	}
	opts.addFlags(c)
	c.Flags().StringVar(&passwordFile, "password-file", "", "file holding the PFX password (default: the "+pfxPasswordEnv+" environment variable)")
	return c
}
