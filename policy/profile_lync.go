package policy

// What Lync Server 2010, Lync Server 2013 and Skype for Business Server 2015 and 2019 share: one table of internal
// server certificates (Default, Web internal, Web external; OAuthTokenIssuer from 2013) per role, per-server
// certificates whose SAN adds the server's own FQDN, simple URLs and lyncdiscover names on the web certificates,
// wildcards only in their SAN. Each product's file (profile_lync2010.go, ...) gives its sources and the few rules
// in which the versions differ; the helpers here build the roles and rules from them.
//
// Where Microsoft's own pages disagree, the rule is a warning whose text names both readings:
//   - the Front End pool "Web external" row lists the dial-in and admin URLs, its example the meet and dial-in URLs
//     (the Lync Server 2013 Director row too; the Skype for Business Director row lists meet): meet URLs missing
//     from those certificates is a warning; the admin URL, which the reverse proxy never publishes, is not required
//     there;
//   - the Front End pool "Web internal" row gives the pool FQDN as Subject Name, its example the server FQDN: both
//     are accepted;
//   - the Director "Web internal" row lists the Director pool FQDN, its example leaves it out; the Skype for
//     Business Director "Default" example leaves the pool FQDN out of the SAN that its row lists: warnings;
//   - lyncdiscoverinternal/lyncdiscover: the mobility tables put them on "the Director pool and Front End pool
//     certificates", the Lync Server 2013 Autodiscover summary on the Default certificate, and the DNS summary
//     writes lyncdiscoverinternal.<internal domain name> where the others write <sipdomain>: any of the server's
//     certificates that may carry them will do (checked across them), and a name under another domain is a warning;
//   - the OAuthTokenIssuer certificate: "at least 2048 bits" (server-to-server authentication pages), "minimum key
//     length 1024" (Lync Server 2013 certificate summaries): a warning for Lync Server 2013, an error for Skype for
//     Business, whose pages say only 2048;
//   - elliptic-curve keys: the tables list ECDH_P256/P384/P521 as supported, but such keys live only in a CNG key
//     provider, which these products do not support: a warning.
//
// CNG (Key Storage Provider) keys are unsupported by all four; that shows only in a request or a PFX, never in a
// certificate, and is judged where those are read. The private keys of internal servers are non-exportable
// (Exportable); the OAuthTokenIssuer certificate is the same on every Front End Server, so its key is exportable.
//
// Default endpoints: the Default certificate on 5061 (SIP over TLS and MTLS), the internal web site on 443 and the
// external web site on 4443, where the reverse proxy forwards what it publishes on 443 (Skype for Business Server
// 2015: Port and protocol requirements for servers).

// lyncEdition is what sets one Lync or Skype for Business version apart.
type lyncEdition struct {
	id, name, shortName, source string // the rule prefix is the id; the request tool "the <name> Certificate Wizard"

	tables    string // citation: the internal server certificate tables
	mobility  string // citation: the SAN entries for automatic discovery (lyncdiscover)
	suffix    string // citation: where Microsoft's pages disagree on the lyncdiscoverinternal domain
	wildcards string // citation: wildcard certificate support
	common    string // citation: the common requirements (Server EKU, CDP, key lengths, signatures)
	cng       string // citation: CNG key providers unsupported
	cngSays   string // what that source says, in a sentence: "Skype for Business Server 2015 does not support CNG certificates"
	pss       string // citation: the page that says RSASSA-PSS is unsupported (quoted after it)

	// oauthMinimum is the OAuthTokenIssuer certificate's smallest RSA key (Lync Server 2013 on), in bits: below it
	// is an error; its other key limits are the product's. 0: the product has no such certificate.
	oauthMinimum int
	// oauthNote ends the details of a key-size finding on the OAuthTokenIssuer certificate (Crypto.Note).
	oauthNote string
	// oauthCitation: the sources of the OAuthTokenIssuer certificate's key size.
	oauthCitation string
	// directorDefaultPoolWarn: the Director "Default" example leaves the pool FQDN out of the SAN (Skype for Business).
	directorDefaultPoolWarn bool
	// directorExternalMeet: the Director "Web external" row lists the meet URLs (Skype for Business); else only its
	// example has them.
	directorExternalMeet bool
	// wildcardOrder: the product's wildcard page says devices fail when a wildcard SAN comes before the FQDN.
	wildcardOrder bool
}

