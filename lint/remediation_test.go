package lint

import (
	"path/filepath"
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
)

// TestRemediationsNameTheToolsOfWindowsServer2003And2008: OCS 2007 R2 runs on Windows Server 2003 and 2008, which
// have no certlm.msc and whose IIS 6 has no Bindings dialog: a remediation that sends the administrator to the
// certificate store or to IIS names the tools those versions have, and the later ones beside them.
func TestRemediationsNameTheToolsOfWindowsServer2003And2008(t *testing.T) {
	for _, tc := range []struct {
		rule, cert string
		ctx        policy.Context
		endpoint   string
		store, iis bool
	}{
		{nameChainIncomplete, "se01-leaf-only", ctxSE, "sip", true, false},
		{"e_ocs_chain_untrusted", "se01-self-signed", ctxSE, "", true, false},
		{"e_ocs_web_components_name_mismatch", "fe02-iis-selfsigned", ctxPool, "web", false, true},
		{"e_ocs_certificate_expired", "se01-expired", ctxSE, "", false, true},
	} {
		in := input(t, tc.cert, tc.ctx)
		in.Endpoint = tc.endpoint
		res, fix := runRule(t, tc.rule, in)
		if res.Status < zlint.Notice {
			t.Fatalf("%s on %s: %s, want a finding", tc.rule, tc.cert, res.Status)
		}
		if tc.store && (!strings.Contains(fix, "Certificates snap-in for the Computer account") ||
			!strings.Contains(fix, "Windows Server 2003") || !strings.Contains(fix, "certlm.msc on 2012 and later")) {
			t.Errorf("%s: the certificate store with the tools of 2003/2008 and later: %q", tc.rule, fix)
		}
		if tc.iis && (!strings.Contains(fix, "IIS 6") || !strings.Contains(fix, "Directory Security > Server Certificate") ||
			!strings.Contains(fix, "IIS 7")) {
			t.Errorf("%s: IIS Manager 6 and 7: %q", tc.rule, fix)
		}
	}
}

// danglingWords are words a sentence does not end with: a remediation ending in one was cut off.
var danglingWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "to": true, "of": true,
	"not": true, "with": true, "for": true, "in": true, "on": true, "does": true, "do": true, "is": true, "by": true, "then": true}

// TestRemediationsAreWholeSentences: no remediation ends mid-sentence (as "... the OCS Certificate Wizard does
// not" once did), or with a colon or a comma: every profile's fixed remediation, and every remediation the rules
// give on every fixture certificate, judged as each role's default and web certificate, on a SIP and a web
// endpoint.
func TestRemediationsAreWholeSentences(t *testing.T) {
	fixes := map[string]string{}
	for _, p := range policy.Profiles() {
		for _, r := range p.Rules {
			if r.Remediation != "" {
				fixes[p.RuleID(r.Rule)+" (profile)"] = r.Remediation
			}
		}
	}
	runner, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(fixture("pki", "*.pem"))
	if len(files) < 40 {
		t.Fatalf("fixtures: %v", files)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pem")
		if strings.Contains(name, "root") || strings.Contains(name, "-ca") || strings.Contains(name, "issuing") || strings.Contains(name, "intermediate") {
			continue
		}
		for _, ctx := range []policy.Context{ctxSE, ctxPool, ctxDir, noRole()} {
			for _, endpoint := range []string{"", "sip", "web"} {
				in := input(t, name, ctx)
				in.Endpoint = endpoint
				findings, err := runner.Lint(in)
				if err != nil {
					t.Fatal(err)
				}
				for _, fd := range findings {
					fixes[fd.Lint+" on "+name] = fd.Remediation
				}
			}
		}
	}
	if len(fixes) < 30 {
		t.Fatalf("only %d remediations seen", len(fixes))
	}
	for where, fix := range fixes {
		words := strings.Fields(fix)
		if len(words) == 0 {
			t.Errorf("%s: no remediation", where)
			continue
		}
		last := strings.ToLower(strings.TrimRight(words[len(words)-1], ".)"))
		if danglingWords[last] || strings.HasSuffix(fix, ":") || strings.HasSuffix(fix, ",") {
			t.Errorf("%s: the remediation ends mid-sentence: %q", where, fix)
		}
	}
}

// TestShortNameExamplesUseTheAdministratorsDomain: a short CN is told its fully qualified form in the domain the
// administrator gave (the role's FQDN's domain, else the first SIP domain), not in a fixed contoso.com.
func TestShortNameExamplesUseTheAdministratorsDomain(t *testing.T) {
	fabrikam := policy.Context{Role: policy.StandardEdition, FQDN: "se01.fabrikam.com", SIPDomains: []string{"fabrikam.com"}}
	res, _ := runRule(t, "e_ocs_subject_cn_not_fqdn", input(t, "se01-short-cn", fabrikam))
	if res.Status != zlint.Error || !strings.Contains(res.Details, ".fabrikam.com") || strings.Contains(res.Details, "<your AD domain>") {
		t.Errorf("role FQDN in fabrikam.com: %s %q", res.Status, res.Details)
	}
	onlySIP := policy.Context{SIPDomains: []string{"northwind.example"}}
	res, _ = runRule(t, "e_ocs_subject_cn_not_fqdn", input(t, "se01-short-cn", onlySIP))
	if !strings.Contains(res.Details, ".northwind.example") {
		t.Errorf("SIP domain only: %q", res.Details)
	}
	res, _ = runRule(t, "e_ocs_subject_cn_not_fqdn", input(t, "se01-short-cn", noRole()))
	if !strings.Contains(res.Details, "<your AD domain>") || strings.Contains(res.Details, "contoso") {
		t.Errorf("no domain known: %q", res.Details)
	}
}
