package lint

import (
	"fmt"
	"strings"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

const nameDNSSRVTargetIsCNAME = "w_ocs_dns_srv_target_is_cname"

func init() {
	registerDNSRule(nameDNSSRVTargetIsCNAME,
		"An SRV record's target is an alias (CNAME) rather than a host's A/AAAA record",
		citeSfBDNS+" (SRV records must point to a DNS A/AAAA record); RFC 2782 (the target must not be an alias), https://www.rfc-editor.org/rfc/rfc2782",
		"point the SRV record at the host's own A/AAAA record, or replace the alias with an A record")
}

// checkSRVTargetIsCNAME flags targets reached through aliases, for every SIP SRV record clients or partners use.
func checkSRVTargetIsCNAME(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	var out []Finding
	for _, svc := range []string{probe.ServiceInternalTLS, probe.ServiceInternalTCP, probe.ServiceExternalTLS, probe.ServiceFederation} {
		l := d.Service(svc)
		var aliases []string
		seen := map[string]bool{}
		for _, r := range usableRecords(l) {
			if len(r.Resolved.CNAMEs) > 0 && !seen[policy.NormalizeName(r.Target)] {
				seen[policy.NormalizeName(r.Target)] = true
				aliases = append(aliases, fmt.Sprintf("%s (→ %s)", r.Target, strings.Join(r.Resolved.CNAMEs, " → ")))
			}
		}
		if len(aliases) == 0 {
			continue
		}
		out = append(out, dnsFinding(nameDNSSRVTargetIsCNAME, fmt.Sprintf(
			"%s points at %s, an alias: SRV targets must be A/AAAA records; clients still expect the SRV target's name, not the alias's, on the certificate",
			l.Name, strings.Join(aliases, ", ")), fmt.Sprintf(
			"replace the alias with an A record for the server's address (the name stays, so the certificate needs no change), or point %s at the host's own name", l.Name)))
	}
	return out
}