// The public sources every Lync/SfB profile shares.
const (
	citeRFC5246KeyEncipherment = "RFC 5246, section 7.4.2 (RSA key exchange encrypts with the server's key: keyEncipherment); RFC 5280, section 4.2.1.3"
	citeSfBPorts               = "Microsoft, Skype for Business Server 2015: Port and protocol requirements for servers, " +
		"https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/ports-and-protocols"
)

// Endpoint names of the Lync/SfB web sites.
const (
	WebInternalEndpoint = "web-internal"
	WebExternalEndpoint = "web-external"
)

// Default ports of the Lync/SfB web sites: the internal web site, and the external one the reverse proxy forwards
// to.
const (
	WebInternalPort = 443
	WebExternalPort = 4443
)

// The roles of the Lync/SfB internal certificate tables.
const (
	FrontEndPool Role = "frontend-pool" // Enterprise Edition Front End pool: each Front End Server has its own certificates
)

// lyncProfile builds the profile of one Lync/SfB version.
func lyncProfile(e lyncEdition) *Profile {
	return &Profile{
		ID:          e.id,
		Name:        e.name,
		ShortName:   e.shortName,
		Source:      e.source,
		RulePrefix:  e.id,
		RequestTool: "the " + e.name + " Certificate Wizard",
		Crypto:      lyncCrypto(),
		Roles:       e.roles(),
		Rules:       e.rules(),
	}
}

// lyncCrypto: key lengths of 1024, 2048 and 4096 are supported, 2048 and more recommended; RSA is the default and
// ECDH_P256/P384/P521 are listed too.
func lyncCrypto() Crypto {
	return Crypto{KeyAlgorithms: []string{"rsa", "ecdsa"}, RSAErrorBelow: 1024, RSAWarnBelow: 2048, RSAWarnAbove: 4096}
}

// lyncNames are the name rules of the Lync/SfB tables, shared by the roles.
type lyncNames struct {
	cn, cnWeb, role, member, sip, sipDirector, internalWeb, externalWeb NameRule
	simpleInternal, simpleExternal, dialin, meetDisputed, directorPool  NameRule
	discoverInternal, discoverExternal                                  NameRule
}

func newLyncNames() lyncNames {
	return lyncNames{
		cn: NameRule{Rule: "subject_cn_not_role_fqdn", Where: InSubject, Names: []string{"{fqdn}"}},
		// The web rows give the pool's or the server's FQDN, and their examples the other one: either will do.
		cnWeb:       NameRule{Rule: "subject_cn_not_role_fqdn", Where: InSubject, Names: []string{"{fqdn}", "{server_fqdn}"}},
		role:        NameRule{Rule: "san_missing_role_fqdn", Where: InSAN, Names: []string{"{fqdn}"}},
		member:      NameRule{Rule: "san_missing_server_fqdn", Where: InSAN, Names: []string{"{member_fqdn}"}, When: []Condition{WhenMember}},
		sip:         NameRule{Rule: "san_missing_sip_domain", Where: InSAN, Names: []string{"sip.{sip_domain}"}, When: []Condition{WhenAutoConfig}},
		sipDirector: NameRule{Rule: "san_missing_sip_domain", Where: InSAN, Names: []string{"sip.{sip_domain}"}, When: []Condition{WhenAutoConfig, WhenClientLogon}},
		internalWeb: NameRule{Rule: "san_missing_internal_web_fqdn", Where: InSAN, Names: []string{"{internal_web_fqdn}"}, When: []Condition{WhenInternalWeb}},
		externalWeb: NameRule{Rule: "san_missing_external_web_fqdn", Where: InSAN, Names: []string{"{external_web_fqdn}"}, When: []Condition{WhenExternalWeb}},
		simpleInternal: NameRule{Rule: "san_missing_simple_url", Where: InSANOrWild, Names: []string{"{meet}", "{dialin}", "{admin}"},
			When: []Condition{WhenSimpleURLs}},
		simpleExternal: NameRule{Rule: "san_missing_simple_url", Where: InSANOrWild, Names: []string{"{meet}", "{dialin}"}, When: []Condition{WhenSimpleURLs}},
		dialin:         NameRule{Rule: "san_missing_simple_url", Where: InSANOrWild, Names: []string{"{dialin}"}, When: []Condition{WhenSimpleURLs}},
		meetDisputed:   NameRule{Rule: "web_external_san_missing_meet_url", Where: InSANOrWild, Names: []string{"{meet}"}, When: []Condition{WhenSimpleURLs}},
		directorPool:   NameRule{Rule: "director_san_missing_pool_fqdn", Where: InSAN, Names: []string{"{fqdn}"}},
		discoverInternal: NameRule{Rule: "san_missing_lyncdiscover", Where: InSANOfAny, Names: []string{"lyncdiscoverinternal.{sip_domain}"},
			When: []Condition{WhenAutodiscover}},
		discoverExternal: NameRule{Rule: "san_missing_lyncdiscover", Where: InSANOfAny, Names: []string{"lyncdiscover.{sip_domain}"},
			When: []Condition{WhenAutodiscover}},
	}
}

