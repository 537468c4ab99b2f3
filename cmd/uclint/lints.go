package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/report"
)

// lintInfo is what 'uclint lints' says of each lint.
type lintInfo struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
	Citation    string `json:"citation"`
}

// severityOf reads a lint's severity from its ID prefix (zlint's naming convention).
func severityOf(id string) string {
	switch {
	case len(id) > 2 && id[:2] == "e_":
		return "error"
	case len(id) > 2 && id[:2] == "w_":
		return "warn"
	case len(id) > 2 && id[:2] == "n_":
		return "notice"
	}
	return "-"
}

func newLintsCommand() *cobra.Command {
	var format string
	var sources []string
	c := &cobra.Command{
		Use:   "lints",
		Short: "List the lints that run by default: uclint's OCS 2007 R2 rules and zlint's RFC lints",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			runner, err := newRunner(sources)
			if err != nil {
				return err
			}
			var infos []lintInfo
			for _, m := range runner.Lints() {
				infos = append(infos, lintInfo{ID: m.Name, Source: string(m.Source), Severity: severityOf(m.Name), Description: m.Description, Citation: m.Citation})
			}
			out := c.OutOrStdout()
			switch format {
			case report.FormatJSON:
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(infos)
			case report.FormatTable:
				rows := make([][]string, len(infos))
				for k, i := range infos {
					rows[k] = []string{i.ID, i.Source, i.Severity, i.Description, i.Citation}
				}
				if err := report.WriteTable(out, []string{"ID", "SOURCE", "SEVERITY", "DESCRIPTION", "CITATION"}, rows, map[int]int{3: 60, 4: 50}); err != nil {
					return fmt.Errorf("write the lint table: %w", err)
				}
				return nil
			}
			return usageError("unknown --format %q: use table or json", format)
		},
	}
	c.Flags().StringVar(&format, "format", report.FormatTable, "output format: table or json")
	c.Flags().StringSliceVar(&sources, "zlint-sources", nil, "more zlint lint sources to list")
	return c
}
