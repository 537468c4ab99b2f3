package audit

import (
	"context"
	"testing"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// TestAcrossFindingsFromFiles checks a pool member's Lync certificates from files, each for its certificate kind:
// the lyncdiscoverinternal names on neither the Default nor the Web internal certificate is an error on the Web
// internal one; the same files of another member are judged apart; an OCS certificate keeps nothing for the pass.
func TestAcrossFindingsFromFiles(t *testing.T) {
	s := settings(t)
	product, err := policy.Product("lync2013")
	if err != nil {
		t.Fatal(err)
	}
	ctx := func(kind, member string) policy.Context {
		return policy.Context{Product: product, Role: policy.FrontEndPool, Certificate: kind, FQDN: "lyncpool01.contoso.com",
			Member: member, SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	}
	file := func(name, kind, member string) policy.Target {
		return policy.Target{Server: "lyncpool01", Member: member, File: fixtures.Path("pki", name+".pem"), Context: ctx(kind, member)}
	}
	targets := []policy.Target{
		file("lync-fe01-default", "default", "lfe01.contoso.com"),
		file("lync-fe01-mistake-no-lyncdiscoverinternal", "web-internal", "lfe01.contoso.com"),
		file("lync-fe01-combined", "default", "lfe02.contoso.com"),
		file("lync-fe01-mistake-no-lyncdiscoverinternal", "web-internal", "lfe02.contoso.com"),
		{File: fixtures.Path("pki", "pool01.pem"), Context: policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com"}},
	}
	r := Run(context.Background(), targets, s)
	const id = "e_lync2013_san_missing_lyncdiscover"
	for i, want := range []bool{false, true, false, false, false} {
		if got := has(r.Targets[i], id); got != want {
			t.Errorf("target %d (%s %s): %s %v, want %v: %+v", i, r.Targets[i].Member, r.Targets[i].Kind, id, got, want, r.Targets[i].Findings)
		}
	}
	if r.Targets[1].Status != report.Fail {
		t.Errorf("the Web internal certificate of lfe01: %s", r.Targets[1].Status)
	}
	if lint.NeedsOthers(targets[4].Context) || !lint.NeedsOthers(targets[0].Context) {
		t.Error("only the Lync/SfB certificates are kept for the pass across a server's certificates")
	}
}
