package audit

import (
	"context"
	"crypto/tls"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/tlstest"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

var ctxSE = policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}

// TestRunRequests: check of request files judges them as requests, in the report with what they ask for.
func TestRunRequests(t *testing.T) {
	targets := []policy.Target{
		{File: fixtures.Path("requests", "se01-wizard.inf"), Context: ctxSE},
		{File: fixtures.Path("requests", "se01-certreq-ksp.req"), Context: ctxSE},
		{File: fixtures.Path("requests", "bad-quote.inf"), Context: ctxSE},
	}
	r := Run(context.Background(), targets, settings(t))
	good, ksp, bad := r.Targets[0], r.Targets[1], r.Targets[2]
	if good.Status != report.Pass || good.Request == nil || good.Request.Format != "inf" || good.Request.SubjectCN != "se01.contoso.com" ||
		len(good.Request.SANDNS) != 3 || good.Request.KeyBits != 2048 || good.Certificate != nil {
		t.Fatalf("good INF: %+v %+v", good, good.Request)
	}
	if ksp.Status != report.Fail || !has(ksp, "e_ocs_csr_cng_provider") || ksp.Request.Provider != "Microsoft Software Key Storage Provider" {
		t.Fatalf("KSP CSR: %+v", ksp)
	}
	if bad.Status != report.Error || bad.Request != nil {
		t.Fatalf("malformed INF: %+v", bad)
	}
}

// TestRunLegacyClients: a scan that knows the deployment has Windows XP clients asks the endpoint what it offers
// them, and finds a server that speaks only TLS 1.2 with AES; so does the DNS audit at a place DNS leads to where
// that server lives.
func TestRunLegacyClients(t *testing.T) {
	pair := fixturePair(t, "se01")
	config := &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}
	addr := tlstest.Serve(t, config)
	for _, tc := range []struct {
		name    string
		clients []policy.Client
		want    bool
	}{
		{"Windows XP clients", []policy.Client{policy.ClientXPSP3}, true},
		{"no clients given", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := ctxSE
			ctx.Clients = tc.clients
			target, err := policy.AddressTarget(addr, ctx, "sip")
			if err != nil {
				t.Fatal(err)
			}
			s := settings(t)
			s.Probe = probe.Options{Timeout: 3 * time.Second} // Run asks for the legacy handshakes the clients call for
			tg := Run(context.Background(), []policy.Target{target}, s).Targets[0]
			if has(tg, "w_ocs_tls10_not_offered") != tc.want || has(tg, "w_ocs_aes_only_suites") != tc.want {
				t.Fatalf("error %q, findings %v", tg.Error, tg.Findings)
			}
			d := dnsAuditOf(t, "_sipinternaltls._tcp.contoso.com. SRV 0 0 {PORT} se01.contoso.com.\nse01.contoso.com. A 127.0.0.1\n",
				portOf(addr), "contoso.com")
			d.Servers = []policy.Target{target}
			place := targetOf(t, RunDNS(context.Background(), nil, d, s), "contoso.com", "se01.contoso.com:"+portOf(addr))
			if place.Server != target.Server || has(place, "w_ocs_tls10_not_offered") != tc.want || has(place, "w_ocs_aes_only_suites") != tc.want {
				t.Fatalf("place: server %q, error %q, findings %v", place.Server, place.Error, place.Findings)
			}
		})
	}
}
