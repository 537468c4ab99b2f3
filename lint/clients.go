package lint

import (
	"fmt"
	"slices"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// The client-compatibility rules turn the limits of the era's clients into findings, for the clients the
// deployment says it has (policy.Context.Clients, from --clients or clients:): none of them runs otherwise. A
// root's self-signature is never checked by Windows, so the signature rules leave it out; the Phone Edition rule
// is about the root itself.

func init() {
	register("sha2_legacy_windows", func(r rule) zlint.CertificateLintInterface { return &sha2Legacy{rule: r} })
	register("sha224", func(r rule) zlint.CertificateLintInterface { return &sha224Sig{rule: r} })
	register("phone_edition_strong_root", func(r rule) zlint.CertificateLintInterface { return &strongRoot{rule: r} })
	register("lpe_sha256", func(r rule) zlint.CertificateLintInterface { return &lpeSHA256{rule: r} })
	register("wildcard_before_fqdn", func(r rule) zlint.CertificateLintInterface { return &wildcardFirst{rule: r} })
	register("tls10_not_offered", func(r rule) zlint.CertificateLintInterface { return &tls10Offered{rule: r} })
	register("aes_only_suites", func(r rule) zlint.CertificateLintInterface { return &aesOnly{rule: r} })
}

// sha2Algorithms are the SHA-256/384/512 signature algorithms.
var sha2Algorithms = []x509.SignatureAlgorithm{
	x509.SHA256WithRSA, x509.SHA384WithRSA, x509.SHA512WithRSA, x509.ECDSAWithSHA256, x509.ECDSAWithSHA384,
	x509.ECDSAWithSHA512, x509.DSAWithSHA256, x509.SHA256WithRSAPSS, x509.SHA384WithRSAPSS, x509.SHA512WithRSAPSS,
}

// sha224OIDs are the SHA-224 signature algorithms (zcrypto has no constant for them).
var sha224OIDs = []asn1.ObjectIdentifier{
	{1, 2, 840, 113549, 1, 1, 14}, // sha224WithRSAEncryption
	{1, 2, 840, 10045, 4, 3, 1},   // ecdsa-with-SHA224
	{2, 16, 840, 1, 101, 3, 4, 3, 1},
}

// clientList names clients for a message: "Communicator on Windows XP SP2 (xp-sp2) and ...".
func clientList(clients []policy.Client) string {
	names := make([]string, len(clients))
	for i, c := range clients {
		names[i] = fmt.Sprintf("%s (%s)", c.Label(), c)
	}
	return joinAnd(names, "and")
}

// sha2Legacy: SHA-2 signatures with Windows XP SP2 or Server 2003 clients.
type sha2Legacy struct{ rule }

func (l *sha2Legacy) CheckApplies(*x509.Certificate) bool {
	return l.target().Request == nil && l.ctx().HasClient(policy.NoSHA2Clients()...)
}

func (l *sha2Legacy) Execute(c *x509.Certificate) *zlint.LintResult {
	list := signedWith(c, l.target(), false, sha2Algorithms...)
	if len(list) == 0 {
		return pass()
	}
	return l.result("signed with SHA-2: %s; %s cannot validate it (Communicator reports Schannel event 36876, 0x80096004)",
		describeSigned(list), clientList(l.ctx().ClientsAmong(policy.NoSHA2Clients()...)))
}

func (l *sha2Legacy) Remediation(*x509.Certificate) string {
	return "install KB968730 on every Windows XP SP3 and Windows Server 2003 SP2 machine (Windows XP SP2 cannot get SHA-2: upgrade it to SP3), or " +
		l.request() + " from a CA that signs with SHA-1 while those clients remain"
}

// sha224Sig: SHA-224 signatures with Windows XP or Server 2003 clients.
type sha224Sig struct{ rule }

func (l *sha224Sig) CheckApplies(*x509.Certificate) bool {
	return l.target().Request == nil && l.ctx().HasClient(policy.ClientXPSP2, policy.ClientXPSP3, policy.ClientServer2003)
}

// found lists the certificates of the chain signed with SHA-224 (roots left out).
func (l *sha224Sig) found(c *x509.Certificate) []string {
	var out []string
	for _, s := range chainOf(c, l.target()) {
		if s.root && !s.leaf {
			continue
		}
		if slices.ContainsFunc(sha224OIDs, s.cert.SignatureAlgorithmOID.Equal) {
			out = append(out, whose(s))
		}
	}
	return out
}

func (l *sha224Sig) Execute(c *x509.Certificate) *zlint.LintResult {
	list := l.found(c)
	if len(list) == 0 {
		return pass()
	}
	return l.result("signed with SHA-224: %s; Windows XP never supported SHA-224 (not even SP3 or the SHA-2 hotfixes), so %s cannot validate it",
		joinAnd(list, "and"), clientList(l.ctx().ClientsAmong(policy.ClientXPSP2, policy.ClientXPSP3, policy.ClientServer2003)))
}

func (l *sha224Sig) Remediation(*x509.Certificate) string {
	return l.request() + " signed with SHA-1 or SHA-256 (the CA's hash setting), never SHA-224"
}

// strongRoot: a CA signed with SHA-2 and holding a 4096-bit key, with Communicator Phone Edition devices.
type strongRoot struct{ rule }

func (l *strongRoot) CheckApplies(*x509.Certificate) bool {
	return l.target().Request == nil && l.ctx().HasClient(policy.ClientPhoneEdition)
}

func (l *strongRoot) found(c *x509.Certificate) []string {
	var out []string
	for _, s := range chainOf(c, l.target()) {
		if s.leaf {
			continue
		}
		bits, rsa := rsaBits(s.cert)
		if rsa && bits >= 4096 && isSHA2(s.cert) {
			out = append(out, fmt.Sprintf("%s (%s, %d-bit key)", whose(s), s.cert.SignatureAlgorithm, bits))
		}
	}
	return out
}

func isSHA2(c *x509.Certificate) bool { return slices.Contains(sha2Algorithms, c.SignatureAlgorithm) }

func (l *strongRoot) Execute(c *x509.Certificate) *zlint.LintResult {
	list := l.found(c)
	if len(list) == 0 {
		return pass()
	}
	return l.result("%s: Communicator Phone Edition devices (Polycom CX700) cannot read a SHA-2 CA with a 4096-bit key and loop on \"Downloading certificate\"", joinAnd(list, "and"))
}

func (l *strongRoot) Remediation(*x509.Certificate) string {
	return "issue the phones' certificates under a CA with a 2048-bit key (or a SHA-1 signature), or retire the Phone Edition devices"
}

// lpeSHA256: SHA-2 signatures with Lync Phone Edition devices.
type lpeSHA256 struct{ rule }

func (l *lpeSHA256) CheckApplies(*x509.Certificate) bool {
	return l.target().Request == nil && l.ctx().HasClient(policy.ClientLyncPhoneEdition)
}

func (l *lpeSHA256) Execute(c *x509.Certificate) *zlint.LintResult {
	list := signedWith(c, l.target(), false, sha2Algorithms...)
	if len(list) == 0 {
		return pass()
	}
	return l.result("signed with SHA-2: %s; Lync Phone Edition devices with older firmware do not understand SHA-256 certificates and loop on sign-in", describeSigned(list))
}

func (l *lpeSHA256) Remediation(*x509.Certificate) string {
	return "update every Lync Phone Edition device to the latest firmware before the SHA-256 certificate is installed"
}

// wildcardFirst: a wildcard SAN entry before the FQDN, with UC devices.
type wildcardFirst struct{ rule }

func (l *wildcardFirst) CheckApplies(c *x509.Certificate) bool {
	return l.ctx().HasClient(policy.ClientPhoneEdition, policy.ClientLyncPhoneEdition) && len(c.DNSNames) > 0
}

// fqdn is the name the devices look for: the role's FQDN, else the Subject CN.
func (l *wildcardFirst) fqdn(c *x509.Certificate) string {
	if f := l.ctx().FQDN; f != "" {
		return f
	}
	return subjectCN(c)
}

func (l *wildcardFirst) Execute(c *x509.Certificate) *zlint.LintResult {
	fqdn := l.fqdn(c)
	wildcard, at := sanOrder(c, fqdn)
	switch {
	case wildcard < 0:
		return pass()
	case at < 0:
		return l.result("the SAN holds the wildcard %q and not the FQDN %q: UC devices match names strictly and fail on the wildcard", c.DNSNames[wildcard], fqdn)
	case wildcard < at:
		return l.result("the SAN lists the wildcard %q (entry %d) before the FQDN %q (entry %d): UC devices fail when a wildcard comes first", c.DNSNames[wildcard], wildcard+1, fqdn, at+1)
	}
	return pass()
}

func (l *wildcardFirst) Remediation(c *x509.Certificate) string {
	return fmt.Sprintf("%s with %s as the first SAN entry, before any wildcard", l.request(), l.fqdn(c))
}

// legacyOffers is what the endpoint offered the era's clients; nil when not asked or for a file.
func (r *rule) legacyOffers() *probe.LegacyOffers {
	if t := r.target(); t.TLS != nil {
		return t.TLS.Legacy
	}
	return nil
}

// tls10Offered: the endpoint accepts TLS 1.0, for the clients that speak nothing newer.
type tls10Offered struct{ rule }

func (l *tls10Offered) CheckApplies(*x509.Certificate) bool {
	return l.legacyOffers() != nil && l.ctx().HasClient(policy.TLS10Clients()...)
}

func (l *tls10Offered) Execute(*x509.Certificate) *zlint.LintResult {
	o := l.legacyOffers().TLS10
	if o.Verdict != probe.OfferRefused {
		return pass()
	}
	how := "refused a handshake offering only TLS 1.0"
	switch {
	case o.Alert != "":
		how += fmt.Sprintf(" (%s alert)", o.Alert)
	case o.Version != "":
		how += fmt.Sprintf(" (it answered with %s)", o.Version)
	}
	return l.result("the endpoint %s: %s cannot connect", how, clientList(l.ctx().ClientsAmong(policy.TLS10Clients()...)))
}

func (l *tls10Offered) Remediation(*x509.Certificate) string {
	return "enable TLS 1.0 on the server (SCHANNEL\\Protocols\\TLS 1.0\\Server, Enabled = 1) while those clients remain"
}

// aesOnly: the endpoint offers a suite without AES, for Windows XP and Server 2003 clients.
type aesOnly struct{ rule }

func (l *aesOnly) CheckApplies(*x509.Certificate) bool {
	return l.legacyOffers() != nil && l.ctx().HasClient(policy.NoAESClients()...)
}

func (l *aesOnly) Execute(*x509.Certificate) *zlint.LintResult {
	o := l.legacyOffers().NonAES
	if o.Verdict != probe.OfferRefused {
		return pass()
	}
	how := ""
	if o.Alert != "" {
		how = fmt.Sprintf(" (%s alert)", o.Alert)
	}
	return l.result("the endpoint refused a handshake offering only TLS_RSA_WITH_3DES_EDE_CBC_SHA and TLS_RSA_WITH_RC4_128_SHA%s: it offers only AES suites, which %s do not have",
		how, clientList(l.ctx().ClientsAmong(policy.NoAESClients()...)))
}

func (l *aesOnly) Remediation(*x509.Certificate) string {
	return "enable TLS_RSA_WITH_3DES_EDE_CBC_SHA on the server (SCHANNEL\\Ciphers\\Triple DES 168, Enabled = 1) while Windows XP clients remain; Windows Server 2003 clients need KB948963 for AES"
}
