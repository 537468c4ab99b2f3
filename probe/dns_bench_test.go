package probe

import (
	"context"
	"fmt"
	"net"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/dnstest"
)

// TestLookupAgreesWithGoResolver compares uclint's answers with Go's own DNS client (net.Resolver, dialling only
// the loopback server) on the same zone.
func TestLookupAgreesWithGoResolver(t *testing.T) {
	s := dnstest.Serve(t, contosoZone+"_sipinternaltls._tcp.contoso.com. SRV 10 5 5061 pool02.contoso.com.\npool02.contoso.com. A 192.0.2.20\n")
	goResolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, s.Addr())
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	obs := newTestResolver(t, s.Addr(), 2*time.Second).LookupSIPDomain(ctx, "contoso.com")

	_, srvs, err := goResolver.LookupSRV(ctx, "", "", "_sipinternaltls._tcp.contoso.com.")
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, r := range srvs {
		want = append(want, fmt.Sprintf("%s:%d/%d/%d", strings.TrimSuffix(r.Target, "."), r.Port, r.Priority, r.Weight))
	}
	for _, r := range obs.Service(ServiceInternalTLS).Records {
		got = append(got, fmt.Sprintf("%s:%d/%d/%d", r.Target, r.Port, r.Priority, r.Weight))
	}
	sort.Strings(want)
	sort.Strings(got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("SRV: uclint %v, Go %v", got, want)
	}

	for _, name := range []string{"pool01.contoso.com", "sip.contoso.com"} {
		addrs, err := goResolver.LookupHost(ctx, name+".")
		if err != nil {
			t.Fatal(err)
		}
		h := hostOf(&obs, name)
		var mine []string
		for _, a := range h.Addresses {
			mine = append(mine, a.String())
		}
		sort.Strings(addrs)
		sort.Strings(mine)
		if fmt.Sprint(addrs) != fmt.Sprint(mine) {
			t.Errorf("%s: uclint %v, Go %v", name, mine, addrs)
		}
	}
	cname, err := goResolver.LookupCNAME(ctx, "sip.contoso.com.")
	if err != nil {
		t.Fatal(err)
	}
	if h := hostOf(&obs, "sip.contoso.com"); len(h.CNAMEs) == 0 || h.CNAMEs[len(h.CNAMEs)-1]+"." != cname {
		t.Errorf("canonical name: uclint %v, Go %s", h.CNAMEs, cname)
	}
}

// hostOf finds the lookup of a host among the SRV targets and fallback names.
func hostOf(obs *SIPDomainObservation, name string) HostLookup {
	for _, l := range obs.SRV {
		for _, r := range l.Records {
			if strings.EqualFold(r.Target, name) {
				return r.Resolved
			}
		}
	}
	for _, h := range obs.Hosts {
		if strings.EqualFold(h.Name, name) {
			return h
		}
	}
	return HostLookup{}
}

// BenchmarkLookup20Domains resolves a deployment of 20 SIP domains (every SRV record and fallback name, each
// SRV target) against the loopback DNS server, as uclint dns does.
func BenchmarkLookup20Domains(b *testing.B) {
	var zone strings.Builder
	domains := make([]string, 20)
	for i := range domains {
		d := fmt.Sprintf("sipdomain%02d.contoso.com", i)
		domains[i] = d
		fmt.Fprintf(&zone, "_sipinternaltls._tcp.%s. SRV 0 0 5061 pool01.contoso.com.\n", d)
		fmt.Fprintf(&zone, "_sip._tls.%s. SRV 0 0 443 sip.%s.\n_sipfederationtls._tcp.%s. SRV 0 0 5061 sip.%s.\n", d, d, d, d)
		fmt.Fprintf(&zone, "sip.%s. CNAME access.contoso.com.\nsipinternal.%s. A 192.0.2.10\n", d, d)
	}
	zone.WriteString("pool01.contoso.com. A 192.0.2.10\naccess.contoso.com. A 198.51.100.5\n")
	s := dnstest.Serve(b, zone.String())
	r := newTestResolver(b, s.Addr(), 2*time.Second)
	b.ResetTimer()
	for b.Loop() {
		for _, obs := range r.LookupSIPDomains(context.Background(), domains) {
			if errs := obs.Errors(); len(errs) > 0 {
				b.Fatal(errs)
			}
		}
	}
}
