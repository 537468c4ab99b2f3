package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/probe"
)

const nameFederationSNNotSRVTarget = "w_ocs_federation_sn_not_srv_target"

func init() {
	registerDNSRule(nameFederationSNNotSRVTarget,
		"The Access Edge certificate at the _sipfederationtls._tcp target carries the target only in the SAN, not as Subject Name: public IM providers ignore the SAN",
		citeShudnowPIC+"; "+citeEdgeDNS,
		"request the Access Edge certificate with the federation SRV target (sip.<SIP domain>) as its Subject Name")
}

// checkFederationSNNotSRVTarget: the target is in the SAN but not the CN (when it is in neither,
// e_ocs_cert_name_mismatch_srv_target fires).
func checkFederationSNNotSRVTarget(_ *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if p.Service != probe.ServiceFederation || certCarriesCN(c, p.Host) || !certCarriesSAN(c, p.Host) {
		return nil
	}
	f := dnsFinding(nameFederationSNNotSRVTarget, fmt.Sprintf(
		"%s points partners at %s, whose certificate has %s: %s is in the Subject Alternative Name only, and public IM providers (AOL, Yahoo!, MSN) read the Subject Name alone, so they cannot federate",
		p.Record, p.Address(), certNames(c), p.Host), fmt.Sprintf(
		"request the Access Edge external certificate with %s as Subject Name (keep the other SIP domains in the SAN) and assign it on the Access Edge", p.Host))
	return &f
}
