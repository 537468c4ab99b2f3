package lint

import "testing"

func TestPhoneEdition443(t *testing.T) {
	zone := "sip.contoso.com. A 192.0.2.10\n"
	runPlaceCases(t, nameDNSPhoneEdition443, []placeCase{
		{name: "port 5061 is not this rule's", zone: zone, record: "sip.contoso.com", port: 5061, cert: certificate(t, "sip.contoso.com")},
		{name: "the name answers on 443", zone: zone, record: "sip.contoso.com", port: 443, cert: certificate(t, "sip.contoso.com"), want: 1,
			contains: []string{"Communicator Phone Edition also tries sip.contoso.com:443", "no SRV record answers", "which carries sip.contoso.com"}},
		{name: "another certificate on 443", zone: zone + srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061), record: "sip.contoso.com", port: 443,
			cert: certificate(t, "webpool01.contoso.com"), want: 1,
			contains: []string{"only when _sipinternaltls._tcp.contoso.com does not answer", "lacks sip.contoso.com"}},
	})
}
