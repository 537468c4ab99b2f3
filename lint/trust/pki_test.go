package trust

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// The Go-made PKI: chains crypto/x509 can make that the openssl fixtures do not cover (tampered signatures,
// loops, hostile bundles, byte-patched algorithms), plus a few of the same kinds made the other way.

var (
	caFrom   = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	caTo     = time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC)
	leafFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	leafTo   = time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	serial   int64
	serialMu sync.Mutex
)

// gcert is a certificate of the Go-made PKI with its key.
type gcert struct {
	z   *x509.Certificate
	std *stdx509.Certificate
	key crypto.Signer
}

// gopts describes a certificate to make.
type gopts struct {
	cn        string
	ca        bool
	noBC      bool // a version 3 CA without basic constraints
	pathLen   int  // -1: none
	from, to  time.Time
	eku       []stdx509.ExtKeyUsage
	ku        stdx509.KeyUsage
	dns       []string
	ips       []net.IP
	permitted []string
	excluded  []string
	exclIP    []*net.IPNet
	key       crypto.Signer
	sigAlg    stdx509.SignatureAlgorithm
	ski       []byte // the subject key identifier (nil: Go derives one for a CA)
}

func ecKey(t testing.TB) crypto.Signer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// fixtureRSAKey reads a committed test key of the project's fixtures (generating a 2048-bit RSA key takes seconds
// under -race).
func fixtureRSAKey(t testing.TB) crypto.Signer {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "keys", "dir01.key"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatal("fixtures/keys/dir01.key holds no PEM block")
	}
	k, err := stdx509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		t.Fatalf("fixtures/keys/dir01.key is a %T, not an RSA key", k)
	}
	return rk
}

func caOpts(cn string) gopts {
	return gopts{cn: cn, ca: true, pathLen: -1, from: caFrom, to: caTo}
}

func leafOpts(dns ...string) gopts {
	return gopts{cn: dns[0], pathLen: -1, from: leafFrom, to: leafTo, dns: dns,
		eku: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}}
}

// mint makes a certificate; parent nil makes it self-signed.
func mint(t testing.TB, parent *gcert, o gopts) *gcert {
	t.Helper()
	if o.key == nil {
		o.key = ecKey(t)
	}
	serialMu.Lock()
	serial++
	sn := serial
	serialMu.Unlock()
	tmpl := &stdx509.Certificate{
		SerialNumber:          big.NewInt(sn),
		Subject:               pkix.Name{CommonName: o.cn, Organization: []string{"Uclint Go Test"}},
		NotBefore:             o.from,
		NotAfter:              o.to,
		BasicConstraintsValid: !o.noBC,
		IsCA:                  o.ca,
		MaxPathLen:            o.pathLen,
		MaxPathLenZero:        o.pathLen == 0,
		ExtKeyUsage:           o.eku,
		KeyUsage:              o.ku,
		DNSNames:              o.dns,
		IPAddresses:           o.ips,
		PermittedDNSDomains:   o.permitted,
		ExcludedDNSDomains:    o.excluded,
		ExcludedIPRanges:      o.exclIP,
		SignatureAlgorithm:    o.sigAlg,
	}
	if o.ku == 0 {
		tmpl.KeyUsage = stdx509.KeyUsageDigitalSignature
		if o.ca || o.noBC {
			tmpl.KeyUsage = stdx509.KeyUsageCertSign | stdx509.KeyUsageCRLSign
		}
	}
	tmpl.SubjectKeyId = o.ski
	signer, parentTmpl := o.key, tmpl
	if parent != nil {
		signer, parentTmpl = parent.key, parent.std
	}
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, parentTmpl, o.key.Public(), signer)
	if err != nil {
		t.Fatalf("make %q: %v", o.cn, err)
	}
	return parsed(t, der, o.key)
}

func parsed(t testing.TB, der []byte, key crypto.Signer) *gcert {
	t.Helper()
	sc, err := stdx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	zc, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &gcert{z: zc, std: sc, key: key}
}

