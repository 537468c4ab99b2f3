package main

import "strings"

// example is a uclint command that shows a rule at work on the repository's fixtures, and the target of its
// report to look at. TestExplainExamples runs every one, so an example cannot drift from what the rule does.
type example struct {
	env  []string // environment the command needs, e.g. SSL_CERT_FILE=fixtures/pki/public-root.pem
	args []string // uclint's arguments, paths relative to the repository's root
	// target names the report target: the file checked, or "server member endpoint" of the demo (member "-").
	target string
}

// ruleExamples are a rule's failing and passing examples, or why it has none yet.
type ruleExamples struct {
	fail, pass example
	none       string // why there is no example (both fail and pass are zero)
}

// String is the example as a command line.
func (e example) String() string {
	return strings.Join(append(append([]string{}, e.env...), append([]string{"uclint"}, e.args...)...), " ")
}

// fixtureAt is the time the fixtures are judged at: their validity windows are built around it.
const fixtureAt = "2026-06-01T00:00:00Z"

// checkOn is the example 'uclint check' of a fixture certificate with the rules of a server of the fixture
// deployment file.
func checkOn(server, cert string, extra ...string) example {
	file := "fixtures/pki/" + cert + ".pem"
	args := append([]string{"check", "--config", "fixtures/deployments/contoso.yaml", "--server", server, "--at", fixtureAt}, extra...)
	return example{args: append(args, file), target: file}
}

// demoOn is the example 'uclint demo', looking at one of its endpoints.
func demoOn(target string) example { return example{args: []string{"demo"}, target: target} }

func se01(fail string) ruleExamples {
	return ruleExamples{fail: checkOn("se01", fail), pass: checkOn("se01", "se01")}
}

func pool01(fail string) ruleExamples {
	return ruleExamples{fail: checkOn("pool01", fail), pass: checkOn("pool01", "pool01")}
}

// examples are the examples of the OCS 2007 R2 rules, by rule (the ID without severity and product).
var examples = map[string]ruleExamples{
	"subject_cn_not_role_fqdn":         pool01("pool01-member-cn"),
	"san_missing_sip_domain":           pool01("pool01-missing-sip-fabrikam"),
	"san_missing_web_farm":             pool01("pool01-no-web-farm"),
	"web_components_name_mismatch":     {fail: demoOn("pool01 fe02.contoso.com web"), pass: demoOn("pool01 fe01.contoso.com web")},
	"subject_cn_not_fqdn":              se01("se01-short-cn"),
	"subject_multiple_cn":              se01("se01-two-cn"),
	"name_trailing_dot":                se01("se01-trailing-dot"),
	"wildcard_name":                    se01("se01-wildcard"),
	"san_missing_subject_cn":           se01("se01-cn-not-in-san"),
	"missing_server_auth_eku":          se01("se01-client-auth-only"),
	"missing_crl_distribution_point":   se01("se01-no-crl-dp"),
	"non_rsa_key":                      se01("se01-ecdsa"),
	"rsa_key_below_1024":               se01("se01-rsa512"),
	"rsa_key_below_2048":               se01("se01-rsa1024"),
	"rsa_key_over_4096":                se01("se01-rsa4608"),
	"sha1_signature":                   se01("se01-sha1"),
	"md5_signature":                    se01("se01-md5"),
	"rsassa_pss_signature":             se01("se01-pss"),
	"key_usage_lacks_key_encipherment": se01("se01-no-key-encipherment"),
	"rsa_key_exchange_without_key_encipherment": {none: "it judges the key exchange a live endpoint negotiates, and the " +
		"simulated deployment has no endpoint with such a certificate (lint/key_encipherment_test.go shows it)"},
	"certificate_expired":           se01("se01-expired"),
	"certificate_not_yet_valid":     se01("se01-not-yet-valid"),
	"certificate_expiring_soon":     se01("se01-expiring-soon"),
	"certificate_expiring_critical": {fail: checkOn("se01", "se01-expiring-soon", "--expiry-critical", "30d"), pass: checkOn("se01", "se01-expiring-soon")},
	"chain_untrusted":               se01("se01-rogue"),
	"public_ca": {
		fail: withEnv(checkOn("se01", "se01-public"), "SSL_CERT_FILE=fixtures/pki/public-root.pem"),
		pass: withEnv(checkOn("se01", "se01"), "SSL_CERT_FILE=fixtures/pki/public-root.pem"),
	},
	"chain_incomplete": {none: "it judges what a live endpoint sends, and every endpoint of the simulated deployment " +
		"sends its intermediate CA (lint/chain_incomplete_test.go shows it)"},
	"pool_members_differ": {fail: demoOn("pool01 fe01.contoso.com sip"), pass: demoOn("se01 - sip")},
	"server_cannot_use_private_key": {none: "it judges a handshake that breaks after the server's certificate, and every " +
		"server of the simulated deployment holds its key (audit's TestServerCannotUsePrivateKey runs a server that cannot)"},
	"sni_certificates_differ": {none: "it compares what an endpoint presents with and without a server name (scan --sni both), " +
		"and the simulated deployment presents the same certificate either way (audit's tests show it)"},
}

func withEnv(e example, env ...string) example {
	e.env = append(e.env, env...)
	return e
}
