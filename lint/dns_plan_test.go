package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/dnstest"
	"github.com/uclint/uclint/probe"
)

// TestPlaces lists where clients could go for a full zone: the TLS SRV targets (an unresolved one with why), each
// fallback name on 5061 and 443, and not _sipinternal._tcp (no TLS there).
func TestPlaces(t *testing.T) {
	zone := `
_sipinternaltls._tcp.contoso.com.   SRV 0 0 5061 pool01.contoso.com.
_sipinternaltls._tcp.contoso.com.   SRV 0 0 5061 POOL01.contoso.com.
_sipinternal._tcp.contoso.com.      SRV 0 0 5060 pool01.contoso.com.
_sip._tls.contoso.com.              SRV 0 0 443  sip.contoso.com.
_sipfederationtls._tcp.contoso.com. SRV 0 0 5061 access9.contoso.com.
pool01.contoso.com. A 192.0.2.10
sip.contoso.com.    A 198.51.100.5
`
	obs := observe(t, zone, nil, "contoso.com")
	places := Places(&obs[0])
	var got []string
	for _, p := range places {
		s := fmt.Sprintf("%s %v %v optional=%v", p.String(), p.Addresses, p.Clients, p.Optional)
		if p.Unresolved != nil {
			s += " unresolved"
		}
		got = append(got, s)
	}
	want := []string{
		"pool01.contoso.com:5061 (_sipinternaltls._tcp.contoso.com) [192.0.2.10] [Office Communicator 2007 R2 Communicator Phone Edition] optional=false",
		"sip.contoso.com:443 (_sip._tls.contoso.com) [198.51.100.5] [Office Communicator 2007 R2 Communicator Phone Edition] optional=false",
		"access9.contoso.com:5061 (_sipfederationtls._tcp.contoso.com) [] [federated partner] optional=false unresolved",
		"sip.contoso.com:5061 (fallback name) [198.51.100.5] [Office Communicator 2007 R2 Communicator Phone Edition] optional=true",
		"sip.contoso.com:443 (fallback name) [198.51.100.5] [Communicator Phone Edition] optional=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("places:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := places[2].Unresolved; !strings.Contains(err.Error(), "access9.contoso.com, which does not exist at DNS server 127.0.0.1:") {
		t.Errorf("unresolved: %v", err)
	}
	// Without SRV records the fallback names are where clients go: not optional on 5061.
	obs = observe(t, "sipinternal.contoso.com. A 192.0.2.10\n", nil, "contoso.com")
	places = Places(&obs[0])
	if len(places) != 2 || places[0].Optional || !places[1].Optional || places[1].Port != 443 {
		t.Errorf("fallback only: %+v", places)
	}
}

// TestDNSFindingsIncompleteLookups: when the resolver does not answer, no rule claims a record is missing, and
// the lookup errors say what went wrong.
func TestDNSFindingsIncompleteLookups(t *testing.T) {
	s, err := dnstest.Start(dnstest.NewZone())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"_sipinternaltls._tcp", "_sipinternal._tcp", "_sip._tls", "_sipfederationtls._tcp", "_sip._tcp", "sipinternal", "sip", "sipexternal"} {
		s.Zone().Misbehave(name+".contoso.com", dnstest.Silent)
	}
	defer func() { _ = s.Close() }()
	r, err := probe.NewResolver(probe.DNSOptions{Server: s.Addr(), Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	obs := r.LookupSIPDomains(t.Context(), []string{"contoso.com", "bad domain"})
	all := DNSFindings(DNSInput{Domains: obs, AutoConfig: true})
	if len(all[0].Findings) != 0 || len(all[1].Findings) != 0 {
		t.Fatalf("findings from lookups that failed: %+v", all)
	}
	if len(obs[0].Errors()) != 8 || obs[1].Err == nil {
		t.Fatalf("errors: %v / %v", obs[0].Errors(), obs[1].Err)
	}
	if len(Places(&obs[0])) != 0 {
		t.Errorf("places without answers: %v", Places(&obs[0]))
	}
}