// lyncCertificates builds a role's certificates from their names: Default on 5061, Web internal on 443, Web
// external on 4443, and the OAuthTokenIssuer certificate (kept in a store, checked from a file) when the product
// has one.
func (e lyncEdition) lyncCertificates(def, webInternal, webExternal []NameRule) []CertificateSpec {
	certs := []CertificateSpec{
		{Kind: "default", Label: "Default certificate", Names: def, Exportable: ExportableNo,
			Endpoints: []EndpointSpec{sipEndpoint()}},
		{Kind: "web-internal", Label: "Web internal certificate", Names: webInternal, Wildcards: WildcardSimpleURLs, Exportable: ExportableNo,
			Endpoints: []EndpointSpec{{Name: WebInternalEndpoint, Port: WebInternalPort, SNI: "{web_name}"}}},
		{Kind: "web-external", Label: "Web external certificate", Names: webExternal, Wildcards: WildcardSimpleURLs, Exportable: ExportableNo,
			Endpoints: []EndpointSpec{{Name: WebExternalEndpoint, Port: WebExternalPort, SNI: "{external_web_fqdn}"}}},
	}
	if e.oauthMinimum != 0 {
		oauth := lyncCrypto()
		oauth.RSAErrorBelow, oauth.Note = e.oauthMinimum, e.oauthNote
		certs = append(certs, CertificateSpec{Kind: "oauth", Label: "OAuthTokenIssuer certificate", Exportable: ExportableRequired, Crypto: &oauth})
	}
	return certs
}

// roles builds the four roles of the internal certificate tables.
func (e lyncEdition) roles() []RoleSpec {
	n := newLyncNames()
	discover := []NameRule{n.discoverInternal, n.discoverExternal}
	with := func(rules []NameRule, more ...NameRule) []NameRule {
		return append(append([]NameRule(nil), rules...), more...)
	}
	// Web external: the external web FQDN, the dial-in URL and the meet URLs; where the row leaves the meet URLs
	// out but the example has them, their absence is the disputed warning.
	external := func(meetListed bool) []NameRule {
		if meetListed {
			return []NameRule{n.cnWeb, n.externalWeb, n.simpleExternal, n.discoverExternal}
		}
		return []NameRule{n.cnWeb, n.externalWeb, n.dialin, n.meetDisputed, n.discoverExternal}
	}
	directorDefault := with([]NameRule{n.cn, n.role, n.member, n.sipDirector}, discover...)
	if e.directorDefaultPoolWarn {
		directorDefault = with([]NameRule{n.cn, n.directorPool, n.member, n.sipDirector}, discover...)
	}
	web := []string{OptionExternalWeb, OptionSimpleURLs}
	return []RoleSpec{
		{
			Name: string(StandardEdition), Label: "Standard Edition server", Table: "Certificates for Standard Edition server",
			FQDNLabel: "the Standard Edition server's FQDN", Options: web,
			Certificates: e.lyncCertificates(
				with([]NameRule{n.cn, n.role, n.sip}, discover...),
				// The internal web FQDN is the server's FQDN and cannot be overridden.
				with([]NameRule{n.cnWeb, n.role, n.simpleInternal}, discover...),
				external(true)),
		},
		{
			Name: string(FrontEndPool), Label: "Front End pool", Table: "Certificates for Front End Servers in a Front End pool",
			FQDNLabel: "the pool's FQDN", Pool: true, Options: append([]string{OptionInternalWeb}, web...),
			Certificates: e.lyncCertificates(
				with([]NameRule{n.cn, n.role, n.member, n.sip}, discover...),
				with([]NameRule{n.cnWeb, n.role, n.member, n.internalWeb, n.simpleInternal}, discover...),
				external(false)),
		},
		{
			Name: string(Director), Label: "Director", Table: "Certificates for the Director",
			FQDNLabel: "the Director's FQDN", Options: append([]string{OptionClientLogon}, web...),
			Certificates: e.lyncCertificates(
				with([]NameRule{n.cn, n.role, n.sipDirector}, discover...),
				with([]NameRule{n.cnWeb, n.role, n.simpleInternal}, discover...),
				external(e.directorExternalMeet)),
		},
		{
			Name: string(DirectorPool), Label: "Director pool", Table: "Certificates for the Director",
			FQDNLabel: "the Director pool's FQDN", Pool: true, Options: append([]string{OptionClientLogon, OptionInternalWeb}, web...),
			Certificates: e.lyncCertificates(
				directorDefault,
				with([]NameRule{n.cnWeb, n.member, n.internalWeb, n.directorPool, n.simpleInternal}, discover...),
				external(e.directorExternalMeet)),
		},
	}
}

