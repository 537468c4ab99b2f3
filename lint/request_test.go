package lint

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// requestRunner is a runner of uclint's rules alone (requests run no zlint lint).
func requestRunner(t testing.TB) *Runner {
	t.Helper()
	r, err := NewRunner([]zlint.LintSource{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// lintRequestFile reads a request fixture and returns the IDs of its findings, and the findings.
func lintRequestFile(t testing.TB, r *Runner, name string, ctx policy.Context) ([]string, []Finding) {
	t.Helper()
	obs := probe.LoadFile(fixture("requests", name), "")
	if obs.Err != nil || obs.Request == nil {
		t.Fatalf("%s: %v", name, obs.Err)
	}
	findings, err := r.LintRequest(RequestInput{Request: obs.Request, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(findings))
	for i, f := range findings {
		ids[i] = f.Lint
		if f.Details == "" || f.Remediation == "" || f.Citation == "" {
			t.Errorf("%s: %s without details, remediation or citation: %+v", name, f.Lint, f)
		}
	}
	slices.Sort(ids)
	return ids, findings
}

// TestRequestRules: each request rule passes on a good request and fails on the fixture made for it, and nothing
// else fires there.
func TestRequestRules(t *testing.T) {
	ctxSEOne := withSIPDomains(ctxSE, "contoso.com")
	cases := []struct {
		file string
		ctx  policy.Context
		want []string
	}{
		// Good requests: hand-written INF files, certreq-style and OpenSSL-made CSRs, PEM and DER.
		{"se01-wizard.inf", ctxSE, nil},
		{"se01-unicode.inf", ctxSE, nil},
		{"se01-strings.inf", ctxSE, nil},
		{"se01-ku-names.inf", ctxSE, nil},
		{"se01-request-attribute-san.inf", ctxSE, nil},
		{"pool01.inf", ctxPool, nil},
		{"se01-certreq.req", ctxSE, nil},
		{"pool01-certreq.req", ctxPool, nil},
		{"se01-openssl.csr", ctxSE, nil},
		{"se01-openssl.der", ctxSE, nil},
		// One rule each.
		{"se01-no-provider.inf", ctxSE, []string{"w_ocs_inf_provider_missing"}},
		{"se01-ksp.inf", ctxSE, []string{"e_ocs_csr_cng_provider"}},
		{"se01-keyspec0.inf", ctxSE, []string{"e_ocs_csr_cng_provider"}},
		{"se01-certreq-ksp.req", ctxSE, []string{"e_ocs_csr_cng_provider"}},
		{"se01-certreq-keyspec0.req", ctxSE, []string{"e_ocs_csr_cng_provider"}},
		{"se01-keyspec2.inf", ctxSE, []string{"w_ocs_csr_keyspec_signature"}},
		{"se01-certreq-keyspec2.req", ctxSE, []string{"w_ocs_csr_keyspec_signature"}},
		{"se01-user-keyset.inf", ctxSE, []string{"e_ocs_inf_user_keyset"}},
		{"se01-no-machinekeyset.inf", ctxSE, []string{"e_ocs_inf_user_keyset"}},
		{"se01-no-keylength.inf", ctxSE, []string{"n_ocs_csr_rsa_1024_wizard_default"}},
		{"se01-rsa1024.inf", ctxSE, []string{"w_ocs_csr_rsa_key_below_2048"}},
		{"se01-rsa512.inf", ctxSE, []string{"e_ocs_csr_rsa_key_below_1024"}},
		{"se01-rsa8192.inf", ctxSE, []string{"e_ocs_csr_rsa_key_over_4096"}},
		{"se01-ecdsa.inf", ctxSE, []string{"e_ocs_csr_cng_provider", "w_ocs_csr_not_rsa"}},
		{"se01-enhanced.inf", ctxSE, []string{"n_ocs_csr_provider_not_schannel"}},
		{"se01-certreq-enhanced.req", ctxSE, []string{"n_ocs_csr_provider_not_schannel"}},
		{"se01-schannel-type1.inf", ctxSE, []string{"n_ocs_csr_provider_not_schannel"}},
		{"se01-no-eku.inf", ctxSE, []string{"e_ocs_csr_missing_server_auth_eku"}},
		{"se01-client-auth.inf", ctxSE, []string{"e_ocs_csr_missing_server_auth_eku"}},
		{"se01-certreq-no-eku.req", ctxSE, []string{"e_ocs_csr_missing_server_auth_eku"}},
		{"se01-ku-80.inf", ctxSE, []string{"w_ocs_csr_key_usage_not_a0"}},
		{"se01-wildcard.inf", ctxSE, []string{"e_ocs_csr_wildcard"}},
		{"se01-cn-not-in-san.inf", ctxSE, []string{"w_ocs_csr_san_missing_subject_cn"}},
		{"se01-no-sip-fabrikam.inf", ctxSE, []string{"e_ocs_csr_names_profile"}},
		{"se01-no-sip-fabrikam.inf", ctxSEOne, nil}, // one SIP domain: sip.<domain> is not required
		{"se01-short-cn.inf", ctxSE, []string{"e_ocs_csr_names_profile", "w_ocs_csr_san_missing_subject_cn"}},
		{"pool01-member-cn.inf", ctxPool, []string{"e_ocs_csr_names_profile", "w_ocs_csr_san_missing_subject_cn"}},
		{"pool01-member-cn.req", ctxPool, []string{"e_ocs_csr_names_profile"}},
		{"pool01-not-exportable.inf", ctxPool, []string{"w_ocs_inf_not_exportable_shared"}},
		{"se01-wizard.inf", withFQDN(ctxPool, "se01.contoso.com"), []string{"e_ocs_csr_names_profile", "w_ocs_inf_not_exportable_shared"}},
		{"se01-bad-signature.req", ctxSE, []string{"e_ocs_csr_signature_invalid"}},
		{"se01-openssl-bare.csr", ctxSE, []string{"e_ocs_csr_missing_server_auth_eku", "e_ocs_csr_names_profile"}},
		// Without a role only the rules that need none run.
		{"pool01-member-cn.inf", noRole(), []string{"w_ocs_csr_san_missing_subject_cn"}},
		{"se01-ksp.inf", noRole(), []string{"e_ocs_csr_cng_provider"}},
	}
	r := requestRunner(t)
	for _, tc := range cases {
		t.Run(tc.file+"/"+string(tc.ctx.Role)+"/"+tc.ctx.FQDN, func(t *testing.T) {
			got, findings := lintRequestFile(t, r, tc.file, tc.ctx)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v: %+v", got, tc.want, findings)
			}
		})
	}
}

// TestRequestWithoutRules: a product without request rules does not pass a request unjudged.
func TestRequestWithoutRules(t *testing.T) {
	p, err := policy.Product("")
	if err != nil {
		t.Fatal(err)
	}
	var kept []policy.RuleSpec
	for _, r := range p.Rules {
		if !slices.Contains(onRequests(), r.Check) {
			kept = append(kept, r)
		}
	}
	p.Rules = kept
	obs := probe.LoadFile(fixture("requests", "se01-ksp.inf"), "")
	_, err = requestRunner(t).LintRequest(RequestInput{Request: obs.Request, Context: policy.Context{Product: p}})
	if err == nil || !strings.Contains(err.Error(), "no request rules for Office Communications Server 2007 R2") {
		t.Fatalf("got %v", err)
	}
}

// TestRequestRuleDetails pins what the findings say: the line of an INF setting, the UNCERTAIN caveat of the CNG
// rules, the names a request lacks.
func TestRequestRuleDetails(t *testing.T) {
	r := requestRunner(t)
	cases := []struct {
		file string
		ctx  policy.Context
		lint string
		want []string
	}{
		{"se01-ksp.inf", ctxSE, "e_ocs_csr_cng_provider", []string{`"Microsoft Software Key Storage Provider" (line 15)`, "UNCERTAIN"}},
		{"se01-certreq-ksp.req", ctxSE, "e_ocs_csr_cng_provider", []string{"Enrollment CSP attribute", "UNCERTAIN"}},
		{"se01-keyspec2.inf", ctxSE, "w_ocs_csr_keyspec_signature", []string{"KeySpec 2 (AT_SIGNATURE) (line 7)"}},
		{"se01-user-keyset.inf", ctxSE, "e_ocs_inf_user_keyset", []string{"MachineKeySet = FALSE (line 10)"}},
		{"se01-no-sip-fabrikam.inf", ctxSE, "e_ocs_csr_names_profile", []string{`the Subject Alternative Name lacks "sip.fabrikam.com"`}},
		{"pool01-member-cn.inf", ctxPool, "e_ocs_csr_names_profile", []string{`Subject CN "fe01.contoso.com" is not the pool's FQDN "pool01.contoso.com"`}},
		{"pool01-not-exportable.inf", ctxPool, "w_ocs_inf_not_exportable_shared", []string{"Exportable = FALSE (line 9)", "every member of the enterprise pool"}},
		{"se01-rsa1024.inf", ctxSE, "w_ocs_csr_rsa_key_below_2048", []string{"1024 is the OCS Certificate Wizard's default"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			_, findings := lintRequestFile(t, r, tc.file, tc.ctx)
			for _, f := range findings {
				if f.Lint != tc.lint {
					continue
				}
				for _, w := range tc.want {
					if !strings.Contains(f.Details, w) {
						t.Errorf("details %q lack %q", f.Details, w)
					}
				}
				return
			}
			t.Fatalf("no %s in %+v", tc.lint, findings)
		})
	}
	_, findings := lintRequestFile(t, r, "se01-no-sip-fabrikam.inf", ctxSE)
	if fix := findings[0].Remediation; !strings.Contains(fix, "CN=se01.contoso.com") || !strings.Contains(fix, "sip.fabrikam.com") {
		t.Errorf("remediation %q does not name the names to ask for", fix)
	}
}

// TestSANTooLarge: a request with the SIP domains of a large hosting deployment nears the 4096-character limit of
// a Windows CA.
func TestSANTooLarge(t *testing.T) {
	r := requestRunner(t)
	var domains []string
	for i := range 250 {
		domains = append(domains, "tenant"+strconv.Itoa(i)+".hosted-communications.example.com")
	}
	for _, n := range []int{10, 250} {
		ctx := withSIPDomains(ctxSE, domains[:n]...)
		names, err := ctx.RequiredNames()
		if err != nil {
			t.Fatal(err)
		}
		inf := "[NewRequest]\nSubject = \"CN=se01.contoso.com\"\nKeySpec = 1\nKeyLength = 2048\nMachineKeySet = TRUE\n" +
			"ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\nProviderType = 12\nKeyUsage = 0xa0\n" +
			"[EnhancedKeyUsageExtension]\nOID = 1.3.6.1.5.5.7.3.1\n[Extensions]\n2.5.29.17 = \"{text}\"\n"
		for _, name := range names.SAN {
			inf += "_continue_ = \"dns=" + name + "&\"\n"
		}
		req, err := probe.ParseINF([]byte(inf))
		if err != nil {
			t.Fatal(err)
		}
		findings, err := r.LintRequest(RequestInput{Request: req, Context: ctx})
		if err != nil {
			t.Fatal(err)
		}
		large := slices.ContainsFunc(findings, func(f Finding) bool { return f.Lint == "w_ocs_csr_san_extension_too_large" })
		if large != (n == 250) || len(findings) != map[bool]int{true: 1, false: 0}[n == 250] {
			t.Fatalf("%d SIP domains (%d SAN bytes): %+v", n, req.SANSize, findings)
		}
	}
}

// TestRequestRulesSkipCertificates: the request rules do not apply to certificates, and LintRequest runs no
// certificate-only rule (validity, CRL distribution point, chain).
func TestRequestRulesSkipCertificates(t *testing.T) {
	r := requestRunner(t)
	findings, err := r.Lint(input(t, "se01", ctxSE))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if strings.Contains(f.Lint, "_csr_") || strings.Contains(f.Lint, "_inf_") {
			t.Errorf("a request rule on a certificate: %+v", f)
		}
	}
	ids, _ := lintRequestFile(t, r, "se01-openssl-bare.csr", ctxSE)
	for _, id := range ids {
		if !strings.Contains(id, "_csr_") && !strings.Contains(id, "_inf_") {
			t.Errorf("a certificate rule on a request: %s", id)
		}
	}
}

// TestRequestOfCertificateNames: a request asking for exactly the names of a good certificate fixture passes the
// request rules, and the certificate rules agree: RequiredNames is what the name rules check.
func TestRequestOfCertificateNames(t *testing.T) {
	for _, tc := range []struct {
		cert string
		ctx  policy.Context
	}{{"se01", ctxSE}, {"pool01", ctxPool}, {"dir01", ctxDir}, {"dirpool01", ctxDirPool}} {
		names, err := tc.ctx.RequiredNames()
		if err != nil {
			t.Fatal(err)
		}
		l, _ := leaf(t, tc.cert)
		if names.Subject != l.Subject.CommonName {
			t.Errorf("%s: RequiredNames subject %q, certificate %q", tc.cert, names.Subject, l.Subject.CommonName)
		}
		for _, n := range names.SAN {
			if !slices.Contains(l.DNSNames, n) {
				t.Errorf("%s: RequiredNames asks for %q, the good certificate lacks it (%v)", tc.cert, n, l.DNSNames)
			}
		}
	}
}

// BenchmarkLintRequest lints a certreq-style CSR against the pool's rules.
func BenchmarkLintRequest(b *testing.B) {
	r := requestRunner(b)
	obs := probe.LoadFile(fixture("requests", "pool01-member-cn.req"), "")
	if obs.Err != nil {
		b.Fatal(obs.Err)
	}
	in := RequestInput{Request: obs.Request, Context: ctxPool}
	for b.Loop() {
		if _, err := r.LintRequest(in); err != nil {
			b.Fatal(err)
		}
	}
}
