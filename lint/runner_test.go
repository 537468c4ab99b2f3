package lint

import (
	"strings"
	"sync"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// TestRulesMetadata checks that every rule of every product cites a public source, says what it checks, offers a
// remediation and carries the product's prefix; and that every check a profile names is implemented, so no rule of
// a profile silently never runs.
func TestRulesMetadata(t *testing.T) {
	for _, p := range policy.Profiles() {
		lints := zlint.GlobalRegistry().CertificateLints().BySource(zlint.LintSource(p.Source))
		if len(lints) < len(p.Rules) {
			t.Errorf("%s: %d rules registered, %d in the profile", p.ID, len(lints), len(p.Rules))
		}
		for _, spec := range p.Rules {
			// A rule is registered only by the file of its check: a rule whose check no file implements is missing.
			if zlint.GlobalRegistry().CertificateLints().ByName(p.RuleID(spec.Rule)) == nil {
				t.Errorf("%s: rule %s is not registered: no file implements its check %q", p.ID, p.RuleID(spec.Rule), spec.Check)
			}
		}
		for _, l := range lints {
			if l.Description == "" || l.Citation == "" || strings.Contains(l.Citation, "reference/") {
				t.Errorf("%s: description %q, citation %q: both are required and the citation names a public source", l.Name, l.Description, l.Citation)
			}
			if _, ok := l.Lint().(remediator); !ok {
				t.Errorf("%s has no remediation", l.Name)
			}
			if sev := SeverityOfName(l.Name); sev == 0 || !strings.HasPrefix(l.Name[2:], p.RulePrefix+"_") {
				t.Errorf("%s: rule IDs start with e_, w_ or n_ and the product prefix %s_", l.Name, p.RulePrefix)
			}
		}
	}
}

// TestScopeOf: each kind of rule says what it judges (docs/rules.md labels the rules with it), and zlint's own
// lints judge a certificate.
func TestScopeOf(t *testing.T) {
	for name, want := range map[string]Scope{
		nameWildcard:                          ScopeCertificate,
		nameSNIDiffers:                        ScopeCertificate,
		"e_ocs_csr_wildcard":                  ScopeRequest,
		"e_ocs_inf_user_keyset":               ScopeRequest,
		"w_ocs_pfx_aes_encryption":            ScopePFX,
		"e_ocs_pfx_cng_provider":              ScopePFX,
		namePoolMembersDiffer:                 ScopeDeployment,
		"e_lync2013_san_missing_lyncdiscover": ScopeDeployment,
		"e_ocs_dns_no_autoconfig_record":      ScopeDNS,
		"e_sub_cert_aia_missing":              ScopeCertificate,
	} {
		l := zlint.GlobalRegistry().CertificateLints().ByName(name)
		if l == nil {
			t.Errorf("%s is not registered", name)
			continue
		}
		if got := ScopeOf(l); got != want {
			t.Errorf("ScopeOf(%s) = %d, want %d", name, got, want)
		}
	}
}

// TestRunnerFindings runs the full default lint set on a broken pool certificate and checks the findings: ours
// with remediation, most severe first, and no pass/NA results.
func TestRunnerFindings(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "pool01-member-cn", ctxPool)
	findings, err := r.Lint(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Finding{}
	for i, f := range findings {
		got[f.Lint] = f
		if i > 0 && findings[i-1].Status < f.Status {
			t.Errorf("findings not sorted by severity: %s before %s", findings[i-1].Lint, f.Lint)
		}
		if f.Remediation == "" || f.Citation == "" {
			t.Errorf("%s: remediation %q citation %q", f.Lint, f.Remediation, f.Citation)
		}
	}
	f, ok := got[nameCNNotRoleFQDN]
	if !ok || f.Status != Error || !strings.Contains(f.Details, "fe01.contoso.com") || !strings.Contains(f.Remediation, "pool01.contoso.com") {
		t.Fatalf("want %s naming the member and the pool, got %+v (all: %v)", nameCNNotRoleFQDN, f, findings)
	}
	good, err := r.Lint(input(t, "pool01", ctxPool))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range good {
		if f.Status != Notice {
			t.Errorf("good pool certificate: unexpected finding %+v", f)
		}
	}
}

func TestRunnerSIPDomainRemediationNamesTheDomain(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := r.Lint(input(t, "pool01-missing-sip-fabrikam", ctxPool))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Lint == nameSANMissingSIPDomain {
			want := "request a new certificate with the OCS Certificate Wizard and add sip.fabrikam.com to the Subject Alternative Name"
			if f.Remediation != want {
				t.Fatalf("remediation %q, want %q", f.Remediation, want)
			}
			return
		}
	}
	t.Fatalf("no %s finding in %v", nameSANMissingSIPDomain, findings)
}

