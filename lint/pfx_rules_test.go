package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/probe"
)

// TestPFXRules lints the certificate of each PFX fixture with the packaging the file shows: OpenSSL-made files
// naming a CNG provider, the SChannel provider or the Enhanced provider, and the Go-made ones naming none.
func TestPFXRules(t *testing.T) {
	pfxRules := []string{"e_ocs_pfx_cng_provider", "w_ocs_pfx_aes_encryption", "n_ocs_pfx_no_provider_attribute", "n_ocs_csr_provider_not_schannel"}
	cases := []struct {
		file []string
		want []string
	}{
		{[]string{"requests", "se01-schannel-3des.pfx"}, nil},
		{[]string{"requests", "se01-ksp.pfx"}, []string{"e_ocs_pfx_cng_provider", "w_ocs_pfx_aes_encryption"}},
		{[]string{"requests", "se01-enhanced-3des.pfx"}, []string{"n_ocs_csr_provider_not_schannel"}},
		{[]string{"pki", "formats", "se01-aes.pfx"}, []string{"n_ocs_pfx_no_provider_attribute", "w_ocs_pfx_aes_encryption"}},
		{[]string{"pki", "formats", "se01-legacy.pfx"}, []string{"n_ocs_pfx_no_provider_attribute"}},
		{[]string{"pki", "formats", "se01.p12"}, []string{"n_ocs_pfx_no_provider_attribute"}},
	}
	r := requestRunner(t)
	for _, tc := range cases {
		t.Run(tc.file[len(tc.file)-1], func(t *testing.T) {
			obs := probe.LoadFile(fixture(tc.file...), fixtures.PFXPassword)
			if obs.Err != nil {
				t.Fatal(obs.Err)
			}
			findings, err := r.Lint(Input{Leaf: obs.Leaf, Chain: obs.Chain, Context: ctxSE, At: at, PFX: obs.PFX})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				if slices.Contains(pfxRules, f.Lint) {
					got = append(got, f.Lint)
					if f.Lint == "w_ocs_pfx_aes_encryption" && !strings.Contains(f.Remediation, "-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES") {
						t.Errorf("the AES remediation gives no 3DES command: %q", f.Remediation)
					}
					if f.Lint == "e_ocs_pfx_cng_provider" && !strings.Contains(f.Details, "UNCERTAIN") {
						t.Errorf("the CNG finding lacks the caveat: %q", f.Details)
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	// A certificate from a PEM file has no packaging: the PFX rules do not apply.
	findings, err := r.Lint(input(t, "se01", ctxSE))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if slices.Contains(pfxRules, f.Lint) {
			t.Errorf("%s on a PEM file", f.Lint)
		}
	}
}

// TestPFXPBES2With3DES: PBES2 with DES-EDE3-CBC is still PBES2, which Windows Server 2003 and 2008 cannot import:
// the rule fires, and its message names the encryption the file has, not AES.
func TestPFXPBES2With3DES(t *testing.T) {
	in := input(t, "se01", ctxSE)
	in.PFX = &probe.PFXInfo{KeyProviders: []string{schannelProvider}, Encryption: []string{"PBES2 (DES-EDE3-CBC)"}, PBES2: true, MAC: "SHA-256"}
	res, fix := runRule(t, "w_ocs_pfx_aes_encryption", in)
	if SeverityOf(res.Status) != Warn || !strings.Contains(res.Details, "PBES2 (DES-EDE3-CBC), with a SHA-256 MAC") ||
		strings.Contains(res.Details, "AES") || !strings.Contains(fix, "-keypbe PBE-SHA1-3DES") {
		t.Fatalf("%v %q, fix %q", res.Status, res.Details, fix)
	}
	in.PFX = &probe.PFXInfo{KeyProviders: []string{schannelProvider}, Encryption: []string{"pbeWithSHAAnd3-KeyTripleDES-CBC"}, MAC: "SHA-1"}
	if res, _ := runRule(t, "w_ocs_pfx_aes_encryption", in); SeverityOf(res.Status) != 0 {
		t.Fatalf("PKCS #12's own 3DES: %v %q", res.Status, res.Details)
	}
}
