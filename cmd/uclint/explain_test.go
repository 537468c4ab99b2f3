package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// TestExplainExamples runs every example 'uclint explain' shows, as the user would type it from the repository's
// root (with the built binary): the failing one reports the rule on its target, the passing one does not. Every
// rule of the OCS 2007 R2 profile has examples, or says why it has none.
func TestExplainExamples(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the public CA example sets SSL_CERT_FILE, which Windows does not read")
	}
	bin := uclintBinary(t)
	ocs, err := policy.Product(policy.DefaultProduct)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ocs.Rules {
		if _, ok := examples[r.Rule]; !ok {
			t.Errorf("rule %s has no examples and no reason why", r.Rule)
		}
	}
	reports := map[string]report.Report{}
	runIt := func(e example) report.Report {
		key := e.String()
		if r, ok := reports[key]; ok {
			return r
		}
		cmd := exec.Command(bin, append(append([]string{}, e.args...), "--format", "json")...)
		cmd.Dir = filepath.Join("..", "..")
		cmd.Env = append(cmd.Environ(), e.env...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run() // findings exit 1
		var r report.Report
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatalf("%s: not a JSON report (%v)\n%s", e, err, stderr.String())
		}
		reports[key] = r
		return r
	}
	lints := func(e example) []string {
		for _, tg := range runIt(e).Targets {
			if exampleTarget(tg, "") == e.target {
				var ids []string
				for _, f := range tg.Findings {
					ids = append(ids, f.Lint)
				}
				return ids
			}
		}
		t.Fatalf("%s: no target %q in its report", e, e.target)
		return nil
	}
	for rule, ex := range examples {
		spec, ok := ocs.Rule(rule)
		if !ok {
			t.Errorf("examples of %s, which is no rule of %s", rule, ocs.ID)
			continue
		}
		if ex.none != "" {
			if ex.fail.args != nil || ex.pass.args != nil {
				t.Errorf("%s: examples and a reason for having none", rule)
			}
			continue
		}
		id := ocs.RuleID(spec.Rule)
		if got := lints(ex.fail); !slices.Contains(got, id) {
			t.Errorf("%s: the failing example %s reports %v on %s", id, ex.fail, got, ex.fail.target)
		}
		if got := lints(ex.pass); slices.Contains(got, id) {
			t.Errorf("%s: the passing example %s reports it on %s", id, ex.pass, ex.pass.target)
		}
	}
}

// TestExplainExamplesInOneProcess: explain runs its failing example in its own process, with the environment the
// example's command line gives (SSL_CERT_FILE, UCLINT_PFX_PASSWORD), without changing the process's: an example
// that needs the public test root as a system root shows its finding after another run of the process has read
// the system roots, and a run after it does not trust that root.
func TestExplainExamplesInOneProcess(t *testing.T) {
	const publicRootEnv = "SSL_CERT_FILE=fixtures/pki/public-root.pem"
	before := os.Environ()
	if _, out, _ := uclint(t, "explain", "e_ocs_san_missing_web_farm"); !strings.Contains(out, "-> error:") {
		t.Fatalf("explain e_ocs_san_missing_web_farm shows no finding:\n%s", out)
	}
	for _, tc := range []struct{ rule, env, shown string }{
		{"n_ocs_public_ca", publicRootEnv, `-> notice: the chain ends in the system root "Fabrikam Trust Services Root"`},
		{"w_ocs_pfx_aes_encryption", pfxPasswordEnv + "=", "-> warn: the PFX is encrypted with PBES2"},
	} {
		_, out, _ := uclint(t, "explain", tc.rule)
		if !strings.Contains(out, tc.env) || !strings.Contains(out, tc.shown) {
			t.Errorf("explain %s: lacks %q or %q:\n%s", tc.rule, tc.env, tc.shown, out)
		}
	}
	if after := os.Environ(); !slices.Equal(before, after) {
		t.Errorf("the examples changed the environment of the process")
	}
	_, out, _ := uclint(t, "check", "--config", fixture("deployments", "contoso.yaml"), "--server", "se01", "--at", fixtureAt,
		"--format", "json", fixture("pki", "se01-public.pem"))
	if strings.Contains(out, "n_ocs_public_ca") {
		t.Errorf("a run after the example trusts the example's root:\n%s", out)
	}
}

