package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// severityOf reads a lint's severity from its ID prefix (zlint's naming convention).
func severityOf(id string) string {
	if s := lint.SeverityOfName(id); s != 0 {
		return s.String()
	}
	return "-"
}

func newLintsCommand() *cobra.Command {
	var format string
	var sources, products, extra []string
	c := &cobra.Command{
		Use:   "lints",
		Short: "List the rules that run: uclint's product rules first, then zlint's RFC lints",
		Example: "  uclint lints --product ocs2007r2\n" +
			"  uclint lints --source RFC5280 --format json\n" +
			"  uclint lints --zlint-sources CABF_BR --source CABF_BR",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			infos, err := listRules(extra, sources, products)
			if err != nil {
				return err
			}
			rows := make([][]string, len(infos))
			for k, i := range infos {
				rows[k] = []string{i.ID, i.Source, i.Severity, i.Description, i.Citation}
			}
			return writeList(c.OutOrStdout(), format, "lint list", infos,
				[]string{"ID", "SOURCE", "SEVERITY", "DESCRIPTION", "CITATION"}, rows, map[int]int{3: 60, 4: 50})
		},
	}
	c.Flags().StringVar(&format, "format", report.FormatTable, "output format: table or json")
	c.Flags().StringSliceVar(&sources, "source", nil, "list only the rules of these sources (repeatable or comma-separated), e.g. OCS2007R2, RFC5280")
	c.Flags().StringSliceVar(&products, "product", nil, "list only the rules of these products: "+policy.ProductIDs())
	c.Flags().StringSliceVar(&extra, "zlint-sources", nil, "more zlint lint sources to list, as check and scan take them")
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(report.FormatTable, report.FormatJSON))
	_ = c.RegisterFlagCompletionFunc("product", completeProducts)
	_ = c.RegisterFlagCompletionFunc("source", completeSources)
	_ = c.RegisterFlagCompletionFunc("zlint-sources", completeSources)
	return c
}

// writeList writes what lints and roles list in their --format: JSON (items), or a table (header and rows, the
// columns in widths wrapped at that width). what names the list in errors.
func writeList(w io.Writer, format, what string, items any, header []string, rows [][]string, widths map[int]int) error {
	switch format {
	case report.FormatJSON:
		return report.WriteJSON(w, items, what) //nolint:wrapcheck // its error names the list
	case report.FormatTable:
		if err := report.WriteTable(w, header, rows, widths); err != nil {
			return fmt.Errorf("write the %s: %w", what, err)
		}
		return nil
	}
	return usageError("unknown --format %q: use table or json", format)
}

// listRules lists the rules a run with the extra zlint sources runs, filtered by source and product: the
// products' rules first (by product, then ID), then zlint's (by source, then ID).
func listRules(extra, sources, products []string) ([]ruleInfo, error) {
	runner, err := newRunner(extra)
	if err != nil {
		return nil, err
	}
	registered := map[string]bool{}
	for _, s := range zlint.GlobalRegistry().Sources() {
		registered[strings.ToUpper(string(s))] = true
	}
	for i, s := range sources {
		sources[i] = strings.TrimSpace(s)
		if !registered[strings.ToUpper(sources[i])] {
			return nil, usageError("--source %q: no such source; 'uclint lints' shows the sources in its SOURCE column", s)
		}
	}
	for _, p := range products {
		if _, err := policy.Product(strings.TrimSpace(p)); err != nil || strings.TrimSpace(p) == "" {
			return nil, usageError("--product %q: use one of %s", p, policy.ProductIDs())
		}
	}
	var infos []ruleInfo
	for _, m := range runner.Lints() {
		l := zlint.GlobalRegistry().CertificateLints().ByName(m.Name)
		if l == nil {
			continue
		}
		info := describe(l)
		if len(sources) > 0 && !slices.ContainsFunc(sources, func(s string) bool { return strings.EqualFold(s, info.Source) }) {
			continue
		}
		if len(products) > 0 && !slices.ContainsFunc(products, func(p string) bool { return strings.TrimSpace(p) == info.Product }) {
			continue
		}
		infos = append(infos, info)
	}
	sort.SliceStable(infos, func(i, j int) bool {
		a, b := infos[i], infos[j]
		if (a.Product == "") != (b.Product == "") {
			return a.Product != "" // the products' rules first
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.ID < b.ID
	})
	return infos, nil
}
