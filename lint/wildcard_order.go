package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// wildcard_order: a wildcard SAN entry that comes before the server's FQDN. Lync Server 2010's wildcard page says
// unified communications devices (desk phones) rely on strong name matching and fail to authenticate when the
// wildcard is presented first; later versions' pages only say to test devices, so profiles list this rule only
// where their page states it.
func init() {
	register("wildcard_order", func(r rule) zlint.CertificateLintInterface { return &wildcardOrder{rule: r} })
}

type wildcardOrder struct{ rule }

// positions returns the index in the SAN of the first wildcard and of the first entry naming the server (its CN,
// the role's FQDN or the member's own), -1 when there is none.
func (l *wildcardOrder) positions(c *x509.Certificate) (wildcard, fqdn int) {
	ctx := l.ctx()
	return sanOrder(c, subjectCN(c), ctx.FQDN, ctx.Member)
}

// sanOrder returns the index in the SAN of the first wildcard entry and of the first entry that is one of names
// (policy.SameName), -1 when there is none.
func sanOrder(c *x509.Certificate, names ...string) (wildcard, at int) {
	wildcard, at = -1, -1
	for i, n := range c.DNSNames {
		if wildcard < 0 && strings.Contains(n, "*") {
			wildcard = i
		}
		if at < 0 && slices.ContainsFunc(names, func(want string) bool { return policy.SameName(n, want) }) {
			at = i
		}
	}
	return wildcard, at
}

// CheckApplies to certificates with a wildcard and the server's FQDN in the SAN.
func (l *wildcardOrder) CheckApplies(c *x509.Certificate) bool {
	w, f := l.positions(c)
	return w >= 0 && f >= 0
}

// Execute compares their order.
func (l *wildcardOrder) Execute(c *x509.Certificate) *zlint.LintResult {
	w, f := l.positions(c)
	if w > f {
		return pass()
	}
	return l.result("the SAN lists the wildcard %q (entry %d) before %q (entry %d): unified communications devices fail to authenticate", c.DNSNames[w], w+1, c.DNSNames[f], f+1)
}

// Remediation asks for the FQDN first.
func (l *wildcardOrder) Remediation(c *x509.Certificate) string {
	_, f := l.positions(c)
	return fmt.Sprintf("%s whose Subject Alternative Name lists %s first and the wildcard after it", l.request(), c.DNSNames[f])
}