// patched returns c's DER with every occurrence of old replaced by new (of the same length), parsed again.
func patched(t testing.TB, c *gcert, old, repl []byte) *x509.Certificate {
	t.Helper()
	der := bytes.ReplaceAll(append([]byte(nil), c.z.Raw...), old, repl)
	zc, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return zc
}

func zs(certs ...*gcert) []*x509.Certificate {
	out := make([]*x509.Certificate, len(certs))
	for i, c := range certs {
		out[i] = c.z
	}
	return out
}

// goPKI is the shared part of the Go-made PKI: a root, an issuing CA, a server certificate.
type goPKI struct {
	root, inter, leaf *gcert
}

func newGoPKI(t testing.TB) goPKI {
	root := mint(t, nil, caOpts("Go Root CA"))
	inter := mint(t, root, caOpts("Go Issuing CA"))
	leaf := mint(t, inter, leafOpts("se01.contoso.com", "sip.contoso.com"))
	return goPKI{root, inter, leaf}
}

func goCases(t testing.TB) []chainCase {
	p := newGoPKI(t)
	root, inter := p.root, p.inter
	var cases []chainCase
	add := func(c chainCase) { cases = append(cases, c) }

	// A signature altered in transit: the last byte of the server certificate's signature flipped.
	tampered := append([]byte(nil), p.leaf.z.Raw...)
	tampered[len(tampered)-1] ^= 0x01
	tz, err := x509.ParseCertificate(tampered)
	if err != nil {
		t.Fatal(err)
	}
	add(chainCase{name: "altered signature", leaf: tz, presented: zs(inter), caFile: zs(root), sha2: true,
		want: want{outcome: Untrusted, kind: BadSignature, about: "se01.contoso.com",
			details: []string{`the signature of "se01.contoso.com" does not verify with the key of "Go Issuing CA" (sent by the server)`}}})

	// --ca-file holds a root with the right name and another key.
	rootOtherKey := mint(t, nil, caOpts("Go Root CA"))
	add(chainCase{name: "root of the same name with another key", leaf: p.leaf.z, presented: zs(inter), caFile: zs(rootOtherKey), sha2: true,
		want: want{outcome: Untrusted, kind: MissingRoot, about: "Go Root CA",
			details:   []string{"another key", "passed with --ca-file"},
			notRemedy: []string{`pass the root CA "Go Root CA" with --ca-file`}}})

	// Two CAs that issued each other, and nothing above them.
	keyA, keyB := ecKey(t), ecKey(t)
	tmplA := &stdx509.Certificate{Subject: pkix.Name{CommonName: "Go Loop A", Organization: []string{"Uclint Go Test"}}, SubjectKeyId: []byte{0xa}}
	tmplB := &stdx509.Certificate{Subject: pkix.Name{CommonName: "Go Loop B", Organization: []string{"Uclint Go Test"}}, SubjectKeyId: []byte{0xb}}
	aByB := mint(t, &gcert{std: tmplB, key: keyB}, gopts{cn: "Go Loop A", ca: true, pathLen: -1, from: caFrom, to: caTo, key: keyA, ski: []byte{0xa}})
	bByA := mint(t, &gcert{std: tmplA, key: keyA}, gopts{cn: "Go Loop B", ca: true, pathLen: -1, from: caFrom, to: caTo, key: keyB, ski: []byte{0xb}})
	leafLoop := mint(t, &gcert{std: tmplA, key: keyA}, leafOpts("se01.contoso.com"))
	add(chainCase{name: "CAs that issued each other", leaf: leafLoop.z, presented: zs(aByB, bByA), caFile: zs(root), sha2: true,
		want: want{outcome: Untrusted, kind: MissingRoot, about: "Go Loop A", pathLen: 3}})

	// A v3 CA without basic constraints.
	noBC := mint(t, root, gopts{cn: "Go No Basic Constraints CA", noBC: true, pathLen: -1, from: caFrom, to: caTo})
	add(chainCase{name: "issuer without basic constraints", leaf: mint(t, noBC, leafOpts("se01.contoso.com")).z,
		presented: zs(noBC), caFile: zs(root), sha2: true,
		want: want{outcome: Untrusted, kind: IssuerNotCA, about: "Go No Basic Constraints CA", details: []string{"no Basic Constraints"}}})

	// Name constraints: the common name only (its SAN is allowed), a wildcard, an excluded IP range.
	nc := mint(t, root, gopts{cn: "Go Constrained CA", ca: true, pathLen: -1, from: caFrom, to: caTo,
		permitted: []string{"contoso.com"}, exclIP: []*net.IPNet{{IP: net.IPv4(192, 168, 0, 0).To4(), Mask: net.CIDRMask(16, 32)}}})
	cnOnly := leafOpts("se01.contoso.com")
	cnOnly.cn = "se01.fabrikam.com"
	add(chainCase{name: "common name outside permitted subtree", leaf: mint(t, nc, cnOnly).z, presented: zs(nc), caFile: zs(root), sha2: true,
		goDiffers:      "Go never applies name constraints to the subject common name",
		opensslDiffers: "OpenSSL checks the common name only when the certificate has no SAN dNSName; the Windows chain engine checks it",
		want: want{outcome: Untrusted, kind: NameConstraint, about: "Go Constrained CA",
			details: []string{`"se01.fabrikam.com"`, "permitted names (contoso.com)"}}})
	add(chainCase{name: "wildcard inside permitted subtree", leaf: mint(t, nc, leafOpts("*.contoso.com")).z, presented: zs(nc), caFile: zs(root), sha2: true,
		want: want{outcome: Anchored}})
	ipLeaf := leafOpts("se01.contoso.com")
	ipLeaf.ips = []net.IP{net.IPv4(192, 168, 1, 1)}
	add(chainCase{name: "IP address in excluded range", leaf: mint(t, nc, ipLeaf).z, presented: zs(nc), caFile: zs(root), sha2: true,
		want: want{outcome: Untrusted, kind: NameConstraint, details: []string{`"192.168.1.1"`, "excluded names (192.168.0.0/16)"}}})

	// EKU nesting: anyExtendedKeyUsage in a CA; a CA for server authentication over a leaf without EKU.
	anyCA := mint(t, root, gopts{cn: "Go Any Purpose CA", ca: true, pathLen: -1, from: caFrom, to: caTo,
		eku: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageAny}})
	add(chainCase{name: "CA with anyExtendedKeyUsage", leaf: mint(t, anyCA, leafOpts("se01.contoso.com")).z, presented: zs(anyCA), caFile: zs(root), sha2: true,
		opensslDiffers: "OpenSSL does not count anyExtendedKeyUsage in a CA as Server Authentication",
		want:           want{outcome: Anchored}})
	serverCA := mint(t, root, gopts{cn: "Go Server CA", ca: true, pathLen: -1, from: caFrom, to: caTo,
		eku: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}})
	noEKU := leafOpts("se01.contoso.com")
	noEKU.eku = nil
	add(chainCase{name: "leaf without EKU under a server CA", leaf: mint(t, serverCA, noEKU).z, presented: zs(serverCA), caFile: zs(root), sha2: true,
		want: want{outcome: Anchored}})
	codeCA := mint(t, root, gopts{cn: "Go Code Signing CA", ca: true, pathLen: -1, from: caFrom, to: caTo,
		eku: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageCodeSigning, stdx509.ExtKeyUsageClientAuth}})
	add(chainCase{name: "leaf without EKU under a code signing CA", leaf: mint(t, codeCA, noEKU).z, presented: zs(codeCA), caFile: zs(root), sha2: true,
		want: want{outcome: Untrusted, kind: CAUsage, about: "Go Code Signing CA", details: []string{"Code Signing, Client Authentication"}}})

	// Keys and algorithms made by Go: RSASSA-PSS, Ed25519.
	rsaKey := fixtureRSAKey(t)
	pssCA := mint(t, root, gopts{cn: "Go RSA CA", ca: true, pathLen: -1, from: caFrom, to: caTo, key: rsaKey})
	pssLeaf := leafOpts("se01.contoso.com")
	pssLeaf.sigAlg = stdx509.SHA384WithRSAPSS
	add(chainCase{name: "RSASSA-PSS SHA-384 made by Go", leaf: mint(t, pssCA, pssLeaf).z, presented: zs(pssCA), caFile: zs(root), sha2: true,
		want: want{outcome: Anchored}})
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edCA := mint(t, root, gopts{cn: "Go Ed25519 CA", ca: true, pathLen: -1, from: caFrom, to: caTo, key: edKey})
	add(chainCase{name: "Ed25519 made by Go", leaf: mint(t, edCA, leafOpts("se01.contoso.com")).z, presented: zs(edCA), caFile: zs(root), sha2: true,
		want: want{outcome: Anchored}})

	// MD2: the algorithm identifiers of an RSA SHA-256 certificate patched to md2WithRSAEncryption.
	md2Leaf := patched(t, mint(t, pssCA, leafOpts("se01.contoso.com")),
		[]byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}, []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02})
	add(chainCase{name: "MD2 signature", leaf: md2Leaf, presented: zs(pssCA), caFile: zs(root),
		want: want{outcome: Untrusted, kind: UnsupportedAlgorithm, about: "se01.contoso.com", details: []string{"MD2"}}})

	// An expired root: the anchor itself is judged.
	oldRoot := mint(t, nil, gopts{cn: "Go Old Root CA", ca: true, pathLen: -1, from: caFrom, to: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)})
	oldInter := mint(t, oldRoot, caOpts("Go Under Old Root CA"))
	add(chainCase{name: "root CA expired", leaf: mint(t, oldInter, leafOpts("se01.contoso.com")).z, presented: zs(oldInter), caFile: zs(oldRoot), sha2: true,
		want: want{outcome: Untrusted, kind: CAExpired, about: "Go Old Root CA",
			details: []string{`the root CA "Go Old Root CA" (passed with --ca-file) expired on 2028-06-01`},
			remedy:  []string{"renew the root CA certificate"}}})

	// The server certificate issued by the root itself (a one-tier Enterprise root CA), nothing passed.
	oneTier := mint(t, root, leafOpts("se01.contoso.com"))
	add(chainCase{name: "issued by the root, no --ca-file", leaf: oneTier.z, sha2: true,
		want: want{outcome: Untrusted, kind: MissingRoot, about: "Go Root CA",
			remedy: []string{"if \"Go Root CA\" is your Enterprise root CA, pass its certificate with --ca-file"}}})
	add(chainCase{name: "issued by the root, root passed", leaf: oneTier.z, caFile: zs(root), sha2: true,
		want: want{outcome: Anchored, pathLen: 2}})

	// A self-signed server certificate re-created: --ca-file holds the old one.
	self1 := mint(t, nil, leafOpts("fe01.contoso.com"))
	self2 := mint(t, nil, leafOpts("fe01.contoso.com"))
	add(chainCase{name: "self-signed certificate re-created", leaf: self2.z, caFile: zs(self1), sha2: true,
		want: want{outcome: Untrusted, kind: SelfSigned, selfSigned: true, details: []string{"another one"}}})

	// A certificate the server sends that has nothing to do with the chain.
	stranger := mint(t, nil, caOpts("Go Stranger CA"))
	add(chainCase{name: "unrelated certificate sent", leaf: p.leaf.z, presented: zs(stranger, inter), caFile: zs(root), sha2: true,
		want: want{outcome: Anchored, why: []string{"not part of this certificate's chain"}}})
	return cases
}

