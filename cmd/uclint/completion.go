package main

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// Shell completion (cobra's 'uclint completion bash|zsh|fish|powershell') completes the values of --role,
// --product, --format, --server (from the deployment file given with --config), --source and the rule IDs of
// 'uclint explain'.

type completionFunc = func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// fixedCompletion completes one of the values given.
func fixedCompletion(values ...string) completionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFormats completes --format with the report formats.
func completeFormats(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return report.Formats(), cobra.ShellCompDirectiveNoFileComp
}

// completeProducts completes --product, each with the product's name.
func completeProducts(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, p := range policy.Profiles() {
		out = append(out, p.ID+"\t"+p.Name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRoles completes --role with the roles of the --product given (default OCS 2007 R2).
func completeRoles(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	product, _ := c.Flags().GetString("product")
	p, err := policy.Product(product)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, r := range p.Roles {
		out = append(out, r.Name+"\t"+r.Label)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeServers completes --server with the servers of the deployment file given with --config.
func completeServers(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	config, _ := c.Flags().GetString("config")
	if config == "" {
		return cobra.AppendActiveHelp(nil, "give --config DEPLOYMENT.yaml first: its servers are the values of --server"), cobra.ShellCompDirectiveNoFileComp
	}
	d, err := policy.Load(config)
	if err != nil {
		return cobra.AppendActiveHelp(nil, err.Error()), cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, s := range d.Servers {
		out = append(out, s.Name+"\t"+string(s.Role)+" "+s.FQDN)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeSources completes --source and --zlint-sources with the lint sources zlint and uclint register.
func completeSources(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, s := range zlint.GlobalRegistry().Sources() {
		out = append(out, string(s))
	}
	sort.Strings(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRuleIDs completes the rule of 'uclint explain'.
func completeRuleIDs(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, name := range zlint.GlobalRegistry().Names() {
		if strings.HasPrefix(name, toComplete) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}
