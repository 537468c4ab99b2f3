package policy

// The public sources of the OCS 2007 R2 profile.
const (
	citeOCSTables = "Microsoft TechNet, Office Communications Server 2007 R2: Certificates for Enterprise Pools and " +
		"Standard Edition Servers, Tables 1-4, https://technet.microsoft.com/en-us/library/dd572453(v=office.13).aspx"
	citeOCSInfrastructure = "Microsoft TechNet, Office Communications Server 2007: Certificate Infrastructure, " +
		"http://technet.microsoft.com/en-us/library/bb870336(office.12).aspx"
	citeOCSSupport = "Microsoft, Office Communications Server 2007 R2: Certificate support (RSA up to 4,096 bits; " +
		"server authentication EKU), http://unifiedpeople.ru/ocs2007r2.en/html/19c46b58-2046-4767-a4ba-cbbe61ed1796.htm"
	citeOCSRequest = "Microsoft, Office Communications Server 2007 R2: Request and assign a certificate, " +
		"http://unifiedpeople.ru/ocs2007r2.en/html/63d25573-01ab-4e42-9427-38e31334894f.htm"
	citeOCSWizardCSR = "Microsoft TechNet, Office Communications Server 2007: Appendix B, Sample Certificate " +
		"(KeyUsage 0xa0, Microsoft RSA SChannel Cryptographic Provider), https://technet.microsoft.com/en-us/library/bb663762(v=office.12).aspx"
	citeLyncWildcards = "Microsoft, Lync Server 2010: Wildcard certificate support (no wildcard in the Subject Name " +
		"of any role), http://unifiedpeople.ru/lync_itpro.en/html/0bae2aa8-b6dc-46f5-a3be-3fe7581809d4.htm"
	citeSHA2Windows = "Microsoft PKI blog, SHA2 and Windows (KB938397, KB968730), " +
		"https://learn.microsoft.com/archive/blogs/pki/sha2-and-windows"
	citeSfBRequirements = "Microsoft, Skype for Business Server 2015: Environmental requirements, certificates " +
		"(RSASSA-PSS unsupported; MD5 and CNG keys), https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/requirements-for-your-environment/environmental-requirements"
	citeRFC5280Validity = "RFC 5280, section 4.1.2.5 (Validity)"
	citeRFC5280Path     = "RFC 5280, section 6 (Certification Path Validation)"
	citeRFC5246Chain    = "RFC 5246, section 7.4.2 (Server Certificate: the sender's certificate followed by the " +
		"certificates that certify it)"
	citeRFC6125CN = "RFC 2818, section 3.1; RFC 6125, section 6.4.4 (the CN is ignored once a SAN is present)"
	citeRFC1035   = "RFC 1034, section 3.1; RFC 1035, section 2.3.1 (names: letters, digits, hyphens; a trailing " +
		"dot marks an absolute name)"
)

