package lint

import (
	"fmt"
	"strings"

	"github.com/uclint/uclint/probe"
)

const nameDNSAutoConfigWinner = "n_ocs_dns_autoconfig_winner"

func init() {
	registerDNSRule(nameDNSAutoConfigWinner,
		"Which record Office Communicator 2007 R2 and Communicator Phone Edition would sign in through, and whether they differ",
		citeClientQueries+"; "+citePhoneQueries,
		"make the record both clients use first (_sipinternaltls._tcp) point at the pool designated for automatic sign-in")
}

// checkAutoConfigWinner reports each client's pick whenever one exists.
func checkAutoConfigWinner(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	plan := PlanAutoConfig(d)
	if plan.Communicator == nil && plan.PhoneEdition == nil {
		return nil
	}
	var b strings.Builder
	describe := func(client Client, c *Choice) {
		fmt.Fprintf(&b, "%s signs in through ", client)
		if c == nil {
			b.WriteString("nothing (no record answers)")
			return
		}
		b.WriteString(c.String())
		if !c.Resolves {
			fmt.Fprintf(&b, ", whose target does not resolve: sign-in fails there, since the client tries no other SRV record")
		}
	}
	describe(Communicator2007R2, plan.Communicator)
	b.WriteString("; ")
	if plan.Differ() {
		describe(PhoneEdition, plan.PhoneEdition)
		b.WriteString(": the two differ, so phones and PCs may reach different servers")
	} else {
		fmt.Fprintf(&b, "%s the same", PhoneEdition)
	}
	if (plan.Communicator != nil && plan.Communicator.Fallback) || (plan.PhoneEdition != nil && plan.PhoneEdition.Fallback) {
		b.WriteString(" (the order in which clients try sipinternal., sip. and sipexternal. is disputed: uclint checks all three)")
	}
	if len(plan.Uncertain) > 0 {
		fmt.Fprintf(&b, "; this may differ where DNS answers: %s", strings.Join(plan.Uncertain, ", "))
	}
	remediation := "nothing to do if this is the pool designated for automatic sign-in"
	switch {
	case plan.Differ():
		remediation = fmt.Sprintf("create _sipinternaltls._tcp.%s (port 5061) at the designated pool: both clients use it first", d.Domain)
	case plan.Communicator != nil && plan.Communicator.Fallback:
		remediation = fmt.Sprintf("create _sipinternaltls._tcp.%s (port 5061) at the designated pool instead of relying on fallback names", d.Domain)
	case plan.Communicator != nil && !plan.Communicator.Resolves:
		remediation = fmt.Sprintf("create the A record of %s, or point the SRV record at a name that has one", plan.Communicator.Host)
	}
	return []Finding{dnsFinding(nameDNSAutoConfigWinner, b.String(), remediation)}
}
