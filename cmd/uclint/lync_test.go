package main

import (
	"strings"
	"testing"

	"github.com/uclint/uclint/report"
)

// The Lync/SfB products, and the flags of each role of the fixtures' Lync deployment
// (fixtures/deployments/lync2013.yaml), a pool's for its member lfe01 or ldir11.
var (
	lyncProducts = []string{"lync2010", "lync2013", "sfb2015", "sfb2019"}
	lyncDomain   = []string{"--sip-domain", "contoso.com", "--sip-domain", "fabrikam.com", "--auto-config",
		"--meet-url", "https://meet.contoso.com", "--meet-url", "https://meet.fabrikam.com",
		"--dialin-url", "https://dialin.contoso.com", "--admin-url", "https://admin.contoso.com"}
	lyncRoleFlags = map[string][]string{
		"standard-edition": {"--fqdn", "lyncse01.contoso.com", "--external-web", "lyncsewebext.contoso.com"},
		"frontend-pool": {"--fqdn", "lyncpool01.contoso.com", "--member", "lfe01.contoso.com",
			"--internal-web", "lyncwebint01.contoso.com", "--external-web", "https://lyncwebext01.contoso.com/"},
		"director":      {"--fqdn", "ldir01.contoso.com", "--external-web", "ldirwebext.contoso.com", "--client-logon"},
		"director-pool": {"--fqdn", "ldirpool01.contoso.com", "--member", "ldir11.contoso.com", "--external-web", "ldirpoolwebext.contoso.com", "--client-logon"},
	}
	lyncFixture = map[string]string{"standard-edition": "lync-se01", "frontend-pool": "lync-fe01", "director": "lync-dir01", "director-pool": "lync-dir11"}
)

// lyncCheck is the arguments of a check of files with a Lync/SfB role given by flags.
func lyncCheck(product, role, kind string, files ...string) []string {
	args := append([]string{"check"}, fixed("--format", "json", "--product", product, "--role", role, "--certificate", kind)...)
	args = append(append(args, lyncRoleFlags[role]...), lyncDomain...)
	for _, f := range files {
		args = append(args, fixture("pki", f+".pem"))
	}
	return args
}

// TestCheckLyncGoodCertificates checks, as an administrator would, every certificate of every role of every
// Lync/SfB product that follows Microsoft's tables: each passes, with nothing but notices.
func TestCheckLyncGoodCertificates(t *testing.T) {
	for _, product := range lyncProducts {
		for role, prefix := range lyncFixture {
			kinds := []string{"default", "web-internal", "web-external", "oauth"}
			if product == "lync2010" {
				kinds = kinds[:3]
			}
			for _, kind := range kinds {
				file := prefix + "-" + kind
				if kind == "oauth" {
					file = "lync-oauth"
				}
				t.Run(product+"/"+role+"/"+kind, func(t *testing.T) {
					code, out, errOut := uclint(t, lyncCheck(product, role, kind, file)...)
					if code != report.ExitOK {
						t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
					}
					validateReport(t, out)
					tg := decode(t, out).Targets[0]
					if tg.Status != report.Pass || tg.Product != product || tg.Kind != kind || tg.Role != role {
						t.Fatalf("%s %s %s %s: %v", tg.Status, tg.Product, tg.Role, tg.Kind, lintIDs(tg))
					}
				})
			}
		}
	}
}

// TestCheckLyncMistakes checks the common mistakes from the command line: each fails (or, where Microsoft's pages
// disagree, warns) with the rule it should, and the exit code says so.
func TestCheckLyncMistakes(t *testing.T) {
	cases := []struct {
		product, role, kind, file string
		lint                      string
		status                    report.Status
	}{
		{"lync2013", "frontend-pool", "default", "lync-fe01-mistake-no-member", "e_lync2013_san_missing_server_fqdn", report.Fail},
		{"sfb2019", "frontend-pool", "default", "lync-fe01-mistake-member-cn", "e_sfb2019_subject_cn_not_role_fqdn", report.Fail},
		{"lync2010", "frontend-pool", "web-internal", "lync-fe01-mistake-no-meet", "e_lync2010_san_missing_simple_url", report.Fail},
		{"sfb2015", "frontend-pool", "default", "lync-fe01-mistake-default-wildcard", "e_sfb2015_wildcard_name", report.Fail},
		{"lync2013", "frontend-pool", "oauth", "lync-oauth-mistake-1024", "w_lync2013_rsa_key_below_2048", report.Warn},
		{"sfb2019", "frontend-pool", "oauth", "lync-oauth-mistake-1024", "e_sfb2019_rsa_key_below_minimum", report.Fail},
		{"lync2010", "frontend-pool", "web-internal", "lync-fe01-mistake-wildcard-first", "w_lync2010_wildcard_san_before_fqdn", report.Warn},
		{"sfb2015", "director-pool", "default", "lync-dir11-mistake-no-pool", "w_sfb2015_director_san_missing_pool_fqdn", report.Warn},
		{"lync2013", "director-pool", "default", "lync-dir11-mistake-no-pool", "e_lync2013_san_missing_role_fqdn", report.Fail},
		{"sfb2019", "frontend-pool", "web-internal", "lync-fe01-mistake-no-lyncdiscoverinternal", "e_sfb2019_san_missing_lyncdiscover", report.Pass}, // a notice alone: the Default certificate was not given
	}
	for _, tc := range cases {
		t.Run(tc.lint, func(t *testing.T) {
			code, out, errOut := uclint(t, lyncCheck(tc.product, tc.role, tc.kind, tc.file)...)
			want := map[report.Status]int{report.Fail: report.ExitFailed, report.Warn: report.ExitOK, report.Pass: report.ExitOK}[tc.status]
			if code != want {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, want, out, errOut)
			}
			tg := decode(t, out).Targets[0]
			if tg.Status != tc.status || !hasLint(tg, tc.lint) {
				t.Fatalf("%s, want %s with %s: %v", tg.Status, tc.status, tc.lint, lintIDs(tg))
			}
		})
	}
}

