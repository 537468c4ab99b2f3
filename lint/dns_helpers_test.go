package lint

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/internal/dnstest"
	"github.com/uclint/uclint/probe"
)

// observe serves zone (zone-file text, absolute names) on a loopback DNS server and looks up each SIP domain
// through uclint's resolver, as uclint dns does. Nothing is asked of any other server.
func observe(t testing.TB, zone string, setup func(z *dnstest.Zone), domains ...string) []probe.SIPDomainObservation {
	t.Helper()
	s := dnstest.Serve(t, zone)
	if setup != nil {
		setup(s.Zone())
	}
	r, err := probe.NewResolver(probe.DNSOptions{Server: s.Addr(), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return r.LookupSIPDomains(context.Background(), domains)
}

// dnsCase is one zone a DNS rule is run on, and what it must find for the first SIP domain.
type dnsCase struct {
	name       string
	zone       string
	domains    []string // default contoso.com
	autoConfig bool
	setup      func(z *dnstest.Zone)
	want       int      // how many findings of the rule (0: it passes)
	contains   []string // what the details must say
}

// runDNSCases runs DNSFindings over each case's zone and checks the findings of one rule for the first SIP
// domain: count, severity from the rule's ID, details, remediation and citation.
func runDNSCases(t *testing.T, rule string, cases []dnsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			domains := tc.domains
			if len(domains) == 0 {
				domains = []string{"contoso.com"}
			}
			obs := observe(t, tc.zone, tc.setup, domains...)
			all := DNSFindings(DNSInput{Domains: obs, AutoConfig: tc.autoConfig})
			if len(all) != len(domains) || all[0].Domain != domains[0] {
				t.Fatalf("findings for %+v", all)
			}
			got := findingsOf(all[0].Findings, rule)
			if len(got) != tc.want {
				t.Fatalf("%s: %d findings, want %d: %+v (lookup errors %v)", rule, len(got), tc.want, got, obs[0].Errors())
			}
			for _, f := range got {
				checkFinding(t, f, rule, tc.contains)
			}
		})
	}
}

func findingsOf(findings []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Lint == rule {
			out = append(out, f)
		}
	}
	return out
}

// checkFinding checks what every finding must carry.
func checkFinding(t *testing.T, f Finding, rule string, contains []string) {
	t.Helper()
	if f.Status != SeverityOfName(rule) || f.Details == "" || f.Remediation == "" || f.Source != string(dnsSource) ||
		!strings.Contains(f.Citation, "http") {
		t.Errorf("incomplete finding: %+v", f)
	}
	for _, c := range contains {
		if !strings.Contains(f.Details, c) {
			t.Errorf("details %q: want %q", f.Details, c)
		}
	}
}

// placeCase is one zone, one place of it and the certificate presented there.
type placeCase struct {
	name     string
	zone     string
	record   string // the place's Record (an SRV name or a fallback name)
	port     uint16
	cert     *x509.Certificate
	want     int
	contains []string
}

// runPlaceCases finds each case's place among Places() of contoso.com and runs PlaceFindings on it.
func runPlaceCases(t *testing.T, rule string, cases []placeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs := observe(t, tc.zone, nil, "contoso.com")
			d := &obs[0]
			p := findPlace(t, Places(d), tc.record, tc.port)
			got := findingsOf(PlaceFindings(d, p, tc.cert), rule)
			if len(got) != tc.want {
				t.Fatalf("%s at %s: %d findings, want %d: %+v", rule, p, len(got), tc.want, got)
			}
			for _, f := range got {
				checkFinding(t, f, rule, tc.contains)
			}
		})
	}
}

func findPlace(t *testing.T, places []Place, record string, port uint16) *Place {
	t.Helper()
	for i := range places {
		if places[i].Record == record && places[i].Port == port {
			return &places[i]
		}
	}
	t.Fatalf("no place %s port %d among %v", record, port, places)
	return nil
}

// certificate makes a self-signed server certificate with the given Subject CN and SAN DNS names, with Go's
// crypto/x509, and parses it with zcrypto as the probe does.
func certificate(t testing.TB, cn string, sans ...string) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &stdx509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Contoso"}},
		DNSNames:     sans,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     stdx509.KeyUsageDigitalSignature | stdx509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth},
	}
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