// rules lists the product's rules with their text and sources.
func (e lyncEdition) rules() []RuleSpec {
	request := "{request} (Request-CsCertificate -New) and assign it with Set-CsCertificate"
	c := newCommonRules()
	rules := []RuleSpec{
		{Rule: "subject_cn_not_role_fqdn", Severity: "error", Check: "names",
			Description: "The Subject CN must be the table's: the pool's FQDN on the Default certificate (on a Standard Edition server or a single Director, its own FQDN); the pool's or the server's FQDN on the web certificates",
			Citation:    e.tables + ": Subject name/Common name",
			Remediation: request + ", with the Subject Name the table gives: the pool FQDN for the Default certificate, the pool or server FQDN for the web certificates; each server has its own"},
		{Rule: "san_missing_role_fqdn", Severity: "error", Check: "names",
			Description: "The SAN must hold the pool's FQDN (on a Standard Edition server or a single Director: its own FQDN)",
			Citation:    e.tables + ": Subject alternative name, \"FQDN of the pool\"",
			Consequence: "clients that connect to the pool name refuse the certificate"},
		{Rule: "san_missing_server_fqdn", Severity: "error", Check: "names",
			Description: "A pool member's certificate must hold the member's own FQDN in the SAN: each Front End Server or Director has its own certificate",
			Citation:    e.tables + ": Subject alternative name, \"FQDN of the server\"",
			Consequence: "servers and clients that reach this member by its own name refuse the certificate"},
		{Rule: "san_missing_sip_domain", Severity: "error", Check: "names",
			Description: "With automatic client configuration (Directors: when clients log on through the Director), the Default certificate's SAN must hold sip.<domain> for every SIP domain",
			Citation:    e.tables + ": \"If this pool is the auto-logon server for clients and strict DNS matching is required in group policy, you also need entries for sip.sipdomain\"",
			Consequence: "clients of those SIP domains cannot sign in automatically while strict DNS naming is on (the default)"},
		{Rule: "san_missing_internal_web_fqdn", Severity: "error", Check: "names",
			Description: "The Web internal certificate's SAN must hold the internal web services FQDN",
			Citation:    e.tables + ": Web internal, \"Internal web FQDN\"",
			Consequence: "clients cannot reach the internal web services (address book, meetings, Autodiscover)"},
		{Rule: "san_missing_external_web_fqdn", Severity: "error", Check: "names",
			Description: "The Web external certificate's SAN must hold the external web services FQDN",
			Citation:    e.tables + ": Web external, \"External web FQDN\"",
			Consequence: "the reverse proxy and remote clients cannot reach the external web services"},
		{Rule: "san_missing_simple_url", Severity: "error", Check: "names",
			Description: "The web certificates' SAN must hold the simple URLs (meet for every SIP domain, dial-in; the admin URL on the Web internal certificate), or a SAN wildcard that covers them (the tables' wildcard example, *.contoso.com, leaves meet.fabrikam.com uncovered: a wildcard covers one domain)",
			Citation:    e.tables + ": \"If you have multiple Meet simple URLs, you must include all of them as subject alternative names. Wildcard entries are supported for the simple URL entries.\"",
			Consequence: "meeting links and dial-in pages give a certificate error"},
		{Rule: "web_external_san_missing_meet_url", Severity: "warn", Check: "names",
			Description: "The Web external certificate should hold the meet simple URLs: Microsoft's pages disagree (the row lists the dial-in and admin URLs, its example the meet and dial-in URLs)",
			Citation:    e.tables + ": Web external (row and example)",
			Consequence: "Microsoft's table lists only the dial-in (and admin) URL here while its example and the Standard Edition row include the meet URLs; meeting links published through the reverse proxy need them"},
		{Rule: "director_san_missing_pool_fqdn", Severity: "warn", Check: "names",
			Description: "A Director pool member's certificate should hold the Director pool's FQDN in the SAN: Microsoft's row lists it, its example leaves it out",
			Citation:    e.tables + ": Certificates for the Director (row and example)",
			Consequence: "Microsoft's Director row lists the Director pool FQDN but its example leaves it out; clients that reach the pool by its name need it"},
		{Rule: "san_missing_lyncdiscover", Severity: "error", Check: checkNamesAny,
			Description: "With automatic discovery, the server's certificates must hold lyncdiscoverinternal.<domain> (the Default or the Web internal certificate) and lyncdiscover.<domain> (any of its certificates) for every SIP domain, or a SAN wildcard *.<domain>",
			Citation:    e.mobility,
			Consequence: "Lync clients and mobile devices cannot discover their pool"},
		{Rule: "lyncdiscover_not_sip_domain", Severity: "warn", Check: "names_any_domain",
			Description: "A lyncdiscoverinternal/lyncdiscover name under a domain that is not a SIP domain: clients look the name up under their SIP domain (Microsoft's pages disagree on the lyncdiscoverinternal domain)",
			Citation:    e.suffix,
			Consequence: "clients look up lyncdiscoverinternal.<SIP domain>; one Microsoft page writes lyncdiscoverinternal.<internal domain name>, the others <sipdomain>"},
		{Rule: "subject_cn_not_fqdn", Severity: "error", Check: "cn_fqdn",
			Description: "The Subject CN must be a fully qualified DNS name: two or more labels of letters, digits and hyphens, not an IP address",
			Citation:    e.tables + "; " + citeRFC1035},
		{Rule: "subject_multiple_cn", Severity: "error", Check: "multiple_cn",
			Description: "The Subject must hold one CN: with two, clients and servers disagree on which one is the certificate's name",
			Citation:    e.tables + ": Subject name/Common name; " + citeRFC6125CN},
		c.nameTrailingDot,
		{Rule: "wildcard_name", Severity: "error", Check: "wildcard",
			Description: "No wildcard in the Subject CN of any certificate, nor anywhere in the Default certificate: a wildcard is supported only in the SAN of the web certificates, for the simple URLs and lyncdiscover names",
			Citation:    e.wildcards},
		c.sanMissingSubjectCN,
		{Rule: "missing_server_auth_eku", Severity: "error", Check: "server_auth_eku",
			Description: "An Extended Key Usage extension must include Server Authentication (1.3.6.1.5.5.7.3.1)",
			Citation:    e.common + ": All server certificates must support server authorization (Server EKU)"},
		{Rule: "missing_crl_distribution_point", Severity: "error", Check: "crl_distribution_point",
			Description: "The certificate must carry a CRL distribution point",
			Citation:    e.common + ": All server certificates must contain a CRL Distribution Point (CDP)"},
		{Rule: "unsupported_key_algorithm", Severity: "error", Check: "key_algorithm",
			Description: "The key must be RSA (or, disputed, ECDSA): Ed25519 and DSA keys are not supported",
			Citation:    e.common + ": The default digest, or hash signing, algorithm is RSA. The ECDH_P256, ECDH_P384, and ECDH_P521 algorithms are also supported"},
		{Rule: "ecc_key", Severity: "warn", Check: "ecdsa_key",
			Description: "An elliptic-curve key: Microsoft's tables list ECDH_P256/P384/P521 as supported, yet such a key lives only in a CNG key provider, which is not supported",
			Citation:    e.common + "; " + e.cng,
			Consequence: "Microsoft's pages disagree: the certificate tables list ECDH_P256, ECDH_P384 and ECDH_P521, but an elliptic-curve key can live only in a CNG key provider, and " + e.cngSays + "; test it on a lab server first, or use RSA 2048"},
		{Rule: "rsa_key_below_minimum", Severity: "error", Check: "rsa_min",
			Description: e.rsaMinimumText(),
			Citation:    e.common + ": Encryption key lengths of 1024, 2048, and 4096 are supported" + e.oauthCite()},
		{Rule: "rsa_key_below_2048", Severity: "warn", Check: "rsa_recommended",
			Description: "RSA keys should be 2048 bits or more",
			Citation:    e.common + ": Key lengths of 2048 and greater are recommended" + e.oauthCite()},
		{Rule: "rsa_key_over_4096", Severity: "warn", Check: "rsa_max",
			Description: "RSA keys above 4096 bits are beyond the supported key lengths (1024, 2048 and 4096)",
			Citation:    e.common + ": Encryption key lengths of 1024, 2048, and 4096 are supported"},
		{Rule: "md5_signature", Severity: "error", Check: "md5",
			Description: "No certificate of the chain may be signed with MD5 (MD2, MD4): the supported digests are SHA-1 and SHA-2",
			Citation:    e.common + ": SHA-1 and SHA-2 suite of digest sizes (224, 256, 384 and 512-bit)"},
		{Rule: "rsassa_pss_signature", Severity: "error", Check: "pss",
			Description: "No certificate of the chain may be signed with RSASSA-PSS: unsupported, it breaks sign-in and call forwarding",
			Citation:    e.pss + ": Using the RSASSA-PSS signature algorithm is unsupported, and may lead to errors on login and call forwarding issues"},
		{Rule: "key_usage_lacks_key_encipherment", Severity: "warn", Check: "key_encipherment",
			Description: "An RSA key's Key Usage should include keyEncipherment (the Web Server template the certificate wizard uses has it): TLS with RSA key exchange needs it",
			Citation:    citeRFC5246KeyEncipherment},
		{Rule: "rsa_key_exchange_without_key_encipherment", Severity: "error", Check: "key_encipherment_rsa_kex",
			Description: "The endpoint negotiated RSA key exchange (TLS_RSA_*) with a certificate whose Key Usage lacks keyEncipherment: clients that check Key Usage refuse it",
			Citation:    citeRFC5246KeyEncipherment},
		c.expired,
		c.notYetValid,
		c.expiringSoon,
		c.expiringCritical,
		{Rule: "chain_untrusted", Severity: "error", Check: "chain_untrusted",
			Description: "The certificate must chain to a trust anchor (a --ca-file root or a system root) through CAs that are valid, may issue it and allow Server Authentication",
			Citation:    citeRFC5280Path + "; " + e.tables},
		{Rule: "public_ca", Severity: "notice", Check: "public_ca",
			Description: "The chain ends in a system root rather than a --ca-file anchor: an internal enterprise CA is recommended for internal servers",
			Citation:    e.tables + ": \"an internal enterprise certification authority (CA) is recommended for internal servers\"",
			Remediation: "nothing to fix if this is intended; otherwise pass your Enterprise root with --ca-file, or issue internal server certificates from your Enterprise CA"},
		c.chainIncomplete,
	}
	if e.wildcardOrder {
		rules = append(rules, RuleSpec{Rule: "wildcard_san_before_fqdn", Severity: "warn", Check: "wildcard_order",
			Description: "A wildcard SAN entry should not come before the server's FQDN: unified communications devices rely on strong name matching and fail to authenticate",
			Citation:    e.wildcards + ": UC devices \"will fail to authenticate if a wildcard SAN entry is presented before the FQDN entry\""})
	}
	return rules
}

// rsaMinimumText describes the smallest RSA key, with the OAuthTokenIssuer certificate's when it differs.
func (e lyncEdition) rsaMinimumText() string {
	if e.oauthMinimum > 1024 {
		return "RSA keys must be at least 1024 bits; the OAuthTokenIssuer certificate's at least 2048 bits"
	}
	return "RSA keys must be at least 1024 bits"
}

// oauthCite adds the OAuthTokenIssuer certificate's sources to a key-size rule's citation.
func (e lyncEdition) oauthCite() string {
	if e.oauthMinimum == 0 {
		return ""
	}
	return "; OAuthTokenIssuer certificate: " + e.oauthCitation
}
