package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// roleRow is one certificate of one role of one product, as 'uclint roles' lists it.
type roleRow struct {
	Product     string         `json:"product"`
	Role        string         `json:"role"`
	RoleLabel   string         `json:"role_label"`
	Pool        bool           `json:"pool"`
	Certificate string         `json:"certificate"`
	Label       string         `json:"certificate_label"`
	Endpoints   []roleEndpoint `json:"endpoints"`
	Options     []string       `json:"options"`
}

type roleEndpoint struct {
	Name string `json:"name"`
	Port int    `json:"port"`
}

func rolesCommand() *cobra.Command {
	var product, format string
	c := &cobra.Command{
		Use:   "roles",
		Short: "List the products, their roles, each role's certificates and the endpoints each is presented on",
		Example: "  uclint roles\n" +
			"  uclint roles --product ocs2007r2 --format json",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			profiles := policy.Profiles()
			if product != "" {
				p, err := policy.Product(product)
				if err != nil {
					return usageError("--product: %v", err)
				}
				profiles = []*policy.Profile{p}
			}
			var rows []roleRow
			for _, p := range profiles {
				for i := range p.Roles {
					r := &p.Roles[i]
					for _, cert := range r.Certificates {
						row := roleRow{Product: p.ID, Role: r.Name, RoleLabel: r.Label, Pool: r.Pool, Certificate: cert.Kind,
							Label: cert.Label, Endpoints: []roleEndpoint{}, Options: append([]string{}, r.Options...)}
						for _, e := range cert.Endpoints {
							row.Endpoints = append(row.Endpoints, roleEndpoint{Name: e.Name, Port: e.Port})
						}
						rows = append(rows, row)
					}
				}
			}
			table := make([][]string, len(rows))
			for i, r := range rows {
				var eps []string
				for _, e := range r.Endpoints {
					eps = append(eps, e.Name+" "+strconv.Itoa(e.Port))
				}
				if len(eps) == 0 {
					eps = []string{"- (checked from a file)"}
				}
				role := r.Role + " (" + r.RoleLabel + ")"
				if r.Pool {
					role += ", pool"
				}
				table[i] = []string{r.Product, role, r.Certificate + ": " + r.Label, strings.Join(eps, ", ")}
			}
			return writeList(c.OutOrStdout(), format, "roles", rows,
				[]string{"PRODUCT", "ROLE", "CERTIFICATE", "DEFAULT ENDPOINTS"}, table, map[int]int{1: 40, 2: 45})
		},
	}
	c.Flags().StringVar(&product, "product", "", "list only this product's roles: "+policy.ProductIDs())
	c.Flags().StringVar(&format, "format", report.FormatTable, "output format: table or json")
	_ = c.RegisterFlagCompletionFunc("product", completeProducts)
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(report.FormatTable, report.FormatJSON))
	return c
}
