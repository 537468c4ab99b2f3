package lint

import (
	stdx509 "crypto/x509"
	"fmt"
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// The rules that judge what only a request says: its key and provider, its INF settings, its signature. Each is a
// small struct on requestRule, registered for the products whose profiles list it.

// schannelProvider is the key provider the OCS Certificate Wizard requests.
const schannelProvider = "Microsoft RSA SChannel Cryptographic Provider"

// isKSP reports whether a key provider is a CNG Key Storage Provider (which OCS-era servers cannot use).
func isKSP(provider string) bool {
	p := strings.ToLower(provider)
	return strings.Contains(p, "key storage provider") || p == "microsoft platform crypto provider"
}

// uncertainOCS is the caveat of the CNG rules for OCS 2007 R2.
const uncertainOCS = " (for OCS 2007 R2 no Microsoft statement was found, so this is UNCERTAIN: its Certificate Wizard requests a CryptoAPI key, and Lync 2010, Lync 2013 and Skype for Business refuse CNG keys)"

func registerRequest(check string, newLint func(r requestRule) zlint.CertificateLintInterface) {
	register(check, func(r rule) zlint.CertificateLintInterface { return newLint(requestRule{r}) })
}

func init() {
	registerRequest("request_server_auth_eku", func(r requestRule) zlint.CertificateLintInterface { return &reqServerAuth{r} })
	registerRequest("request_key_usage", func(r requestRule) zlint.CertificateLintInterface { return &reqKeyUsage{r} })
	registerRequest("request_key_algorithm", func(r requestRule) zlint.CertificateLintInterface { return &reqKeyAlgorithm{r} })
	registerRequest("request_rsa_max", func(r requestRule) zlint.CertificateLintInterface { return &reqRSASize{r, "max"} })
	registerRequest("request_rsa_min", func(r requestRule) zlint.CertificateLintInterface { return &reqRSASize{r, "min"} })
	registerRequest("request_rsa_recommended", func(r requestRule) zlint.CertificateLintInterface { return &reqRSASize{r, "recommended"} })
	registerRequest("request_key_length_default", func(r requestRule) zlint.CertificateLintInterface { return &reqKeyLengthDefault{r} })
	registerRequest("request_signature", func(r requestRule) zlint.CertificateLintInterface { return &reqSignature{r} })
	registerRequest("request_cng_provider", func(r requestRule) zlint.CertificateLintInterface { return &reqCNG{r} })
	registerRequest("request_provider_missing", func(r requestRule) zlint.CertificateLintInterface { return &reqProviderMissing{r} })
	registerRequest("request_provider_not_schannel", func(r requestRule) zlint.CertificateLintInterface { return &reqNotSChannel{r} })
	registerRequest("request_keyspec_signature", func(r requestRule) zlint.CertificateLintInterface { return &reqKeySpecSignature{r} })
	registerRequest("request_user_keyset", func(r requestRule) zlint.CertificateLintInterface { return &reqUserKeyset{r} })
	registerRequest("request_not_exportable_shared", func(r requestRule) zlint.CertificateLintInterface { return &reqNotExportable{r} })
	registerRequest("request_san_too_large", func(r requestRule) zlint.CertificateLintInterface { return &reqSANTooLarge{r} })
}

// reqServerAuth: the request asks for the Server Authentication EKU.
type reqServerAuth struct{ requestRule }

func (l *reqServerAuth) CheckApplies(*x509.Certificate) bool { return l.req() != nil }

func (l *reqServerAuth) Execute(c *x509.Certificate) *zlint.LintResult {
	r := l.req()
	if !r.EKURequested {
		return l.result("%s asks for no Extended Key Usage: unless the CA's template adds Server Authentication (the Web Server template does), the certificate cannot be used for TLS", l.what())
	}
	if allowsEKU(c, x509.ExtKeyUsageServerAuth) {
		return pass()
	}
	return l.result("%s asks for an Extended Key Usage without Server Authentication (1.3.6.1.5.5.7.3.1)%s: SChannel will not use the certificate for TLS", l.what(), l.at("eku"))
}

func (l *reqServerAuth) Remediation(*x509.Certificate) string {
	if l.inf() {
		return "add [EnhancedKeyUsageExtension] with OID = 1.3.6.1.5.5.7.3.1 (Server Authentication), and submit it to the Web Server template"
	}
	return l.remake("asking for extendedKeyUsage = serverAuth (OpenSSL), or submit it to the Web Server template")
}

// reqKeyUsage: a Key Usage asked for holds digitalSignature and keyEncipherment.
type reqKeyUsage struct{ requestRule }

func (l *reqKeyUsage) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil && l.req().KeyUsageRequested
}

