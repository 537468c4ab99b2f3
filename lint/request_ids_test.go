package lint

import (
	"testing"

	zlint "github.com/zmap/zlint/v3/lint"
)

// requestRuleIDs are the IDs of the rules on requests, PFX files and the era's clients: a contract (reports,
// baselines and users' --fail-on decisions name them), so a rename fails this test.
var requestRuleIDs = []string{
	"e_ocs_csr_names_profile", "e_ocs_csr_wildcard", "w_ocs_csr_san_missing_subject_cn",
	"e_ocs_csr_missing_server_auth_eku", "w_ocs_csr_key_usage_not_a0", "w_ocs_csr_not_rsa",
	"e_ocs_csr_rsa_key_over_4096", "e_ocs_csr_rsa_key_below_1024", "w_ocs_csr_rsa_key_below_2048",
	"n_ocs_csr_rsa_1024_wizard_default", "e_ocs_csr_signature_invalid", "e_ocs_csr_cng_provider",
	"w_ocs_inf_provider_missing", "n_ocs_csr_provider_not_schannel", "w_ocs_csr_keyspec_signature",
	"e_ocs_inf_user_keyset", "w_ocs_inf_not_exportable_shared", "w_ocs_csr_san_extension_too_large",
	"e_ocs_pfx_cng_provider", "w_ocs_pfx_aes_encryption", "n_ocs_pfx_no_provider_attribute",
	"w_ocs_sha2_legacy_windows", "e_ocs_sha224_signature", "w_ocs_phone_edition_strong_root", "w_ocs_lpe_sha256",
	"w_ocs_wildcard_san_before_fqdn", "w_ocs_tls10_not_offered", "w_ocs_aes_only_suites",
}

func TestRequestRuleIDs(t *testing.T) {
	for _, id := range requestRuleIDs {
		l := zlint.GlobalRegistry().CertificateLints().ByName(id)
		if l == nil {
			t.Errorf("%s is not registered", id)
			continue
		}
		if l.Source != "OCS2007R2" || l.Citation == "" || l.Description == "" {
			t.Errorf("%s: source %q, citation %q", id, l.Source, l.Citation)
		}
	}
}