// ocs2007r2 is Office Communications Server 2007 R2: the internal server certificate tables (Tables 1-4), then the
// roles at the edge of the deployment and beside it (profile_ocs2007r2_edge.go).
func ocs2007r2() *Profile {
	// The name rules its roles share.
	ocsCNIsFQDN := NameRule{Rule: "subject_cn_not_role_fqdn", Where: InSubject, Names: []string{"{fqdn}"}}
	// Table 2: "the certificate must have the URL of the internal Web farm in the SN or Subject Alternate Name".
	ocsWebCN := NameRule{Rule: "subject_cn_not_role_fqdn", Where: InSubject, Names: []string{"{fqdn}", "{web_farm}"}}
	ocsSIP := NameRule{Rule: "san_missing_sip_domain", Where: InSAN, Names: []string{"sip.{sip_domain}"},
		When: []Condition{WhenAutoConfig, WhenMultipleSIPDomains}}
	ocsDirectorSIP := NameRule{Rule: "san_missing_sip_domain", Where: InSAN, Names: []string{"sip.{sip_domain}"},
		When: []Condition{WhenAutoConfig, WhenMultipleSIPDomains, WhenClientLogon}}
	ocsWebFarm := NameRule{Rule: "san_missing_web_farm", Where: InSAN, Names: []string{"{web_farm}"},
		When: []Condition{WhenWebFarmDiffers}}
	ocsWebName := NameRule{Rule: "web_components_name_mismatch", Where: InSubjectOrSAN, Names: []string{"{web_name}"}}
	sip, web := sipEndpoint(), ocsWebEndpoint()
	return &Profile{
		ID:          "ocs2007r2",
		Name:        "Office Communications Server 2007 R2",
		ShortName:   "OCS",
		Source:      "OCS2007R2",
		RulePrefix:  "ocs",
		RequestTool: "the OCS Certificate Wizard",
		Crypto:      Crypto{KeyAlgorithms: []string{"rsa"}, RSAErrorBelow: 1024, RSAWarnBelow: 2048, RSAWarnAbove: 4096},
		Roles: append([]RoleSpec{
			{
				Name: "standard-edition", Label: "Standard Edition server", Table: "Table 1",
				FQDNLabel: "the Standard Edition server's FQDN",
				Certificates: []CertificateSpec{
					{Kind: "default", Label: "Standard Edition server certificate", Names: []NameRule{ocsCNIsFQDN, ocsSIP},
						Endpoints: []EndpointSpec{sip}},
					{Kind: "web", Label: "Web Components (IIS) certificate", Names: []NameRule{ocsWebCN, ocsSIP, ocsWebName},
						Endpoints: []EndpointSpec{web}},
				},
			},
			{
				Name: "enterprise-pool", Label: "Enterprise pool", Table: "Table 2", FQDNLabel: "the pool's FQDN",
				Pool: true, Options: []string{OptionWebFarm},
				Certificates: []CertificateSpec{
					{Kind: "default", Label: "pool certificate", Names: []NameRule{ocsCNIsFQDN, ocsSIP, ocsWebFarm},
						Exportable: ExportableRequired, Endpoints: []EndpointSpec{sip}},
					{Kind: "web", Label: "Web Components (IIS) certificate", Names: []NameRule{ocsWebCN, ocsSIP, ocsWebFarm, ocsWebName},
						Exportable: ExportableRequired, Endpoints: []EndpointSpec{web}},
				},
			},
			{
				Name: "director", Label: "Director", Table: "Table 3", FQDNLabel: "the Director's FQDN",
				Options: []string{OptionClientLogon},
				Certificates: []CertificateSpec{
					{Kind: "default", Label: "Director certificate", Names: []NameRule{ocsCNIsFQDN, ocsDirectorSIP},
						Endpoints: []EndpointSpec{sip}},
				},
			},
			{
				Name: "director-pool", Label: "Director pool", Table: "Table 4", FQDNLabel: "the Director pool's FQDN",
				Pool: true, Options: []string{OptionClientLogon},
				Certificates: []CertificateSpec{
					{Kind: "default", Label: "Director pool certificate", Names: []NameRule{ocsCNIsFQDN, ocsDirectorSIP},
						Exportable: ExportableRequired, Endpoints: []EndpointSpec{sip}},
				},
			},
		}, ocsPerimeterRoles()...),
		Rules: append(append(ocsRules(), ocsPerimeterRules()...), ocsRequestRules()...), // requests, PFX files and the era's clients: profile_ocs2007r2_requests.go
	}
}

