package lint

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

const nameDNSMultipleAutoConfigSRV = "w_ocs_dns_multiple_autoconfig_srv"

func init() {
	registerDNSRule(nameDNSMultipleAutoConfigSRV,
		"_sipinternaltls._tcp.<SIP domain> has more than one target, or the SIP domains' records lead to different pools: Microsoft says to designate one pool for automatic sign-in",
		citeAutoSignIn+"; "+citeAutoSignInDNS+"; "+citeLyncAutoSignIn,
		"keep one _sipinternaltls._tcp record per SIP domain, every one pointing at the pool designated for automatic sign-in")
}

// checkMultipleAutoConfigSRV looks for several targets in one SIP domain's _sipinternaltls._tcp record, and for
// SIP domains whose records lead to different pools (targets that share an address are one pool).
func checkMultipleAutoConfigSRV(d *probe.SIPDomainObservation, in *DNSInput) []Finding {
	records := usableRecords(d.Service(probe.ServiceInternalTLS))
	if len(records) == 0 {
		return nil
	}
	var problems []string
	if targets := distinctTargets(records); len(targets) > 1 {
		problems = append(problems, fmt.Sprintf("%s has %d targets (%s): clients pick among them at random by priority and weight, so they sign in to different servers",
			d.Service(probe.ServiceInternalTLS).Name, len(targets), targetList(records)))
	}
	if pools := autoConfigPools(in); len(pools) > 1 {
		problems = append(problems, fmt.Sprintf("the SIP domains' _sipinternaltls._tcp records lead to %d different pools: %s",
			len(pools), strings.Join(pools, "; ")))
	}
	if len(problems) == 0 {
		return nil
	}
	return []Finding{dnsFinding(nameDNSMultipleAutoConfigSRV, strings.Join(problems, "; and ")+
		": Microsoft says to create one SRV record for the one pool or Standard Edition server designated for automatic sign-in",
		fmt.Sprintf("make _sipinternaltls._tcp.%s a single record pointing at the designated pool, as for every other SIP domain", d.Domain))}
}

func distinctTargets(records []probe.SRVRecord) []string {
	var out []string
	for _, r := range records {
		if !containsName(out, r.Target) {
			out = append(out, r.Target)
		}
	}
	return out
}

// autoConfigPools groups the _sipinternaltls._tcp targets of every SIP domain into pools (targets with the same
// name or a shared address are one pool) and describes each pool when there are several with records from two
// SIP domains or more: "pool01.contoso.com (contoso.com)".
func autoConfigPools(in *DNSInput) []string {
	type node struct {
		domain, target string
		addrs          []netip.Addr
	}
	var nodes []node
	domainsWithRecords := 0
	for i := range in.Domains {
		records := usableRecords(in.Domains[i].Service(probe.ServiceInternalTLS))
		if len(records) > 0 {
			domainsWithRecords++
		}
		for _, r := range records {
			nodes = append(nodes, node{in.Domains[i].Domain, r.Target, r.Resolved.Addresses})
		}
	}
	if domainsWithRecords < 2 {
		return nil
	}
	parent := make([]int, len(nodes))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byKey := map[string]int{}
	link := func(key string, i int) {
		if j, ok := byKey[key]; ok {
			parent[find(i)] = find(j)
		} else {
			byKey[key] = i
		}
	}
	for i, n := range nodes {
		link("name:"+policy.NormalizeName(n.target), i)
		for _, a := range n.addrs {
			link("addr:"+a.String(), i)
		}
	}
	groups := map[int][]string{}
	for i, n := range nodes {
		root := find(i)
		entry := fmt.Sprintf("%s (%s)", n.target, n.domain)
		if !slices.Contains(groups[root], entry) {
			groups[root] = append(groups[root], entry)
		}
	}
	if len(groups) < 2 {
		return nil
	}
	var out []string
	for _, g := range groups {
		out = append(out, strings.Join(g, ", "))
	}
	sort.Strings(out)
	return out
}