func TestGoChains(t *testing.T) {
	for _, c := range goCases(t) {
		t.Run(c.name, func(t *testing.T) { c.check(t) })
	}
}

// TestDifferentialGoChains: the Go-made SHA-2 chains agree with openssl verify and crypto/x509 too.
func TestDifferentialGoChains(t *testing.T) {
	requireOpenSSL(t)
	for _, c := range goCases(t) {
		if !c.sha2 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			v := c.store(t).Check(c.leaf, c.presented, testAt)
			c.differential(t, v.Trusted())
		})
	}
}

// TestTooLong: a chain of more CAs than uclint follows stops with TooLong rather than running on.
func TestTooLong(t *testing.T) {
	p := newGoPKI(t)
	parent := p.root
	var presented []*x509.Certificate
	for i := range maxPathCerts {
		parent = mint(t, parent, caOpts("Go Tier CA "+string(rune('A'+i))))
		presented = append(presented, parent.z)
	}
	leaf := mint(t, parent, leafOpts("se01.contoso.com"))
	v := NewStore(zs(p.root), nil).Check(leaf.z, presented, testAt)
	if v.Trusted() || len(v.Problems) == 0 || v.Problems[0].Kind != TooLong {
		t.Fatalf("verdict %v %+v, want too-long", v.Outcome, v.Problems)
	}
	if len(v.Path) != maxPathCerts {
		t.Errorf("path of %d certificates, want %d", len(v.Path), maxPathCerts)
	}
}

