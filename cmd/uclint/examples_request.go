package main

import (
	"maps"
	"strings"
)

// checkRequest is the example 'uclint check' of a request or PFX fixture (fixtures/requests/, or a path under
// fixtures/) with the rules of a server of the fixture deployment file.
func checkRequest(server, file string) example {
	path := "fixtures/requests/" + file
	if strings.HasPrefix(file, "fixtures/") {
		path = file
	}
	return example{args: []string{"check", "--config", "fixtures/deployments/contoso.yaml", "--server", server, "--at", fixtureAt, path}, target: path}
}

// requestExamples is a failing and a passing request of the Standard Edition server se01.
func requestExamples(fail string) ruleExamples {
	return ruleExamples{fail: checkRequest("se01", fail), pass: checkRequest("se01", "se01-wizard.inf")}
}

// pfx is a failing and a passing PFX file, opened with the fixtures' password.
func pfx(fail, pass string) ruleExamples {
	const password = "UCLINT_PFX_PASSWORD=Contoso-Test-2026" //nolint:gosec // the published password of the test fixtures
	return ruleExamples{fail: withEnv(checkRequest("se01", fail), password), pass: withEnv(checkRequest("se01", pass), password)}
}

// se01Clients is a check of the Standard Edition server's good certificate with the clients given.
func se01Clients(list string) example { return checkOn("se01", "se01", "--clients", list) }

// The examples of the rules on requests, PFX files and the era's clients (profile_ocs2007r2_requests.go).
func init() {
	maps.Copy(examples, map[string]ruleExamples{
		"csr_names_profile":           requestExamples("se01-no-sip-fabrikam.inf"),
		"csr_wildcard":                requestExamples("se01-wildcard.inf"),
		"csr_san_missing_subject_cn":  requestExamples("se01-cn-not-in-san.inf"),
		"csr_missing_server_auth_eku": requestExamples("se01-certreq-no-eku.req"),
		"csr_key_usage_not_a0":        requestExamples("se01-ku-80.inf"),
		"csr_not_rsa":                 requestExamples("se01-ecdsa.inf"),
		"csr_rsa_key_over_4096":       requestExamples("se01-rsa8192.inf"),
		"csr_rsa_key_below_1024":      requestExamples("se01-rsa512.inf"),
		"csr_rsa_key_below_2048":      requestExamples("se01-rsa1024.inf"),
		"csr_rsa_1024_wizard_default": requestExamples("se01-no-keylength.inf"),
		"csr_signature_invalid":       {fail: checkRequest("se01", "se01-bad-signature.req"), pass: checkRequest("se01", "se01-certreq.req")},
		"csr_cng_provider":            {fail: checkRequest("se01", "se01-certreq-ksp.req"), pass: checkRequest("se01", "se01-certreq.req")},
		"inf_provider_missing":        requestExamples("se01-no-provider.inf"),
		"csr_provider_not_schannel":   requestExamples("se01-enhanced.inf"),
		"csr_keyspec_signature":       requestExamples("se01-keyspec2.inf"),
		"inf_user_keyset":             requestExamples("se01-user-keyset.inf"),
		"inf_not_exportable_shared": {fail: checkRequest("pool01", "pool01-not-exportable.inf"),
			pass: checkRequest("pool01", "pool01.inf")},
		"csr_san_extension_too_large": {none: "it needs a request with hundreds of SIP domains (lint's TestSANTooLarge makes " +
			"one with 250)"},
		"pfx_cng_provider":          pfx("se01-ksp.pfx", "se01-schannel-3des.pfx"),
		"pfx_aes_encryption":        pfx("se01-ksp.pfx", "se01-schannel-3des.pfx"),
		"pfx_no_provider_attribute": pfx("fixtures/pki/formats/se01-aes.pfx", "se01-schannel-3des.pfx"),
		"sha2_legacy_windows":       {fail: se01Clients("xp-sp2"), pass: se01Clients("xp-sp3")},
		"sha224_signature": {none: "no fixture is signed with SHA-224 (lint's TestClientSignatureRules and TestSHA224OpenSSL " +
			"sign them with Go and OpenSSL)"},
		"phone_edition_strong_root": {none: "no fixture CA has a 4096-bit key (lint's TestClientSignatureRules makes one)"},
		"lpe_sha256":                {fail: se01Clients("lync-phone-edition"), pass: se01Clients("phone-edition")},
		"wildcard_san_before_fqdn": {none: "no fixture lists a wildcard before its FQDN (lint's TestWildcardBeforeFQDN makes " +
			"them)"},
		"tls10_not_offered": {none: "it judges what a live endpoint offers Windows XP clients (scan --clients), and every " +
			"server of the simulated deployment speaks TLS 1.0 (audit's TestRunLegacyClients runs one that does not)"},
		"aes_only_suites": {none: "it judges what a live endpoint offers Windows XP clients (scan --clients), and every " +
			"server of the simulated deployment offers 3DES (audit's TestRunLegacyClients runs one that does not)"},
	})
}
