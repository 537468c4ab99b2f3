package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSNoAutoConfigRecord = "e_ocs_dns_no_autoconfig_record"

func init() {
	registerDNSRule(nameDNSNoAutoConfigRecord,
		"With automatic client sign-in, a SIP domain answers none of _sipinternaltls._tcp, _sipinternal._tcp, _sip._tls, "+
			"sipinternal., sip., sipexternal.: Communicator cannot locate a server",
		citeClientQueries+"; "+citeAutoSignInDNS,
		"create the SRV record _sipinternaltls._tcp.<SIP domain> (port 5061) pointing at the pool or Standard Edition server designated for automatic sign-in, and that server's A record")
}

// checkNoAutoConfigRecord: every sign-in record and fallback name answered, and none exists. A lookup that
// failed leaves the question open: no finding (the failure is reported as a lookup error).
func checkNoAutoConfigRecord(d *probe.SIPDomainObservation, in *DNSInput) []Finding {
	if !in.AutoConfig {
		return nil
	}
	var asked []string
	for _, svc := range autoConfigServices() {
		l := d.Service(svc)
		if l == nil || l.Status == probe.Failed || len(usableRecords(l)) > 0 {
			return nil
		}
		asked = append(asked, l.Name)
	}
	for _, label := range probe.FallbackHosts() {
		h := d.Host(label)
		if h == nil || h.Status == probe.Failed || h.Status == probe.Found {
			return nil
		}
		asked = append(asked, h.Name)
	}
	return []Finding{dnsFinding(nameDNSNoAutoConfigRecord, fmt.Sprintf(
		"DNS server %s answers none of %s: Office Communicator finds no server for SIP domain %s, and users must enter the server name by hand",
		d.Servers, plainList(asked), d.Domain), fmt.Sprintf(
		"create the SRV record _sipinternaltls._tcp.%s (port 5061) pointing at the pool or Standard Edition server designated for automatic sign-in, with an A record for that name; check it with nslookup -type=srv _sipinternaltls._tcp.%s",
		d.Domain, d.Domain))}
}
