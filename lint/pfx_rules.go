package lint

import (
	"fmt"
	"slices"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/probe"
)

// The PFX rules judge how a PFX file is packaged for the Windows that imports it (Target.PFX): the key provider it
// names for its key, and its encryption. They apply to the certificates read from a PFX file.

func init() {
	register("pfx_cng_provider", func(r rule) zlint.CertificateLintInterface { return &pfxCNG{pfxRule{r}} })
	register("pfx_aes", func(r rule) zlint.CertificateLintInterface { return &pfxPBES2{pfxRule{r}} })
	register("pfx_no_provider", func(r rule) zlint.CertificateLintInterface { return &pfxNoProvider{pfxRule{r}} })
}

// pfxRule is what every PFX rule holds: its rule, and the packaging of the PFX file of its target.
type pfxRule struct{ rule }

func (pfxRule) scope() Scope { return ScopePFX }

// pfx is the packaging of the PFX file the certificate came from; nil for other sources.
func (l *pfxRule) pfx() *probe.PFXInfo { return l.target().PFX }

// reexport is the OpenSSL command that writes the PFX again as Windows Server 2003 and 2008 import it.
const reexport = `openssl pkcs12 -in OLD.pfx -nodes -out key-and-certs.pem, then openssl pkcs12 -export -in key-and-certs.pem ` +
	`-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -CSP "Microsoft RSA SChannel Cryptographic Provider" -out NEW.pfx ` +
	`(delete key-and-certs.pem afterwards: it holds the private key unencrypted)`

// pfxCNG: the PFX names a CNG Key Storage Provider for its key.
type pfxCNG struct{ pfxRule }

func (l *pfxCNG) CheckApplies(*x509.Certificate) bool {
	return l.pfx() != nil && len(l.pfx().KeyProviders) > 0
}

func (l *pfxCNG) Execute(*x509.Certificate) *zlint.LintResult {
	var ksp []string
	for _, p := range l.pfx().KeyProviders {
		if isKSP(p) && !slices.Contains(ksp, p) {
			ksp = append(ksp, p)
		}
	}
	if len(ksp) == 0 {
		return pass()
	}
	return l.result("the PFX names %s for its key (attribute 1.3.6.1.4.1.311.17.1): Windows imports the key there as a CNG key, which %s cannot use%s",
		quoteList(ksp), l.product.ShortName, uncertainOCS)
}

func (l *pfxCNG) Remediation(*x509.Certificate) string {
	return "export the PFX again naming the SChannel provider: " + reexport
}

// pfxPBES2: the PFX is encrypted with PBES2, with AES (OpenSSL 3's default) or any other cipher, 3DES too, which
// Windows Server 2003 and 2008 cannot import. Its rule is named pfx_aes_encryption, after OpenSSL 3's default.
type pfxPBES2 struct{ pfxRule }

func (l *pfxPBES2) CheckApplies(*x509.Certificate) bool { return l.pfx() != nil }

func (l *pfxPBES2) Execute(*x509.Certificate) *zlint.LintResult {
	if !l.pfx().PBES2 {
		return pass()
	}
	mac := ""
	if l.pfx().MAC != "" {
		mac = fmt.Sprintf(", with a %s MAC", l.pfx().MAC)
	}
	return l.result("the PFX is encrypted with %s%s: Windows Server 2003 and 2008, where %s runs, cannot import PBES2 (OpenSSL 3's default) and report a wrong password",
		joinAnd(l.pfx().Encryption, "and"), mac, l.product.ShortName)
}

func (l *pfxPBES2) Remediation(*x509.Certificate) string {
	return "write the PFX again with PKCS #12's own 3DES encryption, not PBES2: " + reexport
}

// pfxNoProvider: the PFX names no provider for its key, so Windows picks the Enhanced provider.
type pfxNoProvider struct{ pfxRule }

func (l *pfxNoProvider) CheckApplies(*x509.Certificate) bool {
	return l.pfx() != nil && len(l.pfx().KeyProviders) > 0
}

func (l *pfxNoProvider) Execute(*x509.Certificate) *zlint.LintResult {
	if !slices.Contains(l.pfx().KeyProviders, "") {
		return pass()
	}
	return l.result("the PFX names no key provider for its key (attribute 1.3.6.1.4.1.311.17.1): Windows imports the key into the Microsoft Enhanced Cryptographic Provider, not the %s the OCS Certificate Wizard uses", schannelProvider)
}

func (l *pfxNoProvider) Remediation(*x509.Certificate) string {
	return `export the PFX naming the provider: openssl pkcs12 -export ... -CSP "Microsoft RSA SChannel Cryptographic Provider"`
}
