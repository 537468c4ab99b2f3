package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

const nameDNSSRVTargetNotStrictName = "n_ocs_dns_srv_target_not_strict_name"

func init() {
	registerDNSRule(nameDNSSRVTargetNotStrictName,
		"A TLS sign-in SRV record points at host.<SIP domain> (host is not sip) and the certificate there lacks sip.<SIP domain>: a client under strict DNS naming may refuse it (uncertain)",
		citeStrictNaming+"; "+citeSfBEnvironment+"; "+citeEdgeDNS,
		"add sip.<SIP domain> to the Subject Alternative Name of the pool certificate")
}

// checkSRVTargetNotStrictName: Microsoft's own examples point the record at pool01.<domain>, yet the strict-naming
// policy text accepts only <domain> and sip.<domain>; the later certificate tables resolve it by asking for
// sip.<domain> on the certificate. No source states Communicator 2007 R2's exact rule: a notice.
func checkSRVTargetNotStrictName(d *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if p.Service != probe.ServiceInternalTLS && p.Service != probe.ServiceExternalTLS {
		return nil
	}
	if depth, ok := depthBelow(p.Host, d.Domain); !ok || depth != 1 || policy.EqualFoldASCII(firstLabel(p.Host), "sip") {
		return nil
	}
	sip := "sip." + d.Domain
	if certCarries(c, sip) {
		return nil
	}
	f := dnsFinding(nameDNSSRVTargetNotStrictName, fmt.Sprintf(
		"%s points at %s and the certificate there (%s) lacks %s: the strict DNS naming policy text lets a client talk TLS only to %s or %s, while Microsoft's examples use a pool name; it is uncertain which rule Communicator 2007 R2 applies, and the Microsoft certificate tables settle it by putting %s on the certificate",
		p.Record, p.Address(), certNames(c), sip, d.Domain, sip, sip), fmt.Sprintf(
		"%s that also carries %s in the Subject Alternative Name and assign it on %s", wizardRequest, sip, p.Address()))
	return &f
}