func (l *reqKeyUsage) Execute(*x509.Certificate) *zlint.LintResult {
	var lacks []string
	ku := l.req().KeyUsage
	if ku&stdx509.KeyUsageDigitalSignature == 0 {
		lacks = append(lacks, "digitalSignature")
	}
	if ku&stdx509.KeyUsageKeyEncipherment == 0 {
		lacks = append(lacks, "keyEncipherment")
	}
	if len(lacks) == 0 {
		return pass()
	}
	return l.result("%s asks for a Key Usage without %s%s: the OCS wizard asks for 0xa0 (digitalSignature and keyEncipherment), and TLS 1.0 RSA key exchange needs keyEncipherment",
		l.what(), joinAnd(lacks, "and"), l.at("keyusage"))
}

func (l *reqKeyUsage) Remediation(*x509.Certificate) string {
	if l.inf() {
		return "set KeyUsage = 0xa0 in [NewRequest]"
	}
	return l.remake("asking for keyUsage = critical, digitalSignature, keyEncipherment")
}

// cryptoOf is the key limits of the certificate the request is for.
func (l *requestRule) cryptoOf() policy.Crypto {
	spec, _ := l.ctx().CertificateSpec()
	return l.product.CryptoFor(spec)
}

// reqKeyAlgorithm: the request's key is of an algorithm the product works with.
type reqKeyAlgorithm struct{ requestRule }

func (l *reqKeyAlgorithm) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil && l.req().KeyAlgorithm != ""
}

func (l *reqKeyAlgorithm) Execute(*x509.Certificate) *zlint.LintResult {
	alg := l.req().KeyAlgorithm
	if slices.Contains(l.cryptoOf().KeyAlgorithms, alg) {
		return pass()
	}
	return l.result("%s asks for %s key%s: %s documents only RSA keys, and the certificate would fail %s",
		l.what(), keyAlgorithmName(alg), l.at("keyalgorithm"), l.product.Name, l.product.RuleID("non_rsa_key"))
}

func (l *reqKeyAlgorithm) Remediation(*x509.Certificate) string {
	if l.inf() {
		return "remove KeyAlgorithm (RSA is the default) or set KeyAlgorithm = RSA, with KeyLength = 2048"
	}
	return l.remake("with a 2048-bit RSA key (openssl req -newkey rsa:2048)")
}

// reqRSASize: the RSA key size asked for, against the product's limits.
type reqRSASize struct {
	requestRule
	which string // "min", "recommended" or "max"
}

func (l *reqRSASize) CheckApplies(*x509.Certificate) bool {
	r := l.req()
	return r != nil && r.KeyAlgorithm == "rsa" && r.KeyBits > 0
}

func (l *reqRSASize) Execute(*x509.Certificate) *zlint.LintResult {
	bits, lim := l.req().KeyBits, l.cryptoOf()
	at := l.at("keylength")
	switch l.which {
	case "min":
		if lim.RSAErrorBelow > 0 && bits < lim.RSAErrorBelow {
			return l.result("%s asks for a %d-bit RSA key%s: below %d bits, which %s refuses", l.what(), bits, at, lim.RSAErrorBelow, l.product.ShortName)
		}
	case "recommended":
		if lim.RSAWarnBelow > 0 && bits < lim.RSAWarnBelow && bits >= lim.RSAErrorBelow {
			note := ""
			if bits == 1024 {
				note = " (1024 is the OCS Certificate Wizard's default)"
			}
			return l.result("%s asks for a %d-bit RSA key%s%s: %d bits or more are recommended", l.what(), bits, at, note, lim.RSAWarnBelow)
		}
	case "max":
		if lim.RSAWarnAbove > 0 && bits > lim.RSAWarnAbove {
			return l.result("%s asks for a %d-bit RSA key%s: %s supports RSA keys of up to %d bits", l.what(), bits, at, l.product.Name, lim.RSAWarnAbove)
		}
	}
	return pass()
}

func (l *reqRSASize) Remediation(*x509.Certificate) string {
	if l.inf() {
		return "set KeyLength = 2048 in [NewRequest]"
	}
	return l.remake("with a 2048-bit RSA key (openssl req -newkey rsa:2048)")
}

// reqKeyLengthDefault: an INF that sets no KeyLength leaves it to a CryptoAPI provider, which makes 1024 bits.
type reqKeyLengthDefault struct{ requestRule }

func (l *reqKeyLengthDefault) CheckApplies(*x509.Certificate) bool {
	r := l.req()
	return l.inf() && r.KeyAlgorithm == "rsa" && r.Provider != "" && !isKSP(r.Provider)
}

func (l *reqKeyLengthDefault) Execute(*x509.Certificate) *zlint.LintResult {
	if l.req().KeyBits > 0 {
		return pass()
	}
	return l.result("the INF sets no KeyLength: the %s then makes a 1024-bit key, the OCS wizard's default, which is weak", l.req().Provider)
}

