package lint

import (
	"testing"

	"github.com/uclint/uclint/internal/dnstest"
)

func TestDNSAutoConfigWinner(t *testing.T) {
	runDNSCases(t, nameDNSAutoConfigWinner, []dnsCase{
		{name: "nothing answers", zone: "www.contoso.com. A 192.0.2.80\n"},
		{name: "both clients use _sipinternaltls", zone: srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061), want: 1,
			contains: []string{"Office Communicator 2007 R2 signs in through _sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061", "Communicator Phone Edition the same"}},
		{name: "TCP ranks above _sip._tls for Communicator, below for the phone", want: 1,
			zone: srvZone("_sipinternal._tcp", "pool01.contoso.com", 5060) + "_sip._tls.contoso.com. SRV 0 0 443 sip.contoso.com.\nsip.contoso.com. A 198.51.100.5\n",
			contains: []string{"Office Communicator 2007 R2 signs in through _sipinternal._tcp.contoso.com → pool01.contoso.com:5060 over TCP",
				"Communicator Phone Edition signs in through _sip._tls.contoso.com → sip.contoso.com:443", "the two differ"}},
		{name: "fallback name", zone: "sipinternal.contoso.com. A 192.0.2.10\nsip.contoso.com. A 192.0.2.10\n", want: 1,
			contains: []string{"the fallback name sipinternal.contoso.com:5061", "disputed"}},
		{name: "target does not resolve", zone: "_sipinternaltls._tcp.contoso.com. SRV 0 0 5061 pool09.contoso.com.\n", want: 1,
			contains: []string{"does not resolve"}},
		{name: "a higher-ranked lookup failed", want: 1,
			zone:     srvZone("_sipinternaltls._tcp", "pool01.contoso.com", 5061) + "_sip._tls.contoso.com. SRV 0 0 443 sip.contoso.com.\nsip.contoso.com. A 198.51.100.5\n",
			setup:    func(z *dnstest.Zone) { z.Misbehave("_sipinternaltls._tcp.contoso.com", dnstest.ServFail) },
			contains: []string{"_sip._tls.contoso.com → sip.contoso.com:443", "this may differ where DNS answers: the lookup of _sipinternaltls._tcp.contoso.com failed"}},
	})
}

// TestPlanAutoConfig checks the two clients' orders (F3, F5) on zones where they part.
func TestPlanAutoConfig(t *testing.T) {
	const tcp = "_sipinternal._tcp.contoso.com. SRV 0 0 5060 pool01.contoso.com.\npool01.contoso.com. A 192.0.2.10\n"
	const ext = "_sip._tls.contoso.com. SRV 0 0 443 access.contoso.com.\naccess.contoso.com. A 198.51.100.5\n"
	const tls = "_sipinternaltls._tcp.contoso.com. SRV 0 0 5061 pool01.contoso.com.\n"
	for _, tc := range []struct {
		name, zone          string
		communicator, phone string
		differ              bool
	}{
		{"TLS wins for both", tls + tcp + ext, "_sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061", "_sipinternaltls._tcp.contoso.com → pool01.contoso.com:5061", false},
		{"TCP and external", tcp + ext, "_sipinternal._tcp.contoso.com → pool01.contoso.com:5060 over TCP", "_sip._tls.contoso.com → access.contoso.com:443", true},
		{"TCP only", tcp, "_sipinternal._tcp.contoso.com → pool01.contoso.com:5060 over TCP", "_sipinternal._tcp.contoso.com → pool01.contoso.com:5060 over TCP", false},
		{"fallback sip. before sipexternal.", "sip.contoso.com. A 192.0.2.10\nsipexternal.contoso.com. A 198.51.100.5\n",
			"the fallback name sip.contoso.com:5061", "the fallback name sip.contoso.com:5061, then :443", false},
		{"nothing", "www.contoso.com. A 192.0.2.80\n", "<nil>", "<nil>", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obs := observe(t, tc.zone, nil, "contoso.com")
			plan := PlanAutoConfig(&obs[0])
			if got := choiceString(plan.Communicator); got != tc.communicator {
				t.Errorf("Communicator: %s, want %s", got, tc.communicator)
			}
			if got := choiceString(plan.PhoneEdition); got != tc.phone {
				t.Errorf("Phone Edition: %s, want %s", got, tc.phone)
			}
			if plan.Differ() != tc.differ {
				t.Errorf("differ %v", plan.Differ())
			}
		})
	}
}

func choiceString(c *Choice) string {
	if c == nil {
		return "<nil>"
	}
	return c.String()
}
