package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/probe"
)

const nameCertNameMismatchFallbackHost = "e_ocs_cert_name_mismatch_fallback_host"

func init() {
	registerDNSRule(nameCertNameMismatchFallbackHost,
		"A fallback name (sipinternal., sip., sipexternal.<SIP domain>) resolves, and the certificate presented there on 5061 lacks that name",
		citeClientQueries+"; "+citeSfBEnvironment,
		"add the fallback name to the Subject Alternative Name of the certificate of the server it resolves to, or delete the name from DNS")
}

// checkCertNameMismatchFallbackHost judges the SIP port (5061) of a fallback name; port 443 is reported by
// n_ocs_dns_phone_edition_443.
func checkCertNameMismatchFallbackHost(_ *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if !p.Fallback() || p.Port != portSIPTLS || certCarries(c, p.Host) {
		return nil
	}
	f := dnsFinding(nameCertNameMismatchFallbackHost, fmt.Sprintf(
		"%s resolves, and clients that find no SRV record sign in there; the certificate at %s carries %s, not %s, so they refuse the server",
		p.Host, p.Address(), certNames(c), p.Host), fmt.Sprintf(
		"%s with %s in the Subject Alternative Name and assign it on the server at %s, or delete %s from DNS if no client should use it",
		wizardRequest, p.Host, p.Address(), p.Host))
	return &f
}