// TestHostileBundle: many CAs with the issuer's name, without key identifiers and signed by one another, cannot
// make the search run away: it stops at its bounds.
func TestHostileBundle(t *testing.T) {
	key := ecKey(t)
	tmpl := &stdx509.Certificate{Subject: pkix.Name{CommonName: "Go Hostile CA", Organization: []string{"Uclint Go Test"}}, SubjectKeyId: []byte{}}
	leaf := mint(t, &gcert{std: tmpl, key: key}, leafOpts("se01.contoso.com"))
	var bundle []*x509.Certificate
	for range 40 {
		o := gopts{cn: "Go Hostile CA", ca: true, pathLen: -1, from: caFrom, to: caTo}
		bundle = append(bundle, mint(t, &gcert{std: tmpl, key: ecKey(t)}, o).z)
	}
	s := NewStore(bundle, nil)
	start := time.Now()
	v := s.Check(leaf.z, bundle, testAt)
	if v.Trusted() {
		t.Fatal("a hostile bundle is trusted")
	}
	if len(v.Problems) == 0 {
		t.Fatal("no problem named")
	}
	t.Logf("%v in %v: %s", v.Problems[0].Kind, time.Since(start), v.Problems[0].Details)
}

func TestNilInputs(t *testing.T) {
	var s *Store
	if v := s.Check(nil, nil, testAt); v != nil {
		t.Errorf("a nil store returned %+v", v)
	}
	s.Forget()
	v := NewStore(nil, nil).Check(nil, nil, testAt)
	if v == nil || v.Trusted() || len(v.Problems) != 1 {
		t.Errorf("a nil leaf gave %+v", v)
	}
	p := newGoPKI(t)
	v = NewStore([]*x509.Certificate{nil, p.root.z}, nil).Check(p.leaf.z, []*x509.Certificate{nil, p.inter.z}, testAt)
	if !v.Trusted() {
		t.Errorf("nil entries broke a good chain: %+v", v.Problems)
	}
}

// TestCachedVerdictIsTheCallers: a second Check of the same chain (another pool member, its own parse) gets the
// cached verdict with its own certificates in it, not the first caller's.
func TestCachedVerdictIsTheCallers(t *testing.T) {
	p := newGoPKI(t)
	s := NewStore(zs(p.root), nil)
	first := s.Check(p.leaf.z, zs(p.inter), testAt)
	leaf2, inter2 := reparse(t, p.leaf.z), reparse(t, p.inter.z)
	second := s.Check(leaf2, []*x509.Certificate{inter2}, testAt)
	if !first.Trusted() || !second.Trusted() {
		t.Fatal("good chain untrusted")
	}
	if second.Path[0] != leaf2 || second.Path[1] != inter2 || second.Presented[0].Certificate != inter2 {
		t.Error("the cached verdict holds the first caller's certificates")
	}
	if first.Path[0] != p.leaf.z {
		t.Error("the first verdict was changed")
	}
	// Another time is another verdict: the issuing CA expired by 2050.
	if v := s.Check(leaf2, []*x509.Certificate{inter2}, time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC)); v.Trusted() {
		t.Error("a verdict cached for 2030 was reused for 2050")
	}
}
