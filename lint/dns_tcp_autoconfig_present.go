package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSTCPAutoConfigPresent = "n_ocs_dns_tcp_autoconfig_present"

func init() {
	registerDNSRule(nameDNSTCPAutoConfigPresent,
		"_sipinternal._tcp.<SIP domain> exists: clients are offered sign-in over TCP, without TLS",
		citeAutoSignInDNS+"; "+citeClientQueries,
		"remove _sipinternal._tcp.<SIP domain> unless the pool accepts TCP on purpose")
}

// checkTCPAutoConfigPresent reports an _sipinternal._tcp record that points at a host.
func checkTCPAutoConfigPresent(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	l := d.Service(probe.ServiceInternalTCP)
	records := usableRecords(l)
	if len(records) == 0 {
		return nil
	}
	return []Finding{dnsFinding(nameDNSTCPAutoConfigPresent, fmt.Sprintf(
		"%s points at %s: Communicator 2007 R2 ranks it above _sip._tls and signs in over TCP, unencrypted, when _sipinternaltls._tcp does not answer; Microsoft documents this record only for pools that allow TCP",
		l.Name, targetList(records)), fmt.Sprintf(
		"if the pool does not accept TCP connections on purpose, delete %s so that clients never try TCP", l.Name))}
}
