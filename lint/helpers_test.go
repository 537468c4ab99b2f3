package lint

import (
	stdx509 "crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
)

// at is the fixed time the fixtures are judged at (the fixtures' validity is built around it).
var at = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var (
	sipDomains = []string{"contoso.com", "fabrikam.com"}
	ctxSE      = policy.Context{Role: policy.StandardEdition, FQDN: "se01.contoso.com", SIPDomains: sipDomains, AutoConfig: true}
	ctxPool    = policy.Context{Role: policy.EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com", SIPDomains: sipDomains, AutoConfig: true}
	ctxDir     = policy.Context{Role: policy.Director, FQDN: "dir01.contoso.com", SIPDomains: sipDomains, AutoConfig: true, ClientLogon: true}
	ctxDirPool = policy.Context{Role: policy.DirectorPool, FQDN: "dirpool01.contoso.com", SIPDomains: sipDomains, AutoConfig: true, ClientLogon: true}
)

// fixture returns the path of a committed fixture file.
func fixture(elem ...string) string {
	return filepath.Join(append([]string{"..", "fixtures"}, elem...)...)
}

// readPEM parses every CERTIFICATE block of a PEM file with zcrypto.
func readPEM(t testing.TB, path string) []*x509.Certificate {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		t.Fatalf("%s holds no certificate", path)
	}
	return certs
}

// leaf reads fixtures/pki/NAME.pem: the leaf first, then the chain the file carries.
func leaf(t testing.TB, name string) (*x509.Certificate, []*x509.Certificate) {
	t.Helper()
	certs := readPEM(t, fixture("pki", name+".pem"))
	return certs[0], certs[1:]
}

// contosoTrust trusts the Contoso Enterprise CA, and treats the simulated public root as a system root.
func contosoTrust(t testing.TB) *trust.Store {
	t.Helper()
	system := stdx509.NewCertPool()
	for _, c := range readPEM(t, fixture("pki", "public-root.pem")) {
		sc, err := stdx509.ParseCertificate(c.Raw)
		if err != nil {
			t.Fatal(err)
		}
		system.AddCert(sc)
	}
	return trust.NewStore(readPEM(t, fixture("pki", "contoso-ca-bundle.pem")), system)
}

// input builds the lint input for a fixture certificate with the defaults tests use.
func input(t testing.TB, name string, ctx policy.Context) Input {
	t.Helper()
	l, chain := leaf(t, name)
	return Input{Leaf: l, Chain: chain, Context: ctx, At: at, ExpiryWarning: 30 * 24 * time.Hour,
		ExpiryCritical: 7 * 24 * time.Hour, Trust: contosoTrust(t)}
}

// runRule runs one registered rule on in, with its target as the runner hands it over, and returns the result
// and the remediation the rule gives.
func runRule(t testing.TB, name string, in Input) (*zlint.LintResult, string) {
	t.Helper()
	l := zlint.GlobalRegistry().CertificateLints().ByName(name)
	if l == nil {
		t.Fatalf("rule %s is not registered", name)
	}
	res, inst := runOurs(l, in.Leaf, newTarget(in))
	return res, remediationOf(inst, in.Leaf)
}

// ruleCase is one certificate and context a rule is run on, and the status it must give.
type ruleCase struct {
	name     string
	cert     string
	ctx      policy.Context
	endpoint string
	want     zlint.LintStatus
}

// runCases runs a rule over table cases, checking the status and, for findings, that details and remediation are
// filled in.
func runCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := input(t, tc.cert, tc.ctx)
			in.Endpoint = tc.endpoint
			res, fix := runRule(t, rule, in)
			if res.Status != tc.want {
				t.Fatalf("%s on %s: got %s (%q), want %s", rule, tc.cert, res.Status, res.Details, tc.want)
			}
			if res.Status >= zlint.Notice {
				if res.Details == "" {
					t.Errorf("%s: a finding without details", rule)
				}
				if fix == "" {
					t.Errorf("%s: a finding without remediation", rule)
				}
			}
		})
	}
}

func noRole() policy.Context { return policy.Context{} }

func withFQDN(c policy.Context, fqdn string) policy.Context { c.FQDN = fqdn; return c }

func withWebFarm(c policy.Context, farm string) policy.Context { c.WebFarm = farm; return c }

func withoutClientLogon(c policy.Context) policy.Context { c.ClientLogon = false; return c }

func withoutAutoConfig(c policy.Context) policy.Context { c.AutoConfig = false; return c }

func withSIPDomains(c policy.Context, domains ...string) policy.Context {
	c.SIPDomains = domains
	return c
}