func (l *reqKeyLengthDefault) Remediation(*x509.Certificate) string {
	return "set KeyLength = 2048 in [NewRequest]"
}

// reqSignature: a CSR's signature verifies with its own public key.
type reqSignature struct{ requestRule }

func (l *reqSignature) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil && l.req().Format == probe.RequestCSR
}

func (l *reqSignature) Execute(*x509.Certificate) *zlint.LintResult {
	if e := l.req().SignatureError; e != "" {
		return l.result("the CSR's signature does not verify: %s; a CA refuses it", e)
	}
	return pass()
}

func (l *reqSignature) Remediation(*x509.Certificate) string {
	return "make the request again (certreq -new, or openssl req -new) and send the file as it was written: a CSR changed after it was signed cannot be repaired"
}

// reqCNG: the key comes from a CryptoAPI provider, not a CNG Key Storage Provider, and KeySpec is not 0.
type reqCNG struct{ requestRule }

func (l *reqCNG) CheckApplies(*x509.Certificate) bool { return l.req() != nil }

func (l *reqCNG) Execute(*x509.Certificate) *zlint.LintResult {
	r := l.req()
	switch {
	case isKSP(r.Provider):
		where := l.at("providername")
		if !l.inf() {
			where = " (its Enrollment CSP attribute)"
		}
		return l.result("%s names the CNG provider %q%s: the key would be a CNG key, which %s cannot use%s", l.what(), r.Provider, where, l.product.ShortName, uncertainOCS)
	case r.KeySpecGiven && r.KeySpec == 0:
		return l.result("%s has KeySpec 0 (AT_NONE)%s: the key would be a CNG key, which %s cannot use%s", l.what(), l.at("keyspec"), l.product.ShortName, uncertainOCS)
	}
	return pass()
}

func (l *reqCNG) Remediation(*x509.Certificate) string {
	if l.inf() {
		return `set ProviderName = "Microsoft RSA SChannel Cryptographic Provider", ProviderType = 12 and KeySpec = 1 in [NewRequest], then certreq -new again`
	}
	return l.remake(`from an INF with ProviderName = "Microsoft RSA SChannel Cryptographic Provider", ProviderType = 12 and KeySpec = 1, or from a certificate template (version 2) that uses that provider`)
}

// reqProviderMissing: an INF names its provider (certreq otherwise makes a CNG key).
type reqProviderMissing struct{ requestRule }

func (l *reqProviderMissing) CheckApplies(*x509.Certificate) bool { return l.inf() }

func (l *reqProviderMissing) Execute(*x509.Certificate) *zlint.LintResult {
	if l.req().Provider != "" {
		return pass()
	}
	return l.result("the INF names no ProviderName: certreq on Windows Server 2008 and later then makes the key in the Microsoft Software Key Storage Provider, a CNG key %s cannot use", l.product.ShortName)
}

func (l *reqProviderMissing) Remediation(*x509.Certificate) string {
	return `add ProviderName = "Microsoft RSA SChannel Cryptographic Provider" and ProviderType = 12 to [NewRequest]`
}

// reqNotSChannel: a CryptoAPI provider other than the SChannel provider the OCS wizard uses (a request's, or a PFX
// file's key provider).
type reqNotSChannel struct{ requestRule }

func (l *reqNotSChannel) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil || l.target().PFX != nil
}

// others lists the CryptoAPI providers named other than SChannel.
func (l *reqNotSChannel) others() []string {
	var names []string
	if r := l.req(); r != nil {
		if r.Provider != "" && !isKSP(r.Provider) && !strings.EqualFold(r.Provider, schannelProvider) {
			names = append(names, r.Provider)
		}
		return names
	}
	for _, p := range l.target().PFX.KeyProviders {
		if p != "" && !isKSP(p) && !strings.EqualFold(p, schannelProvider) && !slices.Contains(names, p) {
			names = append(names, p)
		}
	}
	return names
}

func (l *reqNotSChannel) Execute(*x509.Certificate) *zlint.LintResult {
	r := l.req()
	if r != nil && r.ProviderType != 0 && r.ProviderType != 12 && strings.EqualFold(r.Provider, schannelProvider) {
		return l.result("the INF names the SChannel provider with ProviderType %d%s: that provider is type 12, and certreq may refuse the mismatch or pick another provider; whether OCS cares is not documented (UNCERTAIN)",
			r.ProviderType, l.at("providertype"))
	}
	others := l.others()
	if len(others) == 0 {
		return pass()
	}
	what := "the PFX names the key provider"
	if r != nil {
		what = l.what() + " names the key provider"
	}
	return l.result("%s %s, not the %s the OCS Certificate Wizard uses; whether OCS cares is not documented (UNCERTAIN)", what, quoteList(others), schannelProvider)
}

