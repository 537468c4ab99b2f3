package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// How a request is judged. A certificate request (a CSR, or the certreq INF file that makes one) is judged before
// any certificate exists, by the same profile data as the certificate that will be issued from it: the request
// rules (csr_*, inf_*) run on a certificate made from what the request asks for — its Subject, SAN, Key Usage and
// EKU — with the request itself in the target (Target.Request) for what only a request says (the Windows key
// provider, KeySpec, MachineKeySet, Exportable, the CSR's signature). The name rules are not written twice:
// e_ocs_csr_names_profile runs the product's own name checks (names, cn_fqdn, multiple_cn) on that certificate, so
// a request passes them exactly when a certificate with its names would. The key rules read the request's key
// algorithm and size (for an INF, its KeyAlgorithm and KeyLength) against the product's key limits. Rules about
// what only a certificate has (validity, the CA's signature, the chain, CRL distribution points) do not run on a
// request; zlint's RFC lints neither.

// onRequests are the checks that judge a request (LintRequest runs only these).
func onRequests() []string {
	return []string{
		"request_names", "request_wildcard", "request_cn_in_san", "request_server_auth_eku", "request_key_usage",
		"request_key_algorithm", "request_rsa_max", "request_rsa_min", "request_rsa_recommended",
		"request_key_length_default", "request_signature", "request_cng_provider", "request_provider_missing",
		"request_provider_not_schannel", "request_keyspec_signature", "request_user_keyset",
		"request_not_exportable_shared", "request_san_too_large",
	}
}

// RequestInput is one certificate request to lint, with what must hold for the certificate it asks for.
type RequestInput struct {
	Request *probe.Request
	// Context is what must hold for the certificate; the zero value lints without a role.
	Context policy.Context
}

// LintRequest runs the request rules of the context's product on a certificate request and returns the findings,
// most severe first. A product whose profile has no request rules is an error: a request is not passed unjudged.
func (r *Runner) LintRequest(in RequestInput) ([]Finding, error) {
	if in.Request == nil {
		return nil, fmt.Errorf("no certificate request to lint")
	}
	t := &Target{Context: in.Context, Request: in.Request}
	p := t.Context.Profile()
	only := map[string]bool{}
	for _, spec := range p.Rules {
		if slices.Contains(onRequests(), spec.Check) {
			only[p.RuleID(spec.Rule)] = true
		}
	}
	if len(only) == 0 {
		return nil, fmt.Errorf("uclint has no request rules for %s yet: check the certificate the CA issues instead", p.Name)
	}
	return r.lintTarget(RequestCertificate(in.Request), t, only), nil
}

// RequestCertificate is the certificate a request asks for, as far as the rules read it: its Subject (every CN),
// SAN DNS names, Key Usage, EKU and the extensions requested. It holds no key, validity or signature: the request
// rules read those from the request itself.
func RequestCertificate(r *probe.Request) *x509.Certificate {
	c := &x509.Certificate{RawSubject: r.RawSubject, DNSNames: slices.Clone(r.DNSNames), KeyUsage: x509.KeyUsage(r.KeyUsage)}
	var rdns pkix.RDNSequence
	if rest, err := asn1.Unmarshal(r.RawSubject, &rdns); err == nil && len(rest) == 0 {
		c.Subject.FillFromRDNSequence(&rdns)
	}
	for _, e := range r.Extensions {
		c.Extensions = append(c.Extensions, pkix.Extension{Id: asn1.ObjectIdentifier(e.OID), Critical: e.Critical, Value: e.Value})
	}
	for _, oid := range r.ExtKeyUsage {
		switch {
		case oid.Equal([]int{1, 3, 6, 1, 5, 5, 7, 3, 1}):
			c.ExtKeyUsage = append(c.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
		case oid.Equal([]int{2, 5, 29, 37, 0}):
			c.ExtKeyUsage = append(c.ExtKeyUsage, x509.ExtKeyUsageAny)
		}
	}
	return c
}

// requestRule is what every request rule holds: its rule, and the request of its target.
type requestRule struct{ rule }

func (requestRule) scope() Scope { return ScopeRequest }

// req is the request being judged; nil for a certificate.
func (l *requestRule) req() *probe.Request { return l.target().Request }

// at names where an INF sets key, for messages: " (line 7)"; "" for a CSR or a key the INF does not set.
func (l *requestRule) at(key string) string {
	if n := l.req().Line(key); n > 0 {
		return fmt.Sprintf(" (line %d)", n)
	}
	return ""
}

// inf reports whether the request is a certreq INF file.
func (l *requestRule) inf() bool { return l.req() != nil && l.req().Format == probe.RequestINF }

// what names the request in a message: "the INF" or "the CSR".
func (l *requestRule) what() string {
	if l.inf() {
		return "the INF"
	}
	return "the CSR"
}

// remake is the fix for a request that asks for the wrong thing: make it again, with uclint request when the role
// is known.
func (l *requestRule) remake(change string) string {
	how := "make the request again"
	if l.ctx().Role != "" {
		how += " (uclint request --format inf writes one that passes)"
	}
	return fmt.Sprintf("%s %s", how, change)
}

// mirror is a request rule made of the product's certificate rules: it runs the rules implemented by its checks
// on the certificate the request asks for, and reports what they find under its own ID.
type mirror struct {
	requestRule
	checks []string
}

func init() {
	for check, mirrored := range map[string][]string{
		"request_names":     {"names", "cn_fqdn", "multiple_cn"},
		"request_wildcard":  {"wildcard"},
		"request_cn_in_san": {"cn_in_san"},
	} {
		register(check, func(r rule) zlint.CertificateLintInterface {
			return &mirror{requestRule: requestRule{r}, checks: mirrored}
		})
	}
}

// CheckApplies to requests.
func (l *mirror) CheckApplies(c *x509.Certificate) bool { return l.req() != nil }

// found runs the mirrored rules and returns the details of those that do not pass.
func (l *mirror) found(c *x509.Certificate) []string {
	var details []string
	for _, spec := range l.product.Rules {
		if !slices.Contains(l.checks, spec.Check) {
			continue
		}
		cl := zlint.GlobalRegistry().CertificateLints().ByName(l.product.RuleID(spec.Rule))
		if cl == nil {
			continue
		}
		if res, _ := runOurs(cl, c, l.t); SeverityOf(res.Status) != 0 {
			details = append(details, res.Details)
		}
	}
	return details
}

// Execute reports what the mirrored rules found, in the request's terms.
func (l *mirror) Execute(c *x509.Certificate) *zlint.LintResult {
	details := l.found(c)
	if len(details) == 0 {
		return pass()
	}
	return l.result("%s asks for a certificate that would fail: %s", l.what(), strings.Join(details, "; "))
}

// Remediation says which names to ask for.
func (l *mirror) Remediation(c *x509.Certificate) string {
	ctx := l.ctx()
	names, err := ctx.RequiredNames()
	switch {
	case slices.Contains(l.checks, "wildcard"):
		if err == nil {
			return l.remake("listing every name explicitly: " + plainList(names.SAN))
		}
		return l.remake("listing every name explicitly instead of the wildcard")
	case slices.Contains(l.checks, "cn_in_san"):
		return fmt.Sprintf("add the Subject CN to the SAN too (dns=%s in the INF's 2.5.29.17 {text} list, DNS.n = %s in an OpenSSL configuration)", subjectCN(c), subjectCN(c))
	case err == nil:
		return l.remake(fmt.Sprintf("with Subject CN=%s and the SAN %s", names.Subject, plainList(names.SAN)))
	}
	return l.remake("with the role's FQDN as Subject CN: one CN, a fully qualified name")
}
