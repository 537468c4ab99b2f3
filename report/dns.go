package report

import "github.com/uclint/uclint/policy"

// DNS is what DNS answered, on a target of the DNS audit (uclint dns, scan --dns). A SIP domain's target
// (Endpoint "dns") holds every lookup and where each client would sign in; a place's target holds the records that
// lead clients there and the addresses DNS gave for its name.
type DNS struct {
	// Servers names the DNS servers asked, "10.0.0.1:53, 10.0.0.2:53".
	Servers string `json:"servers"`
	// Lookups are the queries asked for the SIP domain, in order: SRV records, then the fallback names.
	Lookups []DNSLookup `json:"lookups,omitempty"`
	// Communicator and PhoneEdition say where Office Communicator 2007 R2 and Communicator Phone Edition would
	// sign in for the SIP domain; "" when no record answers.
	Communicator string `json:"communicator,omitempty"`
	PhoneEdition string `json:"phone_edition,omitempty"`
	// Records are, for a place, the DNS records that lead clients there: SRV names, or the fallback name itself.
	Records []string `json:"records,omitempty"`
	// Clients are, for a place, the clients that may come there.
	Clients []string `json:"clients,omitempty"`
	// Addresses are, for a place, what DNS gave for its name; the first is dialled.
	Addresses []string `json:"addresses,omitempty"`
	// Optional is true for a place clients reach only when what they try first does not answer (a fallback name
	// while SRV records answer, port 443).
	Optional bool `json:"optional,omitempty"`
}

// DNSLookup is one DNS query of a SIP domain's audit.
type DNSLookup struct {
	Name   string `json:"name"`   // "_sipinternaltls._tcp.contoso.com", "sip.contoso.com"
	Type   string `json:"type"`   // "SRV" or "A/AAAA"
	Status string `json:"status"` // found, nxdomain, no-records or failed
	// Answers are the records found: "0 0 5061 pool01.contoso.com (192.0.2.10)" for SRV, addresses for A/AAAA.
	Answers []string `json:"answers,omitempty"`
	// CNAMEs are the aliases followed from Name, in order.
	CNAMEs []string `json:"cnames,omitempty"`
	// Error says why the lookup failed, naming the record and the DNS server.
	Error string `json:"error,omitempty"`
}

// hasDNS reports whether any target of the report comes from the DNS audit: the formats then name targets by
// their SIP domain and place too.
func (r *Report) hasDNS() bool {
	for i := range r.Targets {
		if r.Targets[i].SIPDomain != "" || r.Targets[i].Place != "" {
			return true
		}
	}
	return false
}

// sipDomainLabel names the SIP domain of a DNS audit target for a heading: "SIP domain contoso.com".
func sipDomainLabel(t *Target) string {
	if t.SIPDomain == "" {
		return ""
	}
	return "SIP domain " + t.SIPDomain
}

// dialled says where a target was reached, for a heading: "(10.0.0.11:5061)", or for a place
// "pool01.contoso.com:5061 (10.0.0.11:5061)".
func dialled(t *Target) string {
	if t.Place == "" {
		return "(" + t.Address + ")"
	}
	if t.Address == "" || policy.EqualFoldASCII(t.Address, t.Place) {
		return t.Place
	}
	return t.Place + " (" + t.Address + ")"
}