// TestCheckLyncDeploymentFile checks a pool member's certificates with the Lync deployment file: the server's
// names come from the file, --certificate and --member say which certificate of whom.
func TestCheckLyncDeploymentFile(t *testing.T) {
	code, out, errOut := uclint(t, append([]string{"check"}, fixed("--config", fixture("deployments", "lync2013.yaml"), "--server", "lyncpool01",
		"--certificate", "web-internal", "--member", "lfe01.contoso.com",
		fixture("pki", "lync-fe01-web-internal.pem"), fixture("pki", "lync-fe01-mistake-no-meet.pem"), fixture("pki", "lync-fe01-mistake-lyncdiscover-local.pem"))...)...)
	if code != report.ExitFailed {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"lync-fe01-web-internal.pem", "e_lync2013_san_missing_simple_url", `"meet.fabrikam.com"`,
		"w_lync2013_lyncdiscover_not_sip_domain", "frontend-pool", "3 targets: 1 pass, 1 warn, 1 fail, 0 error"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

// TestScanSimulatedLyncPool scans the demo's Lync Server 2013 pool: each member's certificates judged as that
// member's, lfe02's copy of lfe01's Default certificate caught, and no pool notice, since Lync members have their
// own certificates.
func TestScanSimulatedLyncPool(t *testing.T) {
	_, config := startSim(t)
	code, out, errOut := uclint(t, "scan", "--config", config, "--server", "lyncpool01", "--format", "json", "--no-system-roots")
	if code != report.ExitFailed {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	validateReport(t, out)
	r := decode(t, out)
	if r.Summary.Targets != 4 || r.Summary.Fail != 1 || r.Summary.Pass != 3 {
		t.Fatalf("summary %+v", r.Summary)
	}
	for _, m := range []string{"lfe01.contoso.com", "lfe02.contoso.com"} {
		for _, ep := range []string{"sip", "web-internal"} {
			tg := findTarget(t, r, "lyncpool01", m, ep)
			if tg.Product != "lync2013" || tg.Role != "frontend-pool" || len(tg.Findings) > 0 && tg.Status == report.Pass {
				t.Errorf("%s %s: %s %s %s %v", m, ep, tg.Product, tg.Role, tg.Status, lintIDs(tg))
			}
		}
	}
	lfe02 := findTarget(t, r, "lyncpool01", "lfe02.contoso.com", "sip")
	if lfe02.Status != report.Fail || !hasLint(lfe02, "e_lync2013_san_missing_server_fqdn") || lfe02.Kind != "default" {
		t.Errorf("lfe02 sip (lfe01's Default certificate): %s %v", lfe02.Kind, lintIDs(lfe02))
	}
}

// TestLyncUsageErrors: options of another product's roles are usage errors that say what to give.
func TestLyncUsageErrors(t *testing.T) {
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"an OCS role": {[]string{"check", "--product", "sfb2015", "--role", "enterprise-pool", "--fqdn", "p.contoso.com", "x.pem"},
			"unknown sfb2015 role \"enterprise-pool\": use one of standard-edition, frontend-pool, director, director-pool"},
		"an internal web FQDN on a Standard Edition server": {[]string{"check", "--product", "lync2013", "--role", "standard-edition", "--fqdn", "s.contoso.com", "--internal-web", "w.contoso.com", "x.pem"},
			"--internal-web does not apply to a lync2013 standard-edition"},
		"an OAuth certificate on Lync Server 2010": {[]string{"check", "--product", "lync2010", "--role", "frontend-pool", "--fqdn", "p.contoso.com", "--certificate", "oauth", "x.pem"},
			`--certificate "oauth": a frontend-pool has default, web-internal, web-external`},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := uclint(t, c.args...)
			if code != report.ExitUsage || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q, want %q", code, errOut, c.want)
			}
		})
	}
}
