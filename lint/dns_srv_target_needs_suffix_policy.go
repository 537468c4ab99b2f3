package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSSRVTargetNeedsSuffixPolicy = "w_ocs_dns_srv_target_needs_suffix_policy"

func init() {
	registerDNSRule(nameDNSSRVTargetNeedsSuffixPolicy,
		"A TLS sign-in SRV record points at a host more than one label below the SIP domain (x.sub.<domain>): it works only where DisableStrictDNSNaming is enabled",
		citeStrictNaming+"; "+citeSchertzCU7,
		"point the SRV record at a host directly under the SIP domain (sip.<SIP domain>), or enable the DisableStrictDNSNaming policy on every client")
}

// checkSRVTargetNeedsSuffixPolicy: strict DNS naming applies to automatic configuration over TLS only.
func checkSRVTargetNeedsSuffixPolicy(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	var out []Finding
	for _, svc := range []string{probe.ServiceInternalTLS, probe.ServiceExternalTLS} {
		l := d.Service(svc)
		deep := recordsWhere(l, func(r probe.SRVRecord) bool {
			depth, ok := depthBelow(r.Target, d.Domain)
			return ok && depth >= 2
		})
		if len(deep) == 0 {
			continue
		}
		out = append(out, dnsFinding(nameDNSSRVTargetNeedsSuffixPolicy, fmt.Sprintf(
			"%s points at %s, more than one label below %s: under strict DNS naming (the default) a client talks TLS only to %s or a server directly under it, so this works only where the DisableStrictDNSNaming policy is enabled; Lync Phone Edition from CU7 on enforces strict naming again",
			l.Name, targetList(deep), d.Domain, d.Domain), fmt.Sprintf(
			"point %s at sip.%s (an A record for the same address) with sip.%s on the certificate, or enable DisableStrictDNSNaming by group policy on every client",
			l.Name, d.Domain, d.Domain)))
	}
	return out
}
