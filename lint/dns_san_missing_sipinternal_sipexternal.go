package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/probe"
)

const nameSANMissingSipinternalSipexternal = "w_ocs_san_missing_sipinternal_sipexternal"

func init() {
	registerDNSRule(nameSANMissingSipinternalSipexternal,
		"sipinternal.<SIP domain> or sipexternal.<SIP domain> exists in DNS but is not in the SAN of the pool certificate at the _sipinternaltls._tcp target (documented for Lync/Skype for Business; applied to OCS 2007 R2 as a warning)",
		citeSfBEnvironment,
		"add the names to the pool certificate's Subject Alternative Name, or delete them from DNS")
}

// checkSANMissingSipinternalSipexternal judges the certificate of the pool designated for automatic sign-in
// (the _sipinternaltls._tcp target).
func checkSANMissingSipinternalSipexternal(d *probe.SIPDomainObservation, p *Place, c *x509.Certificate) *Finding {
	if p.Service != probe.ServiceInternalTLS {
		return nil
	}
	var missing []string
	for _, label := range []string{"sipinternal", "sipexternal"} {
		h := d.Host(label)
		if h != nil && h.Status == probe.Found && !certCarriesSAN(c, h.Name) {
			missing = append(missing, h.Name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	verb, pronoun := "exists", "it"
	if len(missing) > 1 {
		verb, pronoun = "exist", "them"
	}
	f := dnsFinding(nameSANMissingSipinternalSipexternal, fmt.Sprintf(
		"%s %s in DNS, but the certificate of the designated pool at %s (%s) lacks %s in its Subject Alternative Name: a client that falls back to that name and reaches the pool refuses it (Microsoft documents this for Lync and Skype for Business; for OCS 2007 R2 it is a precaution)",
		quoteList(missing), verb, p.Address(), certNames(c), pronoun), fmt.Sprintf(
		"%s that adds %s to the Subject Alternative Name, or delete those names from DNS", wizardRequest, plainList(missing)))
	return &f
}
