package lint

import (
	"fmt"

	"github.com/uclint/uclint/probe"
)

const nameDNSSRVPortUnusual = "n_ocs_dns_srv_port_unusual"

func init() {
	registerDNSRule(nameDNSSRVPortUnusual,
		"An SRV record's port differs from the documented one: 5061 for _sipinternaltls._tcp and _sipfederationtls._tcp, 443 for _sip._tls",
		citeAutoSignInDNS+"; "+citeEdgeDNS2007+"; "+citeSfBDNS,
		"set the SRV record's port to the one the server listens on: 5061 for _sipinternaltls._tcp and _sipfederationtls._tcp, 443 for _sip._tls")
}

// checkSRVPortUnusual compares each record's port with the documented one.
func checkSRVPortUnusual(d *probe.SIPDomainObservation, _ *DNSInput) []Finding {
	var out []Finding
	for _, want := range []struct {
		service string
		port    uint16
	}{{probe.ServiceInternalTLS, portSIPTLS}, {probe.ServiceExternalTLS, portSIPHTTPS}, {probe.ServiceFederation, portSIPTLS}} {
		l := d.Service(want.service)
		odd := recordsWhere(l, func(r probe.SRVRecord) bool { return r.Port != want.port })
		if len(odd) == 0 {
			continue
		}
		out = append(out, dnsFinding(nameDNSSRVPortUnusual, fmt.Sprintf(
			"%s points at %s, not port %d as documented: clients follow the record, but firewalls, reverse proxies and federated partners usually expect %d",
			l.Name, targetList(odd), want.port, want.port), fmt.Sprintf(
			"if the server listens on %d, set the port of %s to %d; if the port is deliberate, make sure the firewalls allow it", want.port, l.Name, want.port)))
	}
	return out
}
