package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// The DNS rules judge what DNS answers for a SIP domain (and, at the places it leads clients to, the certificate
// presented there). They are registered as zlint certificate lints for their metadata (uclint lints lists them)
// but never apply in the per-certificate pass: DNSFindings and PlaceFindings run them.

// dnsProduct is the product whose clients the DNS rules describe (Communicator 2007 R2, Communicator Phone Edition
// find their server through DNS): the rules register under its source (dnsSource), and their remediations name
// how its administrator gets a new certificate (wizardRequest).
var (
	dnsProduct, _ = policy.Product("ocs2007r2")
	dnsSource     = zlint.LintSource(dnsProduct.Source)
	wizardRequest = requestWith(dnsProduct)
)

// Public sources of the DNS rules.
const (
	citeAutoSignIn       = "Microsoft, OCS 2007 R2: Requirements for Automatic Client Sign-In, http://technet.microsoft.com/en-us/library/bb870344.aspx"
	citeAutoSignInDNS    = "Microsoft, OCS 2007: Required DNS Records for Automatic Client Sign-In, https://technet.microsoft.com/en-us/library/bb663700(v=Office.12)"
	citeClientQueries    = "Microsoft, OCS 2007 R2: Client DNS Queries Drilldown, https://learn.microsoft.com/zh-cn/previous-versions/office/dd572514(v=office.13)"
	citePhoneQueries     = "Microsoft, OCS 2007 R2: DNS queries of Communicator Phone Edition (topic a22cf815), http://unifiedpeople.ru/ocs2007r2.en/html/a22cf815-8c30-4abc-aa53-1c8006c740e8.htm"
	citeEdgeDNS          = "Microsoft, OCS 2007 R2: Edge Server DNS settings (topic e34602d8), http://unifiedpeople.ru/ocs2007r2.en/html/e34602d8-20f3-46ae-b164-1a3565d612a9.htm"
	citeEdgeDNS2007      = "Microsoft, OCS 2007: DNS Requirements (Edge), https://learn.microsoft.com/en-us/previous-versions/office/communications-server/bb870404(v=office.12)"
	citeStrictNaming     = "Microsoft, Lync group policy DisableStrictDNSNaming (ADMX text), https://uitranslation.com/?term=95b248ad4ce1"
	citeLyncAutoSignIn   = "Microsoft, Lync Server 2013: DNS requirements for automatic client sign-in, https://technet.microsoft.com/en-us/library/Gg425884(v=OCS.15)"
	citeSfBDNS           = "Microsoft, DNS requirements for Skype for Business Server 2015, https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/dns"
	citeSfBEnvironment   = "Microsoft, Environmental requirements for Skype for Business Server 2015 (certificates), https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/requirements-for-your-environment/environmental-requirements"
	citeSchertzCU7       = "J. Schertz, Lync Phone Edition CU7 registration issues, http://blog.schertz.name/2013/08/lync-phone-edition-cu7-registration-issues/"
	citeResKitDNS        = "OCS 2007 R2 Resource Kit, Impact on Server Certificates, https://aigencon.com/view/book/EB9780735626355_38.html"
	citeInsideOCSSubject = "InsideOCS, Making Office Communicator sign-in work, part 2: the correct Subject Name, http://blog.insideocs.com/2008/09/14/making-office-communicator-sign-in-work-part-2-%e2%80%93-ensuring-the-correct-subject-name-on-the-certificate/"
	citeInsideOCSDNS     = "InsideOCS, DNS records and Office Communicator automatic client sign-in, http://blog.insideocs.com/2008/08/19/dns-records-and-office-communicator-automatic-client-sign-in/"
	citeShudnowPIC       = "E. Shudnow, Public IM connectivity and multiple SIP domains, https://www.shudnow.net/2008/09/03/public-im-connectivity-and-multiple-sip-domains/"
)

// registerDNSRule registers a DNS rule for its metadata: it never applies to a certificate on its own. remediation
// is the general fix 'uclint lints' can show; each finding carries its own.
func registerDNSRule(name, description, citation, remediation string) {
	zlint.RegisterCertificateLint(&zlint.CertificateLint{
		LintMetadata: zlint.LintMetadata{Name: name, Description: description, Citation: citation, Source: dnsSource},
		Lint:         func() zlint.CertificateLintInterface { return dnsPassOnly{remediation: remediation} },
	})
}

// dnsPassOnly stands for a DNS rule in zlint's registry: it applies to no certificate in the per-certificate
// pass.
type dnsPassOnly struct{ remediation string }

func (dnsPassOnly) scope() Scope { return ScopeDNS }

// CheckApplies is false: the rule runs in the DNS pass.
func (dnsPassOnly) CheckApplies(*x509.Certificate) bool { return false }

