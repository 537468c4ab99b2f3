package policy

// The public sources of the rules on certificate requests, PFX files and the era's clients.
const (
	citeCertreq = "Microsoft, certreq (Windows commands): the INF keys KeySpec, MachineKeySet, Exportable, " +
		"ProviderName and the [Extensions] SAN syntax; the defaults assume the Microsoft Software Key Storage Provider, " +
		"https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/certreq_1"
	citeEnrollmentCSP = "Microsoft, IX509AttributeCspProvider: the Enrollment CSP attribute " +
		"(XCN_OID_ENROLLMENT_CSP_PROVIDER, 1.3.6.1.4.1.311.13.2.2) names the requester's key provider and KeySpec, " +
		"https://learn.microsoft.com/en-us/windows/win32/api/certenroll/nn-certenroll-ix509attributecspprovider"
	citePFXImport = "Microsoft, PFXImportCertStore: the key provider in the PKCS #12 attribute 1.3.6.1.4.1.311.17.1; " +
		"TripleDES-SHA1 and AES256-SHA256 encryption, https://learn.microsoft.com/en-us/windows/win32/api/wincrypt/nf-wincrypt-pfximportcertstore"
	citeOCSAVAuth = "Microsoft, OCS 2007 R2: A/V authentication certificate (mark the certificate as exportable), " +
		"https://unifiedpeople.ru/ocs2007r2.en/html/1bd42604-d7d8-4950-b6a9-f90f602e1a03.htm"
	citeCAExtensionLimit = "skypeadmin.com, How many SIP domains does Lync support (a Windows CA refuses an " +
		"extension over 4096 characters: 0xc80005e2), http://www.skypeadmin.com/2014/10/01/how-many-sip-domains-lync-support/"
	citeKeyDefaultLength = "Microsoft, ICspAlgorithm::get_DefaultLength (RSA default 1,024 bits for the CryptoAPI " +
		"providers, the Microsoft RSA SChannel Cryptographic Provider among them), " +
		"https://learn.microsoft.com/en-us/windows/win32/api/certenroll/nf-certenroll-icspalgorithm-get_defaultlength"
	citeRFC2986 = "RFC 2986, section 3 (the requester signs the certification request information with its private key)"
	citePFXAES  = "Trustico, Exporting a PFX file with AES or 3DES encryption (older Windows cannot import AES PFX " +
		"files), https://shop.trustico.com.au/blogs/stories/exporting-a-pfx-file-with-aes-or-3des-encryption"
	citeSHA2KB = "DigiCert, SHA-2 support in Windows XP and Windows Server 2003 (KB938397, KB968730), " +
		"https://knowledge.digicert.com/solution/SO19176"
	citeCX700 = "T. Herber, Polycom CX700 keeps downloading the certificate (a SHA-2 root CA with a 4096-bit key), " +
		"https://ms-uc.herber.co/?p=34"
	citeLPESHA256 = "UCIT, Lync Phone Edition devices not registering after moving from a SHA-1 to a SHA-256 " +
		"certificate, https://www.ucit.blog/post/sfb-lync-phone-edition-devices-not-registering-after-changing-from-a-sha1-cert-to-a-sha256-cert"
	citeLyncWildcardOrder = "Microsoft, Lync Server 2010: Wildcard certificate support (UC devices fail when a " +
		"wildcard SAN entry is presented before the FQDN), http://unifiedpeople.ru/lync_itpro.en/html/0bae2aa8-b6dc-46f5-a3be-3fe7581809d4.htm"
	citeWindowsTLS = "K. Pandey (Microsoft), Support for SSL/TLS protocols on Windows (Windows XP and Server 2003: " +
		"SSL 2.0, SSL 3.0, TLS 1.0), https://github.com/kaushalp/kaushalp.github.io/blob/master/_posts/2011-10-02-support-for-ssltls-protocols-on-windows.md"
	citeTLSDisable = "Microsoft, Disable TLS 1.0 and 1.1 in Skype for Business Server 2015 (out of scope for Lync " +
		"2010 clients, Lync Phone Edition, Windows Server 2008 and lower), " +
		"https://learn.microsoft.com/en-us/skypeforbusiness/manage/topology/disable-tls-1.0-1.1"
	citeXPAES = "T. Sellers, Microsoft-TLS-Config (Windows XP has no AES cipher suites; Windows Server 2003 only with " +
		"KB948963), https://github.com/TomSellers/Microsoft-TLS-Config"
)

// uncertainCNG is what the CNG rules say of OCS 2007 R2: no Microsoft statement was found.
const uncertainCNG = "no Microsoft statement says so for OCS 2007 R2 (UNCERTAIN): its Certificate Wizard requests a " +
	"CryptoAPI SChannel key, and Lync 2010, Lync 2013 and Skype for Business reject CNG keys"