func ocsRules() []RuleSpec {
	c := newCommonRules()
	return []RuleSpec{
		{Rule: "subject_cn_not_role_fqdn", Severity: "error", Check: "names",
			Description: "The Subject CN must be the role's FQDN: the Standard Edition server's, the pool's, the Director's or the Director pool's",
			Citation:    citeOCSTables + ": Subject Name/Common Name"},
		{Rule: "san_missing_sip_domain", Severity: "error", Check: "names",
			Description: "With several SIP domains and automatic client configuration (Directors: and client logon through the Director), the SAN must hold sip.<domain> for every SIP domain",
			Citation:    citeOCSTables + ": Subject Alternate Name",
			Consequence: "clients of those SIP domains cannot sign in automatically"},
		{Rule: "san_missing_web_farm", Severity: "error", Check: "names",
			Description: "An Enterprise pool's certificate must hold the internal web farm FQDN in the SAN when it differs from the pool FQDN",
			Citation:    citeOCSTables + ", Table 2: Web Components Server role",
			Consequence: "Communicator cannot reach the pool's Web Components (address book, meeting content)"},
		{Rule: "web_components_name_mismatch", Severity: "error", Check: "names",
			Description: "The certificate on the IIS Web Components endpoint must name the web farm FQDN (pool) or the server FQDN (Standard Edition) in its CN or SAN",
			Citation:    citeOCSTables + ", Tables 1-2: assign the Web Components certificate with the IIS snap-in",
			Consequence: "the OCS certificate was probably never assigned to the web site",
			Remediation: "assign the OCS certificate to the Default Web Site in IIS Manager (IIS 6 on Windows Server 2003: Web Site Properties > Directory Security > Server Certificate; IIS 7 on Windows Server 2008: Bindings > https > SSL certificate): the OCS Certificate Wizard assigns it to OCS only, never to IIS"},
		{Rule: "subject_cn_not_fqdn", Severity: "error", Check: "cn_fqdn",
			Description: "The Subject CN must be a fully qualified DNS name: two or more labels of letters, digits and hyphens, not an IP address",
			Citation:    citeOCSRequest + "; " + citeRFC1035},
		{Rule: "subject_multiple_cn", Severity: "error", Check: "multiple_cn",
			Description: "The Subject must hold one CN: with two, clients and servers disagree on which one is the certificate's name",
			Citation:    citeOCSTables + ": Subject Name/Common Name; " + citeRFC6125CN},
		c.nameTrailingDot,
		{Rule: "wildcard_name", Severity: "error", Check: "wildcard",
			Description: "No wildcard in the Subject CN or any SAN DNS name: OCS does not support wildcard certificates",
			Citation:    citeLyncWildcards},
		c.sanMissingSubjectCN,
		{Rule: "missing_server_auth_eku", Severity: "error", Check: "server_auth_eku",
			Description: "An Extended Key Usage extension must include Server Authentication (1.3.6.1.5.5.7.3.1)",
			Citation:    citeOCSInfrastructure + ": All server certificates must support server authorization (Server EKU)"},
		{Rule: "missing_crl_distribution_point", Severity: "error", Check: "crl_distribution_point",
			Description: "The certificate must carry a CRL distribution point",
			Citation:    citeOCSInfrastructure + ": All server certificates must contain a CRL Distribution Point (CDP)"},
		{Rule: "non_rsa_key", Severity: "error", Check: "key_algorithm",
			Description: "The key must be RSA: OCS 2007 R2 works only with RSA keys from a CryptoAPI provider (ECDSA, DSA and Ed25519 keys are not supported)",
			Citation:    citeOCSSupport + "; " + citeOCSWizardCSR},
		{Rule: "rsa_key_below_1024", Severity: "error", Check: "rsa_min",
			Description: "RSA keys must be at least 1024 bits",
			Citation:    citeOCSWizardCSR},
		{Rule: "rsa_key_below_2048", Severity: "warn", Check: "rsa_recommended",
			Description: "RSA keys should be 2048 bits or more (1024, the OCS wizard's default, works but is weak)",
			Citation:    citeOCSWizardCSR + "; " + citeSfBRequirements},
		{Rule: "rsa_key_over_4096", Severity: "warn", Check: "rsa_max",
			Description: "RSA keys above 4096 bits are beyond what OCS 2007 R2 supports",
			Citation:    citeOCSSupport},
		{Rule: "sha1_signature", Severity: "warn", Check: "sha1",
			Description: "The certificate or a CA of its chain is signed with SHA-1",
			Citation:    citeSHA2Windows},
		{Rule: "md5_signature", Severity: "error", Check: "md5",
			Description: "No certificate of the chain may be signed with MD5 (MD2, MD4): broken, and rejected by later Microsoft servers",
			Citation:    citeSfBRequirements},
		{Rule: "rsassa_pss_signature", Severity: "error", Check: "pss",
			Description: "No certificate of the chain may be signed with RSASSA-PSS: unsupported, it breaks sign-in",
			Citation:    citeSfBRequirements},
		{Rule: "key_usage_lacks_key_encipherment", Severity: "warn", Check: "key_encipherment",
			Description: "An RSA key's Key Usage should include keyEncipherment: TLS 1.0 RSA key exchange, all that Windows Server 2003 speaks, needs it",
			Citation:    citeOCSWizardCSR},
		{Rule: "rsa_key_exchange_without_key_encipherment", Severity: "error", Check: "key_encipherment_rsa_kex",
			Description: "The endpoint negotiated RSA key exchange (TLS_RSA_*) with a certificate whose Key Usage lacks keyEncipherment: clients that check Key Usage refuse it",
			Citation:    citeOCSWizardCSR + "; RFC 5246, section 7.4.2 (keyEncipherment for RSA key exchange)"},
		c.expired,
		c.notYetValid,
		c.expiringSoon,
		c.expiringCritical,
		{Rule: "chain_untrusted", Severity: "error", Check: "chain_untrusted",
			Description: "The certificate must chain to a trust anchor (a --ca-file root or a system root) through CAs that are valid, may issue it and allow Server Authentication",
			Citation:    citeRFC5280Path + "; " + citeOCSTables + ": Recommended CA: Enterprise CA"},
		{Rule: "public_ca", Severity: "notice", Check: "public_ca",
			Description: "The chain ends in a system root rather than a --ca-file anchor: an Enterprise CA is recommended for internal servers",
			Citation:    citeOCSTables + ": Recommended CA: Enterprise CA"},
		c.chainIncomplete,
		{Rule: "server_cannot_use_private_key", Severity: "error", Check: "private_key_unusable",
			Description: "The server presents its certificate, then cannot finish the handshake: it cannot use the certificate's private key",
			Citation:    citeOCSRequest + " (the certificate is imported with its private key and assigned); RFC 5246, sections 7.4.3 and 7.4.7"},
		{Rule: "pool_members_differ", Severity: "notice", Check: "pool_members_differ",
			Description: "The members of a pool present different certificates on the same endpoint (each is still judged on its own)",
			Citation:    citeOCSTables + ", Table 2: The certificate must be installed on each server in the pool"},
		{Rule: "sni_certificates_differ", Severity: "warn", Check: "sni_differs",
			Description: "The endpoint presents one certificate to clients that send the server name (SNI) and another to clients that do not (Communicator on Windows XP and Server 2003)",
			Citation:    citeOCSTables + "; RFC 6066, section 3 (Server Name Indication)"},
	}
}
