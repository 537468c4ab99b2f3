package lint

import (
	"strings"
	"sync"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

// TestRulesMetadata checks that every rule of ours cites its source, says what it checks, offers a remediation and
// carries a severity prefix that matches the statuses it gives.
func TestRulesMetadata(t *testing.T) {
	lints := zlint.GlobalRegistry().CertificateLints().BySource(Source)
	if len(lints) < 20 {
		t.Fatalf("only %d rules registered under %s", len(lints), Source)
	}
	for _, l := range lints {
		if l.Description == "" || !strings.Contains(l.Citation, "reference/") && !strings.Contains(l.Citation, "http") {
			t.Errorf("%s: description %q, citation %q: both are required and the citation must name its source", l.Name, l.Description, l.Citation)
		}
		if _, ok := l.Lint().(remediator); !ok {
			t.Errorf("%s has no remediation", l.Name)
		}
		if !strings.HasPrefix(l.Name, "e_ocs_") && !strings.HasPrefix(l.Name, "w_ocs_") && !strings.HasPrefix(l.Name, "n_ocs_") {
			t.Errorf("%s: rule IDs start with e_ocs_, w_ocs_ or n_ocs_", l.Name)
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				if _, err := r.Lint(in); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestTOMLStringEscapesEverything(t *testing.T) {
	hostile := "a\"b\\c\x1b[31m\x00\xff\u2028end"
	text := "[x]\nv = " + tomlString(hostile) + "\n"
	cfg, err := zlint.NewConfigFromString(text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var got struct {
		V string `toml:"v"`
	}
	if err := cfg.Configure(&got, "x"); err != nil {
		t.Fatal(err)
	}
	if want := "a\"b\\c\x1b[31m\x00\uFFFD\u2028end"; got.V != want {
		t.Fatalf("round trip %q, want %q", got.V, want)
	}
}

func TestPoolFindings(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	pool, _ := leaf(t, "pool01")
	old, _ := leaf(t, "pool01-old")
	same := []PoolMember{
		{Pool: "pool01", Member: "fe01.contoso.com", Endpoint: "sip", Certificate: pool},
		{Pool: "pool01", Member: "fe02.contoso.com", Endpoint: "sip", Certificate: pool},
	}
	if f, err := r.PoolFindings(same); err != nil || len(f) != 0 {
		t.Fatalf("members with the same certificate: %v %v", f, err)
	}
	differ := []PoolMember{same[0],
		{Pool: "pool01", Member: "fe02.contoso.com", Endpoint: "sip", Certificate: old},
		{Pool: "pool01", Member: "fe02.contoso.com", Endpoint: "web", Certificate: old}, // alone on web: nothing to compare
	}
	f, err := r.PoolFindings(differ)
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 2 || f[0].Lint != namePoolMembersDiffer || f[0].Status != Notice || f[2].Lint != "" {
		t.Fatalf("want notices for both sip members, got %v", f)
	}
	if !strings.Contains(f[1].Details, "fe01.contoso.com") || !strings.Contains(f[1].Details, "fe02.contoso.com") {
		t.Fatalf("details should name the members: %q", f[1].Details)
	}
}

// TestConfigurationIsStrict: a misspelt key in a rule's section is an error (a fatal result), not a rule that
// silently sees nothing.
func TestConfigurationIsStrict(t *testing.T) {
	l := zlint.GlobalRegistry().CertificateLints().ByName(nameCNNotRoleFQDN)
	cfg, err := zlint.NewConfigFromString("[" + nameCNNotRoleFQDN + "]\nrole = \"enterprise-pool\"\nfqnd = \"pool01.contoso.com\"\n")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := leaf(t, "pool01")
	if res := l.Execute(c, cfg); res.Status != zlint.Fatal || !strings.Contains(res.Details, "fqnd") {
		t.Fatalf("got %s %q", res.Status, res.Details)
	}
}
