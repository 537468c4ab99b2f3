package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/probe"
)

const nameCertNameMismatchSRVTarget = "e_ocs_cert_name_mismatch_srv_target"

func init() {
	registerDNSRule(nameCertNameMismatchSRVTarget,
		"The certificate presented at an SRV record's target:port carries the target neither as Subject CN nor as SAN DNS name: clients that followed the record refuse it",
		citeResKitDNS+"; "+citeInsideOCSSubject,
		wizardRequest+" whose Subject Name or Subject Alternative Name holds the SRV record's target, and assign it on the server the record points at")
}

// checkCertNameMismatchSRVTarget: the name the client looked up (the SRV target) must be on the certificate.
func checkCertNameMismatchSRVTarget(_ *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if p.Fallback() || certCarries(c, p.Host) {
		return nil
	}
	f := dnsFinding(nameCertNameMismatchSRVTarget, fmt.Sprintf(
		"%s points clients at %s, but the certificate there carries %s, not %s: the client compares the name DNS gave it with the certificate and refuses the server",
		p.Record, p.Address(), certNames(c), p.Host), fmt.Sprintf(
		"%s with %s as Subject Name (or in the Subject Alternative Name) and assign it on %s, or point %s at a name the current certificate carries",
		wizardRequest, p.Host, p.Address(), p.Record))
	return &f
}