// TestExplain: what 'uclint explain' prints for one of uclint's rules (a finding run on the failing example, with
// its fix), a rule with a fixed remediation, one of zlint's lints, a DNS rule, and a rule that does not exist.
func TestExplain(t *testing.T) {
	code, out, _ := uclint(t, "explain", "e_ocs_san_missing_web_farm")
	for _, want := range []string{"e_ocs_san_missing_web_farm\n", "severity: error", "Office Communications Server 2007 R2 (source OCS2007R2)",
		"internal web farm FQDN", "Citation: Microsoft TechNet", "add webpool01.contoso.com to the Subject Alternative Name",
		"Fails (fixtures/pki/pool01-no-web-farm.pem):", "-> error: the Subject Alternative Name lacks the internal web farm FQDN",
		"Passes (fixtures/pki/pool01.pem):", "uclint check --config fixtures/deployments/contoso.yaml --server pool01"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("explain e_ocs_san_missing_web_farm: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	_, out, _ = uclint(t, "explain", "e_ocs_web_components_name_mismatch")
	if !strings.Contains(out, "Remediation: assign the OCS certificate to the Default Web Site in IIS Manager (IIS 6") ||
		!strings.Contains(out, "uclint demo") {
		t.Errorf("explain e_ocs_web_components_name_mismatch:\n%s", out)
	}
	_, out, _ = uclint(t, "explain", "w_ocs_chain_incomplete")
	if !strings.Contains(out, "No example to run: it judges what a live endpoint sends") {
		t.Errorf("a rule without examples says why:\n%s", out)
	}
	_, out, _ = uclint(t, "explain", "e_basic_constraints_not_critical")
	if !strings.Contains(out, "zlint's own lint, source RFC5280") || !strings.Contains(out, "have the CA administrator fix the certificate template") {
		t.Errorf("a zlint lint:\n%s", out)
	}
	var dnsRule string // a rule of the OCS2007R2 source that is not in the profile: the DNS rules
	ocs, _ := policy.Product(policy.DefaultProduct)
	for _, name := range zlint.GlobalRegistry().Names() {
		l := zlint.GlobalRegistry().CertificateLints().ByName(name)
		_, inProfile := ocs.Rule(strings.TrimPrefix(strings.TrimPrefix(name[2:], ocs.RulePrefix), "_"))
		if l != nil && string(l.Source) == ocs.Source && !inProfile {
			dnsRule = name
			break
		}
	}
	if dnsRule == "" {
		t.Fatal("no DNS rule registered")
	}
	_, out, _ = uclint(t, "explain", dnsRule)
	if !strings.Contains(out, "A DNS rule of automatic client sign-in") || !strings.Contains(out, "Remediation: ") ||
		strings.Contains(out, "Remediation: each finding") {
		t.Errorf("a DNS rule (%s) with its general fix:\n%s", dnsRule, out)
	}
	code, _, errOut := uclint(t, "explain", "web_farm")
	if code != report.ExitUsage || !strings.Contains(errOut, `no rule "web_farm" (did you mean e_ocs_san_missing_web_farm`) {
		t.Errorf("an unknown rule: exit %d %q", code, errOut)
	}
}

// TestLintsFilters: --source and --product filter the list, uclint's rules come first, and a source or product
// that does not exist is a usage error.
func TestLintsFilters(t *testing.T) {
	list := func(args ...string) []ruleInfo {
		t.Helper()
		code, out, errOut := uclint(t, append([]string{"lints", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("lints %v: exit %d %s", args, code, errOut)
		}
		var infos []ruleInfo
		if err := json.Unmarshal([]byte(out), &infos); err != nil {
			t.Fatal(err)
		}
		return infos
	}
	all := list()
	ours := func(source string) bool { return slices.Contains(lint.Sources(), zlint.LintSource(source)) }
	if !ours(all[0].Source) || ours(all[len(all)-1].Source) {
		t.Errorf("uclint's rules first: %s ... %s", all[0].ID, all[len(all)-1].ID)
	}
	for _, tc := range []struct {
		args   []string
		source string
	}{
		{[]string{"--source", "RFC5280"}, "RFC5280"},
		{[]string{"--source", "ocs2007r2"}, "OCS2007R2"},
		{[]string{"--product", "ocs2007r2"}, "OCS2007R2"},
		{[]string{"--zlint-sources", "CABF_BR", "--source", "CABF_BR"}, "CABF_BR"},
	} {
		got := list(tc.args...)
		if len(got) == 0 || (tc.source != "CABF_BR" && len(got) >= len(all)) {
			t.Errorf("%v: %d of %d rules", tc.args, len(got), len(all))
		}
		for _, i := range got {
			if i.Source != tc.source {
				t.Errorf("%v lists %s of %s", tc.args, i.ID, i.Source)
			}
		}
	}
	for _, bad := range [][]string{{"--source", "NOPE"}, {"--product", "lync1999"}} {
		if code, _, _ := uclint(t, append([]string{"lints"}, bad...)...); code != report.ExitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// TestRoles: 'uclint roles' lists each product's roles, their certificates and default endpoints, from the
// profiles.
func TestRoles(t *testing.T) {
	code, out, _ := uclint(t, "roles", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rows []roleRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range policy.Profiles() {
		for _, r := range p.Roles {
			n += len(r.Certificates)
		}
	}
	if len(rows) != n {
		t.Fatalf("%d rows, want one per certificate of every role: %d", len(rows), n)
	}
	var web *roleRow
	for i := range rows {
		if rows[i].Product == "ocs2007r2" && rows[i].Role == "enterprise-pool" && rows[i].Certificate == "web" {
			web = &rows[i]
		}
	}
	if web == nil || !web.Pool || len(web.Endpoints) != 1 || web.Endpoints[0] != (roleEndpoint{Name: "web", Port: 443}) || !slices.Contains(web.Options, "web_farm") {
		t.Errorf("the enterprise pool's web certificate: %+v", web)
	}
	_, table, _ := uclint(t, "roles", "--product", "ocs2007r2")
	for _, want := range []string{"director-pool (Director pool), pool", "sip 5061", "web: Web Components (IIS) certificate"} {
		if !strings.Contains(table, want) {
			t.Errorf("roles table lacks %q:\n%s", want, table)
		}
	}
	if code, _, _ := uclint(t, "roles", "--product", "nope"); code != report.ExitUsage {
		t.Errorf("unknown product: exit %d", code)
	}
}

// TestCompletion: the shell completion completes --role, --format, --product, --server (from the --config
// file), and the rule of explain.
func TestCompletion(t *testing.T) {
	config := fixture("deployments", "contoso.yaml")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--role", ""}, []string{"standard-edition\tStandard Edition server", "director-pool\tDirector pool"}},
		{[]string{"scan", "--format", ""}, []string{"table", "json", "junit", "prometheus", "nagios"}},
		{[]string{"check", "--product", ""}, []string{"ocs2007r2\tOffice Communications Server 2007 R2"}},
		{[]string{"scan", "--config", config, "--server", ""}, []string{"se01\tstandard-edition se01.contoso.com", "pool01\tenterprise-pool pool01.contoso.com", "dir01\tdirector dir01.contoso.com"}},
		{[]string{"explain", "e_ocs_san_"}, []string{"e_ocs_san_missing_sip_domain", "e_ocs_san_missing_web_farm"}},
		{[]string{"lints", "--source", ""}, []string{"OCS2007R2", "RFC5280"}},
	} {
		code, out, _ := uclint(t, append([]string{"__complete"}, tc.args...)...)
		lines := strings.Split(out, "\n")
		for _, w := range tc.want {
			if code != 0 || !slices.Contains(lines, w) {
				t.Errorf("complete %q: lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
	_, out, _ := uclint(t, "__complete", "scan", "--server", "")
	if !strings.Contains(out, "give --config DEPLOYMENT.yaml first") {
		t.Errorf("--server without --config:\n%s", out)
	}
	code, out, _ := uclint(t, "completion", "bash")
	if code != 0 || !strings.Contains(out, "__start_uclint") {
		t.Errorf("completion bash: exit %d", code)
	}
}