func TestRunnerUnknownSource(t *testing.T) {
	if _, err := NewRunner([]zlint.LintSource{"NOPE"}); err == nil || !strings.Contains(err.Error(), "NOPE") {
		t.Fatalf("unknown source: got %v", err)
	}
}

func TestRunnerExtraSource(t *testing.T) {
	r, err := NewRunner(append(append([]zlint.LintSource{}, DefaultZlintSources...), zlint.CABFBaselineRequirements))
	if err != nil {
		t.Fatal(err)
	}
	var br bool
	for _, m := range r.Lints() {
		br = br || m.Source == zlint.CABFBaselineRequirements
	}
	if !br {
		t.Fatal("CABF_BR lints missing")
	}
}

// TestRunnerConcurrent lints different certificates from many goroutines with one runner (run with -race).
func TestRunnerConcurrent(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"se01", "pool01", "dir01", "pool01-member-cn", "se01-wildcard", "se01-expired", "se01-leaf-only", "se01-self-signed"}
	var wg sync.WaitGroup
	for _, name := range names {
		in := input(t, name, ctxSE)
		wg.Go(func() {
			for range 5 {
				if _, err := r.Lint(in); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

func TestPoolFindings(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	pool, _ := leaf(t, "pool01")
	old, _ := leaf(t, "pool01-old")
	same := []Seen{
		{Server: "pool01", Member: "fe01.contoso.com", Endpoint: "sip", Certificate: pool, Context: ctxPool},
		{Server: "pool01", Member: "fe02.contoso.com", Endpoint: "sip", Certificate: pool, Context: ctxPool},
	}
	if f := r.DeploymentFindings(same); len(f) != 0 {
		t.Fatalf("members with the same certificate: %v", f)
	}
	differ := []Seen{same[0],
		{Server: "pool01", Member: "fe02.contoso.com", Endpoint: "sip", Certificate: old, Context: ctxPool},
		{Server: "pool01", Member: "fe02.contoso.com", Endpoint: "web", Certificate: old, Context: ctxPool},  // alone on web: nothing to compare
		{Server: "pool02", Member: "fe03.contoso.com", Endpoint: "sip", Certificate: pool, Context: ctxPool}, // another pool: never compared
	}
	f := r.DeploymentFindings(differ)
	if len(f) != 2 || len(f[0]) != 1 || f[0][0].Lint != namePoolMembersDiffer || f[0][0].Status != Notice || len(f[2]) != 0 || len(f[3]) != 0 {
		t.Fatalf("want notices for both sip members of pool01, got %v", f)
	}
	if !strings.Contains(f[1][0].Details, "fe01.contoso.com") || !strings.Contains(f[1][0].Details, "fe02.contoso.com") {
		t.Fatalf("details should name the members: %q", f[1][0].Details)
	}
}

// TestSNIFindings: the SNI rule compares the two certificates an endpoint presented.
func TestSNIFindings(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	se01, _ := leaf(t, "se01")
	iis, _ := leaf(t, "fe02-iis-selfsigned")
	if f := r.SNIFindings(ctxSE, "sip", &SNIComparison{Name: "se01.contoso.com", WithSNI: se01, WithoutSNI: se01}); len(f) != 0 {
		t.Fatalf("the same certificate both ways: %v", f)
	}
	f := r.SNIFindings(ctxSE, "sip", &SNIComparison{Name: "se01.contoso.com", WithSNI: se01, WithoutSNI: iis})
	if len(f) != 1 || f[0].Lint != nameSNIDiffers || f[0].Status != Warn || !strings.Contains(f[0].Details, `"FE02"`) {
		t.Fatalf("different certificates: %v", f)
	}
}