func (l *reqNotSChannel) Remediation(*x509.Certificate) string {
	if l.target().PFX != nil && l.req() == nil {
		return `export the PFX again naming the SChannel provider: openssl pkcs12 -export ... -CSP "Microsoft RSA SChannel Cryptographic Provider"`
	}
	return `set ProviderName = "Microsoft RSA SChannel Cryptographic Provider" and ProviderType = 12`
}

// reqKeySpecSignature: KeySpec 2 (AT_SIGNATURE).
type reqKeySpecSignature struct{ requestRule }

func (l *reqKeySpecSignature) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil && l.req().KeySpecGiven
}

func (l *reqKeySpecSignature) Execute(*x509.Certificate) *zlint.LintResult {
	if l.req().KeySpec != 2 {
		return pass()
	}
	return l.result("%s has KeySpec 2 (AT_SIGNATURE)%s: the key may only sign, while TLS 1.0 RSA key exchange, all Windows Server 2003 speaks, decrypts with it; the OCS wizard uses KeySpec 1 (AT_KEYEXCHANGE)", l.what(), l.at("keyspec"))
}

func (l *reqKeySpecSignature) Remediation(*x509.Certificate) string {
	if l.inf() {
		return "set KeySpec = 1 in [NewRequest]"
	}
	return l.remake("with KeySpec = 1 (AT_KEYEXCHANGE)")
}

// reqUserKeyset: an INF puts the key in the computer's store.
type reqUserKeyset struct{ requestRule }

func (l *reqUserKeyset) CheckApplies(*x509.Certificate) bool { return l.inf() }

func (l *reqUserKeyset) Execute(*x509.Certificate) *zlint.LintResult {
	switch l.req().MachineKeySet {
	case probe.FlagTrue:
		return pass()
	case probe.FlagFalse:
		return l.result("the INF sets MachineKeySet = FALSE%s: the key lands in your own user profile, where the OCS services cannot use it", l.at("machinekeyset"))
	case probe.FlagUnset:
	}
	return l.result("the INF does not set MachineKeySet (certreq's default is FALSE): the key lands in your own user profile, where the OCS services cannot use it")
}

func (l *reqUserKeyset) Remediation(*x509.Certificate) string {
	return "set MachineKeySet = TRUE in [NewRequest]"
}

// reqNotExportable: a certificate shared by several servers (or the A/V authentication certificate) is requested
// exportable.
type reqNotExportable struct{ requestRule }

func (l *reqNotExportable) CheckApplies(*x509.Certificate) bool {
	spec, ok := l.ctx().CertificateSpec()
	return l.inf() && ok && spec.Exportable == policy.ExportableRequired
}

func (l *reqNotExportable) Execute(*x509.Certificate) *zlint.LintResult {
	if l.req().Exportable == probe.FlagTrue {
		return pass()
	}
	spec, _ := l.ctx().CertificateSpec()
	role, _ := l.ctx().RoleSpec()
	set := "does not set Exportable (certreq's default is FALSE)"
	if l.req().Exportable == probe.FlagFalse {
		set = "sets Exportable = FALSE" + l.at("exportable")
	}
	why := "the same certificate and key go on every server that shares it"
	if role != nil && role.Pool {
		why = fmt.Sprintf("the same certificate and key go on every member of the %s", strings.ToLower(role.Label))
	}
	return l.result("the INF %s for the %s: %s, so the key must be exported from this server and imported on the others", set, spec.Label, why)
}

func (l *reqNotExportable) Remediation(*x509.Certificate) string {
	return "set Exportable = TRUE in [NewRequest]"
}

// sanTooLarge is the SAN size uclint warns from: a Windows CA refuses an extension over 4096 characters, and
// whether it counts DER bytes or their base64 form (4096 base64 characters are 3072 bytes) is not documented.
const sanTooLarge = 3000

// reqSANTooLarge: the SAN extension fits a Windows CA.
type reqSANTooLarge struct{ requestRule }

func (l *reqSANTooLarge) CheckApplies(*x509.Certificate) bool {
	return l.req() != nil && l.req().SANSize > 0
}

func (l *reqSANTooLarge) Execute(*x509.Certificate) *zlint.LintResult {
	size := l.req().SANSize
	if size < sanTooLarge {
		return pass()
	}
	return l.result("the SAN extension is %d bytes (%d names)%s: a Windows CA refuses an extension over 4096 characters (error 0xc80005e2, \"the length of the field exceeds the maximum length\"); whether it counts the %d bytes or their %d base64 characters is UNCERTAIN",
		size, len(l.req().DNSNames), l.at("2.5.29.17"), size, (size+2)/3*4)
}

func (l *reqSANTooLarge) Remediation(*x509.Certificate) string {
	return "ask for fewer names per certificate (serve some SIP domains from another pool), or ask the CA's administrators whether the CA accepts it (certutil -schema ext on the CA shows the limit) before you submit the request"
}