// ocsRequestRules are OCS 2007 R2's rules on what exists before the certificate does — a certificate request (a
// PKCS #10 CSR or a certreq INF file), a PFX file's packaging — and on the clients of the era (opt-in with
// --clients). The request rules judge a request's names and key with the same profile data as the certificate
// rules (see lint/request.go).
func ocsRequestRules() []RuleSpec {
	return []RuleSpec{
		// The certificate rules, applied to a request.
		{Rule: "csr_names_profile", Severity: "error", Check: "request_names",
			Description: "The request's Subject CN and SAN must be what the role's table requires: the role's FQDN as Subject CN, sip.<domain> and the web farm in the SAN when they apply, one CN, a fully qualified name",
			Citation:    citeOCSTables + "; " + citeOCSWizardCSR},
		{Rule: "csr_wildcard", Severity: "error", Check: "request_wildcard",
			Description: "The request must not ask for a wildcard name: OCS does not support wildcard certificates",
			Citation:    citeLyncWildcards},
		{Rule: "csr_san_missing_subject_cn", Severity: "warn", Check: "request_cn_in_san",
			Description: "When the request asks for a SAN it should repeat the Subject CN there",
			Citation:    citeRFC6125CN},
		{Rule: "csr_missing_server_auth_eku", Severity: "error", Check: "request_server_auth_eku",
			Description: "The request must ask for the Server Authentication EKU (1.3.6.1.5.5.7.3.1), as the OCS Certificate Wizard does",
			Citation:    citeOCSInfrastructure + "; " + citeOCSWizardCSR},
		{Rule: "csr_key_usage_not_a0", Severity: "warn", Check: "request_key_usage",
			Description: "The request should ask for Key Usage digitalSignature and keyEncipherment (0xa0), as the OCS Certificate Wizard does",
			Citation:    citeOCSWizardCSR},
		{Rule: "csr_not_rsa", Severity: "warn", Check: "request_key_algorithm",
			Description: "The request's key should be RSA: OCS 2007 R2 documents only RSA keys",
			Citation:    citeOCSSupport},
		{Rule: "csr_rsa_key_over_4096", Severity: "error", Check: "request_rsa_max",
			Description: "The request's RSA key must not be longer than 4096 bits, the most OCS 2007 R2 supports",
			Citation:    citeOCSSupport},
		{Rule: "csr_rsa_key_below_1024", Severity: "error", Check: "request_rsa_min",
			Description: "The request's RSA key must be at least 1024 bits",
			Citation:    citeOCSWizardCSR},
		{Rule: "csr_rsa_key_below_2048", Severity: "warn", Check: "request_rsa_recommended",
			Description: "The request's RSA key should be 2048 bits or more (1024, the OCS wizard's default, works but is weak)",
			Citation:    citeOCSWizardCSR + "; " + citeSfBRequirements},
		{Rule: "csr_rsa_1024_wizard_default", Severity: "notice", Check: "request_key_length_default",
			Description: "The INF sets no KeyLength: a CryptoAPI provider then makes a 1024-bit key, the OCS wizard's default",
			Citation:    citeKeyDefaultLength + "; " + citeOCSWizardCSR},
		// What only a request or its INF file shows.
		{Rule: "csr_signature_invalid", Severity: "error", Check: "request_signature",
			Description: "The CSR's signature must verify with the public key it holds: a CA refuses a request whose signature does not",
			Citation:    citeRFC2986},
		{Rule: "csr_cng_provider", Severity: "error", Check: "request_cng_provider",
			Description: "The key must come from a CryptoAPI provider, not a CNG Key Storage Provider (KSP) or KeySpec 0 (AT_NONE): " + uncertainCNG,
			Citation:    citeEnrollmentCSP + "; " + citeCertreq + "; " + citeLyncCNG + "; " + citeSfBCNG},
		{Rule: "inf_provider_missing", Severity: "warn", Check: "request_provider_missing",
			Description: "The INF names no ProviderName: certreq on Windows Server 2008 and later then makes a CNG key in the Microsoft Software Key Storage Provider",
			Citation:    citeCertreq},
		{Rule: "csr_provider_not_schannel", Severity: "notice", Check: "request_provider_not_schannel",
			Description: "The key comes from a CryptoAPI provider other than the Microsoft RSA SChannel Cryptographic Provider (type 12) the OCS wizard uses; whether OCS cares is not documented (UNCERTAIN)",
			Citation:    citeOCSWizardCSR + "; " + citePFXImport},
		{Rule: "csr_keyspec_signature", Severity: "warn", Check: "request_keyspec_signature",
			Description: "KeySpec 2 (AT_SIGNATURE): the OCS wizard uses 1 (AT_KEYEXCHANGE), and TLS 1.0 RSA key exchange decrypts with the key",
			Citation:    citeOCSWizardCSR + "; " + citeCertreq},
		{Rule: "inf_user_keyset", Severity: "error", Check: "request_user_keyset",
			Description: "MachineKeySet must be TRUE: otherwise the key lands in the administrator's own profile, where the OCS services cannot use it",
			Citation:    citeCertreq + "; " + citeOCSWizardCSR},
		{Rule: "inf_not_exportable_shared", Severity: "warn", Check: "request_not_exportable_shared",
			Description: "A certificate shared by several servers (an Enterprise pool, a Director pool, an Edge array) or the A/V authentication certificate must be requested with Exportable = TRUE",
			Citation:    citeOCSRequest + "; " + citeOCSAVAuth + "; " + citeOCSWizardCSR},
		{Rule: "csr_san_extension_too_large", Severity: "warn", Check: "request_san_too_large",
			Description: "The SAN extension is near or over the 4096 characters a Windows CA accepts in an extension (whether it counts DER bytes or base64 characters is UNCERTAIN; uclint warns from 3000 bytes)",
			Citation:    citeCAExtensionLimit},
		// PFX files.
		{Rule: "pfx_cng_provider", Severity: "error", Check: "pfx_cng_provider",
			Description: "The PFX must not name a CNG Key Storage Provider for its key (attribute 1.3.6.1.4.1.311.17.1): Windows imports the key there, and " + uncertainCNG,
			Citation:    citePFXImport + "; " + citeLyncCNG + "; " + citeSfBCNG},
		{Rule: "pfx_aes_encryption", Severity: "warn", Check: "pfx_aes",
			Description: "The PFX must not be encrypted with PBES2, with AES (OpenSSL 3's default) or any other cipher: Windows Server 2003 and 2008 cannot import it and report a wrong password; export it with PKCS #12's own 3DES encryption (PBE-SHA1-3DES)",
			Citation:    citePFXImport + "; " + citePFXAES},
		{Rule: "pfx_no_provider_attribute", Severity: "notice", Check: "pfx_no_provider",
			Description: "The PFX names no key provider (attribute 1.3.6.1.4.1.311.17.1): Windows imports the key into the Microsoft Enhanced Cryptographic Provider, not the SChannel provider the OCS wizard uses",
			Citation:    citePFXImport},
		// The era's clients (--clients).
		{Rule: "sha2_legacy_windows", Severity: "warn", Check: "sha2_legacy_windows",
			Description: "With Windows XP SP2 or Windows Server 2003 clients (--clients xp-sp2, server2003), no certificate of the chain may be signed with SHA-256, SHA-384 or SHA-512 unless every such machine has KB968730",
			Citation:    citeSHA2Windows + "; " + citeSHA2KB},
		{Rule: "sha224_signature", Severity: "error", Check: "sha224",
			Description: "With Windows XP or Windows Server 2003 clients (--clients xp-sp2, xp-sp3, server2003), no certificate of the chain may be signed with SHA-224: Windows XP never supported it",
			Citation:    citeSHA2Windows},
		{Rule: "phone_edition_strong_root", Severity: "warn", Check: "phone_edition_strong_root",
			Description: "With Communicator Phone Edition devices (--clients phone-edition), no CA of the chain should be signed with SHA-2 and hold a 4096-bit key: the CX700 loops downloading the certificate",
			Citation:    citeCX700},
		{Rule: "lpe_sha256", Severity: "warn", Check: "lpe_sha256",
			Description: "With Lync Phone Edition devices (--clients lync-phone-edition), a SHA-256 chain needs the latest device firmware",
			Citation:    citeLPESHA256},
		{Rule: "wildcard_san_before_fqdn", Severity: "warn", Check: "wildcard_before_fqdn",
			Description: "With UC devices (--clients phone-edition, lync-phone-edition), no wildcard may precede the FQDN in the SAN: the devices match names strictly and fail",
			Citation:    citeLyncWildcardOrder},
		{Rule: "tls10_not_offered", Severity: "warn", Check: "tls10_not_offered",
			Description: "With Windows XP, Windows Server 2003 or Lync Phone Edition clients, the endpoint must accept TLS 1.0: those clients speak nothing newer",
			Citation:    citeWindowsTLS + "; " + citeTLSDisable},
		{Rule: "aes_only_suites", Severity: "warn", Check: "aes_only_suites",
			Description: "With Windows XP or Windows Server 2003 clients, the endpoint must offer a cipher suite without AES (3DES or RC4): Windows XP has no AES suites",
			Citation:    citeXPAES},
	}
}
