package policy

import (
	"errors"
	"slices"
	"testing"
)

// TestRequiredNames: the names a new certificate needs, per role, from the same name rules the checks judge.
func TestRequiredNames(t *testing.T) {
	domains := []string{"contoso.com", "fabrikam.com"}
	cases := []struct {
		name    string
		ctx     Context
		subject string
		san     []string
	}{
		{"Standard Edition", Context{Role: StandardEdition, FQDN: "se01.contoso.com", SIPDomains: domains, AutoConfig: true},
			"se01.contoso.com", []string{"se01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}},
		{"Standard Edition, one SIP domain", Context{Role: StandardEdition, FQDN: "se01.contoso.com", SIPDomains: domains[:1], AutoConfig: true},
			"se01.contoso.com", []string{"se01.contoso.com"}},
		{"Standard Edition, no automatic configuration", Context{Role: StandardEdition, FQDN: "se01.contoso.com", SIPDomains: domains},
			"se01.contoso.com", []string{"se01.contoso.com"}},
		{"Enterprise pool", Context{Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com", SIPDomains: domains, AutoConfig: true},
			"pool01.contoso.com", []string{"pool01.contoso.com", "sip.contoso.com", "sip.fabrikam.com", "webpool01.contoso.com"}},
		{"Enterprise pool, web farm = pool FQDN", Context{Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "POOL01.contoso.com."},
			"pool01.contoso.com", []string{"pool01.contoso.com"}},
		{"Enterprise pool, web certificate", Context{Role: EnterprisePool, Certificate: "web", FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com", SIPDomains: domains, AutoConfig: true},
			"pool01.contoso.com", []string{"pool01.contoso.com", "sip.contoso.com", "sip.fabrikam.com", "webpool01.contoso.com"}},
		{"Director with client logon", Context{Role: Director, FQDN: "dir01.contoso.com", SIPDomains: domains, AutoConfig: true, ClientLogon: true},
			"dir01.contoso.com", []string{"dir01.contoso.com", "sip.contoso.com", "sip.fabrikam.com"}},
		{"Director without client logon", Context{Role: Director, FQDN: "dir01.contoso.com", SIPDomains: domains, AutoConfig: true},
			"dir01.contoso.com", []string{"dir01.contoso.com"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.ctx.RequiredNames()
			if err != nil {
				t.Fatal(err)
			}
			if got.Subject != tc.subject || !slices.Equal(got.SAN, tc.san) {
				t.Fatalf("got %q %v, want %q %v", got.Subject, got.SAN, tc.subject, tc.san)
			}
		})
	}
	if _, err := (&Context{FQDN: "se01.contoso.com"}).RequiredNames(); !errors.Is(err, ErrNoRole) {
		t.Fatalf("no role: %v", err)
	}
	if _, err := (&Context{Role: Director, FQDN: "d.contoso.com", Certificate: "web"}).RequiredNames(); err == nil {
		t.Fatal("a certificate the role does not have")
	}
}

// TestParseClients reads client names as --clients gives them.
func TestParseClients(t *testing.T) {
	got, err := ParseClients([]string{" XP-SP2", "phone-edition", "xp-sp2"})
	if err != nil || !slices.Equal(got, []Client{ClientXPSP2, ClientPhoneEdition}) {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := ParseClients([]string{"xp"}); err == nil || err.Error() != `unknown client "xp"; use one of xp-sp2, xp-sp3, server2003, phone-edition, lync-phone-edition` {
		t.Fatalf("%v", err)
	}
	ctx := Context{Clients: got}
	if !ctx.HasClient(NoSHA2Clients()...) || ctx.HasClient(ClientServer2003) || !slices.Equal(ctx.ClientsAmong(NoAESClients()...), []Client{ClientXPSP2}) {
		t.Fatal("HasClient / ClientsAmong")
	}
	if !NeedsLegacyHandshakes(got) || NeedsLegacyHandshakes([]Client{ClientPhoneEdition}) {
		t.Fatal("NeedsLegacyHandshakes")
	}
}

func TestParseErrorsClients(t *testing.T) {
	server := "servers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n"
	runErrorCases(t, []errorCase{
		{"unknown client", "clients: [xp-sp2, windows98] #<\n" + server, 0, `clients: unknown client "windows98"; use one of xp-sp2`},
		{"listed twice", "clients:\n  - xp-sp2\n  - XP-SP2 #<\n" + server, 0, "client xp-sp2 is listed twice (first on line 2)"},
		{"empty", "clients: [] #<\n" + server, 0, "clients is empty"},
		{"not a list", "clients: xp-sp2 #<\n" + server, 0, "clients"},
	})
	d, err := Parse([]byte("clients: [server2003, phone-edition]\n"+server), "deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if ctx := d.Context(d.Servers[0]); !slices.Equal(ctx.Clients, []Client{ClientServer2003, ClientPhoneEdition}) {
		t.Fatalf("context clients %v", ctx.Clients)
	}
}
