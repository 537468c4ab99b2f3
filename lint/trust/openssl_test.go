package trust

import (
	"testing"

	"github.com/zmap/zcrypto/x509"
)

// opensslCases are the chains of testdata/ (made by the openssl command, see testdata/make.sh).
func opensslCases(t testing.TB) []chainCase {
	l := func(n string) *x509.Certificate { return load(t, n) }
	all := func(n ...string) []*x509.Certificate { return loadAll(t, n...) }
	return []chainCase{
		{name: "good chain", leaf: l("leaf"), presented: all("inter"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "root sent too", leaf: l("leaf"), presented: all("inter", "root"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "leaf copy and duplicates presented", leaf: l("leaf"), presented: all("leaf", "inter", "inter"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "intermediate only in --ca-file", leaf: l("leaf"), caFile: all("root", "inter"), sha2: true,
			want: want{outcome: Anchored, incomplete: true, pathLen: 3,
				incDetails: []string{"only its own certificate", `"OSSL Issuing CA"`, `"OSSL Root CA"`}}},
		{name: "missing intermediate", leaf: l("leaf"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: MissingIntermediate, about: "OSSL Issuing CA",
				details: []string{`"OSSL Issuing CA"`, "does not send"},
				remedy:  []string{"Intermediate Certification Authorities store of the server's computer account"}}},
		{name: "missing root", leaf: l("leaf"), presented: all("inter"), sha2: true,
			want: want{outcome: Untrusted, kind: MissingRoot, about: "OSSL Root CA",
				details: []string{`"OSSL Issuing CA"`, `"OSSL Root CA"`}, remedy: []string{`pass the root CA "OSSL Root CA" with --ca-file`}}},
		{name: "another root in --ca-file", leaf: l("leaf"), presented: all("inter"), caFile: all("root2"), sha2: true,
			want: want{outcome: Untrusted, kind: MissingRoot, about: "OSSL Root CA",
				details: []string{`--ca-file holds "OSSL Other Root CA"`}}},
		{name: "expired pre-renewal copy sent, renewed copy in --ca-file", leaf: l("leaf"), presented: all("inter-old"),
			caFile: all("root", "inter"), sha2: true,
			want: want{outcome: Anchored, incomplete: true, pathLen: 3,
				why:        []string{"expired copy", "before its renewal", "2025-01-01", "--ca-file"},
				incDetails: []string{"expired copy", "cannot be used", `only through "OSSL Issuing CA"`}}},
		{name: "expired copy sent, no renewed copy", leaf: l("leaf"), presented: all("inter-old"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: CAExpired, about: "OSSL Issuing CA",
				details: []string{`the issuing CA "OSSL Issuing CA" (sent by the server) expired on 2025-01-01`, "2030-01-01"},
				remedy:  []string{"renewed certificate", "Intermediate Certification Authorities"}}},
		{name: "cross-signed copy sent", leaf: l("leaf"), presented: all("inter-cross"), caFile: all("root", "inter"), sha2: true,
			opensslDiffers: "OpenSSL takes the first matching untrusted issuer (the cross-signed copy) and does not go back to " +
				"try the other copy when it leads nowhere; Windows and Go build every path",
			want: want{outcome: Anchored, incomplete: true,
				why: []string{"cross-signed copy", `issued by "OSSL Other Root CA"`, "does not lead to a trust anchor"}}},
		{name: "cross-signed copy leads to its root", leaf: l("leaf"), presented: all("inter-cross"), caFile: all("root2", "inter"), sha2: true,
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "same name, another key sent; right one in --ca-file", leaf: l("leaf"), presented: all("inter-otherkey"),
			caFile: all("root", "inter"), sha2: true,
			want: want{outcome: Anchored, incomplete: true, why: []string{"another key", "renewed with a new key"}}},
		{name: "same name, another key sent", leaf: l("leaf"), presented: all("inter-otherkey"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: MissingIntermediate, about: "OSSL Issuing CA",
				details: []string{"another key", "the server sends"}}},
		{name: "root of the same name with another key, no key identifiers", leaf: l("leaf-noids"), presented: all("inter-noids"),
			caFile: all("root-noids-other"), sha2: true,
			want: want{outcome: Untrusted, kind: BadSignature, about: "OSSL Plain Issuing CA",
				details: []string{`the signature of "OSSL Plain Issuing CA" does not verify with the key of "OSSL Plain Root CA" (passed with --ca-file)`}}},
		{name: "no key identifiers, right root among others", leaf: l("leaf-noids"), presented: all("inter-noids"),
			caFile: all("root-noids-other", "root-noids"), sha2: true,
			opensslDiffers: "without key identifiers OpenSSL takes the first trusted root with the issuer's name and does not try the next " +
				"when its signature fails; Windows and Go try every candidate",
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "name constraints kept", leaf: l("leaf-nc-ok"), presented: all("inter-nc"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored}},
		{name: "name outside permitted subtree", leaf: l("leaf-nc-permitted"), presented: all("inter-nc"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: NameConstraint, about: "OSSL Constrained CA",
				details: []string{`"se01.fabrikam.com"`, "outside the permitted names (contoso.com)", `"OSSL Constrained CA"`}}},
		{name: "name in excluded subtree", leaf: l("leaf-nc-excluded"), presented: all("inter-nc"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: NameConstraint, about: "OSSL Constrained CA",
				details: []string{`"web.secret.contoso.com"`, "excluded names (secret.contoso.com)"}}},
		{name: "IP address outside permitted subtree", leaf: l("leaf-nc-ip"), presented: all("inter-nc"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: NameConstraint, details: []string{`"192.168.1.10"`, "10.0.0.0/8"}}},
		{name: "CA for client authentication only", leaf: l("leaf-eku"), presented: all("inter-eku"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: CAUsage, about: "OSSL Client Auth CA",
				details: []string{"Client Authentication", "lacks Server Authentication"}}},
		{name: "CA EKU with server authentication", leaf: l("leaf-eku-ok"), presented: all("inter-eku-ok"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored}},
		{name: "path length exceeded", leaf: l("leaf-pl"), presented: all("sub-pl", "inter-pl0"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: PathLength, about: "OSSL Policy CA",
				details: []string{"Path Length Constraint=0", `"OSSL Sub CA"`}}},
		{name: "issuing CA expired", leaf: l("leaf-expired-ca"), presented: all("inter-expired"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: CAExpired, about: "OSSL Expired CA", details: []string{"expired on 2025-01-01"}}},
		{name: "issuing CA not yet valid", leaf: l("leaf-future-ca"), presented: all("inter-future"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: CANotYetValid, about: "OSSL Future CA", details: []string{"valid only from 2035-01-01"}}},
		{name: "issuer is a server certificate", leaf: l("leaf-notca"), presented: all("notca", "inter"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: IssuerNotCA, about: "notca.contoso.com", details: []string{"Subject Type=End Entity"}}},
		{name: "CA key usage lacks certificate signing", leaf: l("leaf-nocertsign"), presented: all("inter-nocertsign"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: IssuerNotCA, about: "OSSL No CertSign CA", details: []string{"lacks Certificate Signing"}}},
		{name: "SHA-1 chain", leaf: l("leaf-sha1"), presented: all("inter-sha1"), caFile: all("root-sha1"),
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "MD5 chain", leaf: l("leaf-md5"), presented: all("inter-md5"), caFile: all("root-md5"),
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "version 1 root", leaf: l("leaf-v1root"), presented: all("inter-v1root"), caFile: all("root-v1"), sha2: true,
			want: want{outcome: Anchored, pathLen: 3}},
		{name: "512-bit RSA CA", leaf: l("leaf-weak"), presented: all("inter-weak"), caFile: all("root"), sha2: true,
			opensslDiffers: "openssl verify without -auth_level accepts a 512-bit RSA CA; Windows rejects it (KB2661254)",
			goDiffers: "Go's crypto/rsa rejects RSA keys below 1024 bits, but zcrypto's init sets GODEBUG=rsa1024min=0 " +
				"for the whole program, so crypto/x509 accepts the 512-bit CA in any program that imports zcrypto",
			want: want{outcome: Untrusted, kind: WeakKey, about: "OSSL Weak Key CA", details: []string{"512 bits"}}},
		{name: "DSA CA", leaf: l("leaf-dsa"), presented: all("inter-dsa"), caFile: all("root"), sha2: true,
			goDiffers: "Go's crypto/x509 no longer verifies DSA signatures",
			want:      want{outcome: Anchored}},
		{name: "ECDSA chain", leaf: l("leaf-ec"), presented: all("inter-ec"), caFile: all("root-ec"), sha2: true,
			want: want{outcome: Anchored}},
		{name: "Ed25519 CA", leaf: l("leaf-ed"), presented: all("inter-ed"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored}},
		{name: "RSASSA-PSS leaf", leaf: l("leaf-pss"), presented: all("inter"), caFile: all("root"), sha2: true,
			want: want{outcome: Anchored}},
		{name: "RSASSA-PSS with a 20-byte salt", leaf: l("leaf-pss-salt20"), presented: all("inter"), caFile: all("root"), sha2: true,
			goDiffers: "Go's crypto/x509 verifies RSASSA-PSS only with a salt as long as the hash; Windows and OpenSSL take the salt length from the parameters",
			want:      want{outcome: Anchored}},
		{name: "self-signed server certificate", leaf: l("leaf-self"), caFile: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: SelfSigned, about: "se01.contoso.com", selfSigned: true, pathLen: 1,
				remedy: []string{"Enterprise CA", "pass it with --ca-file"}}},
		{name: "self-signed server certificate in --ca-file", leaf: l("leaf-self"), caFile: all("root", "leaf-self"), sha2: true,
			want: want{outcome: Anchored, selfSigned: true, pathLen: 1}},
		{name: "system root", leaf: l("leaf"), presented: all("inter"), system: all("root"), sha2: true,
			want: want{outcome: System, pathLen: 3}},
		{name: "system root sent by the server", leaf: l("leaf"), presented: all("inter", "root"), system: all("root"), sha2: true,
			want: want{outcome: System, pathLen: 3}},
		{name: "system root, intermediate only in --ca-file", leaf: l("leaf"), caFile: all("inter"), system: all("root"), sha2: true,
			want: want{outcome: System, incomplete: true, pathLen: 3}},
		{name: "system root, expired issuing CA", leaf: l("leaf-expired-ca"), presented: all("inter-expired"), system: all("root"), sha2: true,
			want: want{outcome: Untrusted, kind: CAExpired, about: "OSSL Expired CA", pathLen: 3}},
		{name: "system root, SHA-1 server certificate", leaf: l("leaf-sha1-mixed"), presented: all("inter"), system: all("root"),
			want: want{outcome: System, pathLen: 3}},
		{name: "system root, MD5 server certificate", leaf: l("leaf-md5-mixed"), presented: all("inter"), system: all("root"),
			want: want{outcome: System, pathLen: 3}},
		{name: "system root signs with SHA-1", leaf: l("leaf-sha1"), presented: all("inter-sha1"), system: all("root-sha1"),
			want: want{outcome: Untrusted, kind: SystemRejected, about: "OSSL SHA1 Issuing CA",
				details: []string{"SHA1", `"OSSL SHA1 Root CA"`, "a system root of that name exists"},
				remedy:  []string{`pass the root "OSSL SHA1 Root CA" with --ca-file`}}},
		{name: "system pool without the root", leaf: l("leaf"), presented: all("inter"), system: all("root2"), sha2: true,
			want: want{outcome: Untrusted, kind: MissingRoot, details: []string{"nor a system root"}}},
	}
}

func TestOpenSSLChains(t *testing.T) {
	for _, c := range opensslCases(t) {
		t.Run(c.name, func(t *testing.T) { c.check(t) })
	}
}

// TestDifferentialOpenSSLChains: for every SHA-2 chain of testdata/, uclint's trusted-or-not verdict agrees with
// openssl verify and Go's crypto/x509, or the case says why it legitimately does not.
func TestDifferentialOpenSSLChains(t *testing.T) {
	requireOpenSSL(t)
	for _, c := range opensslCases(t) {
		if !c.sha2 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			v := c.store(t).Check(c.leaf, c.presented, testAt)
			c.differential(t, v.Trusted())
		})
	}
}

// TestSHA1AndMD5DifferFromGo: the SHA-1 and MD5 chains uclint builds and trusts (their hash is judged by other
// rules) are the ones Go's crypto/x509 refuses, which is why this package checks signatures itself.
func TestSHA1AndMD5DifferFromGo(t *testing.T) {
	for _, c := range opensslCases(t) {
		if c.sha2 || !c.want.outcome.trusted() {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			v := c.store(t).Check(c.leaf, c.presented, testAt)
			if !v.Trusted() {
				t.Fatalf("uclint does not trust the %s: %+v", c.name, v.Problems)
			}
			roots := append(append([]*x509.Certificate(nil), c.caFile...), c.system...)
			if ok, _ := goVerify(t, c.leaf, roots, c.presented); ok {
				t.Errorf("crypto/x509 accepts the %s: then it could build this chain itself", c.name)
			}
		})
	}
}

func (o Outcome) trusted() bool { return o != Untrusted }