// Execute is never reached (CheckApplies is false).
func (dnsPassOnly) Execute(*x509.Certificate) *zlint.LintResult {
	return &zlint.LintResult{Status: zlint.NA}
}

// Remediation is the rule's general fix.
func (l dnsPassOnly) Remediation(*x509.Certificate) string { return l.remediation }

// dnsFinding builds a finding of a DNS rule; severity, citation and source come from the rule's ID and registered
// metadata.
func dnsFinding(name, details, remediation string) Finding {
	f := Finding{Lint: name, Status: SeverityOfName(name), Details: details, Remediation: remediation, Source: string(dnsSource)}
	if l := zlint.GlobalRegistry().CertificateLints().ByName(name); l != nil {
		f.Citation, f.Source = l.Citation, string(l.Source)
	}
	return f
}

// DNSInput is what the DNS rules judge: the answers for every SIP domain of a deployment.
type DNSInput struct {
	// Domains holds one observation per SIP domain.
	Domains []probe.SIPDomainObservation
	// AutoConfig says the deployment relies on automatic client sign-in (--auto-config): a SIP domain that
	// answers none of its records is then an error.
	AutoConfig bool
	// Listed are the SIP domains the deployment file lists (sip_domains) and ListedIn names that file; "" when
	// there is none. A SIP domain clients sign in with (its sign-in records answer) that the file does not list is
	// then reported.
	Listed   []string
	ListedIn string
}

// DomainFindings are the DNS findings of one SIP domain.
type DomainFindings struct {
	Domain   string
	Findings []Finding
}

// dnsDomainRule is a DNS rule that needs only DNS answers: it judges one SIP domain, seeing the others.
type dnsDomainRule func(d *probe.SIPDomainObservation, in *DNSInput) []Finding

// dnsDomainRules are the rules DNSFindings runs, each defined in its own file.
func dnsDomainRules() []dnsDomainRule {
	return []dnsDomainRule{
		checkNoAutoConfigRecord, checkAutoConfigWinner, checkSRVTargetOutsideSIPDomain, checkSRVTargetNeedsSuffixPolicy,
		checkMultipleAutoConfigSRV, checkSRVTargetIsCNAME, checkSRVPortUnusual, checkTCPAutoConfigPresent,
		checkFederationTargetOutsideDomain, checkSIPDomainNotInDeployment,
	}
}

// DNSFindings runs the rules that need only DNS answers over every SIP domain of in, and returns each domain's
// findings (most severe first) in the order of in.Domains. A domain that could not be looked up at all
// (observation Err) gets none: its errors are the caller's to report. A lookup that failed never counts as a
// record that is missing.
func DNSFindings(in DNSInput) []DomainFindings {
	out := make([]DomainFindings, len(in.Domains))
	for i := range in.Domains {
		d := &in.Domains[i]
		out[i].Domain = d.Domain
		if d.Err != nil {
			continue
		}
		for _, rule := range dnsDomainRules() {
			out[i].Findings = append(out[i].Findings, rule(d, &in)...)
		}
		SortFindings(out[i].Findings)
	}
	return out
}

// autoConfigServices are the SRV records clients use to sign in, in Communicator 2007 R2's order (federation is
// not sign-in).
func autoConfigServices() []string {
	return []string{probe.ServiceInternalTLS, probe.ServiceInternalTCP, probe.ServiceExternalTLS}
}

// usableRecords returns the SRV records of a lookup that point at a host (not "." — service not offered).
func usableRecords(l *probe.SRVLookup) []probe.SRVRecord {
	if l == nil || l.Status != probe.Found {
		return nil
	}
	var out []probe.SRVRecord
	for _, r := range l.Records {
		if !r.NotOffered() {
			out = append(out, r)
		}
	}
	return out
}

// recordsWhere returns the records of a lookup that point at a host and for which keep holds.
func recordsWhere(l *probe.SRVLookup, keep func(r probe.SRVRecord) bool) []probe.SRVRecord {
	var out []probe.SRVRecord
	for _, r := range usableRecords(l) {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// targetOutside says whether an SRV record's target is outside domain: neither the domain nor a name in it.
func targetOutside(domain string) func(r probe.SRVRecord) bool {
	return func(r probe.SRVRecord) bool {
		_, inside := depthBelow(r.Target, domain)
		return !inside
	}
}

// targetList formats the distinct targets of records: "pool01.contoso.com:5061" and "pool02.contoso.com:5061".
func targetList(records []probe.SRVRecord) string {
	var names []string
	seen := map[string]bool{}
	for _, r := range records {
		if key := hostPort(policy.NormalizeName(r.Target), r.Port); !seen[key] {
			seen[key] = true
			names = append(names, hostPort(r.Target, r.Port))
		}
	}
	return quoteList(names)
}
