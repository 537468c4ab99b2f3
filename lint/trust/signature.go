package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"

	// MD5 and SHA-1 must be registered for crypto.Hash.New: OCS-era chains are signed with them.
	_ "crypto/md5" // #nosec G501 -- MD5 signatures are verified so that other rules can judge them
	"crypto/rsa"
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"

	zdsa "github.com/zmap/zcrypto/dsa"
	zrsa "github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
)

// Signatures are checked here, from the signature algorithm's OID and the issuer's key, rather than with a
// library call:
//   - Go's crypto/x509 refuses MD5 and SHA-1 (Go's crypto/rsa itself verifies both).
//   - zcrypto's Certificate.Verify writes ValidSignature into the certificates of its pools, and its
//     CheckSignatureFrom mixes the CA checks in with one error; its CheckSignatureFromKey writes nothing but does
//     not truncate the digest for DSA keys whose subgroup is shorter than the hash (OpenSSL's 2048-bit DSA keys
//     have a 224-bit subgroup, so their SHA-256 signatures fail), verifies RSA keys of any size, and knows
//     RSASSA-PSS only with the salt as long as the hash (Windows and OpenSSL accept any salt length).
// The checks read the certificates and write nothing.

// linkStatus is the verdict on one signature: child signed by parent.
type linkStatus uint8

const (
	linkOK linkStatus = iota
	// linkBad: the signature does not verify with the parent's key.
	linkBad
	// linkWeakKey: the parent's RSA key is below 1024 bits, which Windows rejects in a chain.
	linkWeakKey
	// linkUnsupported: the signature algorithm (MD2, an unknown OID, unusual PSS parameters) or the key type is
	// one uclint cannot check, or does not fit the key.
	linkUnsupported
)

// minRSABits is the smallest RSA key Windows accepts in a chain (since the 2012 update KB2661254).
const minRSABits = 1024

type sigKind uint8

const (
	sigRSA sigKind = iota + 1
	sigPSS
	sigECDSA
	sigDSA
	sigEd25519
)

type sigAlg struct {
	kind sigKind
	hash crypto.Hash // 0 for Ed25519, and for PSS (its hash is in the parameters)
}

// sigAlgs maps signature algorithm OIDs to how to verify them.
var sigAlgs = map[string]sigAlg{
	"1.2.840.113549.1.1.4":   {sigRSA, crypto.MD5},      // md5WithRSAEncryption
	"1.2.840.113549.1.1.5":   {sigRSA, crypto.SHA1},     // sha1WithRSAEncryption
	"1.3.14.3.2.29":          {sigRSA, crypto.SHA1},     // sha1WithRSASignature (OIW), seen on old Windows CAs
	"1.2.840.113549.1.1.14":  {sigRSA, crypto.SHA224},   // sha224WithRSAEncryption
	"1.2.840.113549.1.1.11":  {sigRSA, crypto.SHA256},   // sha256WithRSAEncryption
	"1.2.840.113549.1.1.12":  {sigRSA, crypto.SHA384},   // sha384WithRSAEncryption
	"1.2.840.113549.1.1.13":  {sigRSA, crypto.SHA512},   // sha512WithRSAEncryption
	"1.2.840.113549.1.1.10":  {sigPSS, 0},               // RSASSA-PSS
	"1.2.840.10045.4.1":      {sigECDSA, crypto.SHA1},   // ecdsa-with-SHA1
	"1.2.840.10045.4.3.1":    {sigECDSA, crypto.SHA224}, // ecdsa-with-SHA224
	"1.2.840.10045.4.3.2":    {sigECDSA, crypto.SHA256}, // ecdsa-with-SHA256
	"1.2.840.10045.4.3.3":    {sigECDSA, crypto.SHA384}, // ecdsa-with-SHA384
	"1.2.840.10045.4.3.4":    {sigECDSA, crypto.SHA512}, // ecdsa-with-SHA512
	"1.2.840.10040.4.3":      {sigDSA, crypto.SHA1},     // dsa-with-sha1
	"2.16.840.1.101.3.4.3.1": {sigDSA, crypto.SHA224},   // dsa-with-sha224
	"2.16.840.1.101.3.4.3.2": {sigDSA, crypto.SHA256},   // dsa-with-sha256
	"1.3.101.112":            {sigEd25519, 0},           // Ed25519
}

var hashOIDs = map[string]crypto.Hash{
	"1.3.14.3.2.26":          crypto.SHA1,
	"2.16.840.1.101.3.4.2.4": crypto.SHA224,
	"2.16.840.1.101.3.4.2.1": crypto.SHA256,
	"2.16.840.1.101.3.4.2.2": crypto.SHA384,
	"2.16.840.1.101.3.4.2.3": crypto.SHA512,
}

// verifyLink checks that parent's key verifies child's signature.
func verifyLink(child, parent *x509.Certificate) linkStatus {
	alg, ok := sigAlgs[child.SignatureAlgorithmOID.String()]
	if !ok {
		return linkUnsupported
	}
	signed := child.RawTBSCertificate
	digest := func(h crypto.Hash) []byte {
		w := h.New()
		w.Write(signed)
		return w.Sum(nil)
	}
	switch pub := parent.PublicKey.(type) {
	case *zrsa.PublicKey:
		if pub.N == nil || pub.N.BitLen() < minRSABits {
			return linkWeakKey
		}
		if pub.E == nil || !pub.E.IsInt64() || pub.E.Int64() < 2 || pub.E.Int64() > 1<<31-1 {
			return linkUnsupported // crypto/rsa takes exponents up to 2^31-1
		}
		key := &rsa.PublicKey{N: pub.N, E: int(pub.E.Int64())}
		switch alg.kind {
		case sigRSA:
			return status(rsa.VerifyPKCS1v15(key, alg.hash, digest(alg.hash), child.Signature) == nil)
		case sigPSS:
			hash, salt, ok := pssParameters(child)
			if !ok {
				return linkUnsupported
			}
			return status(rsa.VerifyPSS(key, hash, digest(hash), child.Signature, &rsa.PSSOptions{SaltLength: salt, Hash: hash}) == nil)
		default: // an RSA key with an ECDSA, DSA or Ed25519 signature algorithm: falls through to unsupported
		}
	case *ecdsa.PublicKey:
		if alg.kind == sigECDSA {
			return status(ecdsa.VerifyASN1(pub, digest(alg.hash), child.Signature))
		}
	case *x509.AugmentedECDSA:
		if alg.kind == sigECDSA && pub.Pub != nil {
			return status(ecdsa.VerifyASN1(pub.Pub, digest(alg.hash), child.Signature))
		}
	case ed25519.PublicKey:
		if alg.kind == sigEd25519 && len(pub) == ed25519.PublicKeySize {
			return status(ed25519.Verify(pub, signed, child.Signature))
		}
	case *zdsa.PublicKey:
		if alg.kind == sigDSA {
			return verifyDSA(pub, digest(alg.hash), child.Signature)
		}
	}
	return linkUnsupported
}

func status(ok bool) linkStatus {
	if ok {
		return linkOK
	}
	return linkBad
}

// verifyDSA checks a DSA signature, with the digest cut to the length of the subgroup (FIPS 186-3 4.6), which
// the dsa package leaves to its caller.
func verifyDSA(pub *zdsa.PublicKey, digest, signature []byte) linkStatus {
	var sig struct{ R, S *big.Int }
	if rest, err := asn1.Unmarshal(signature, &sig); err != nil || len(rest) > 0 || sig.R == nil || sig.S == nil ||
		sig.R.Sign() <= 0 || sig.S.Sign() <= 0 || pub.Q == nil {
		return linkBad
	}
	if n := (pub.Q.BitLen() + 7) / 8; len(digest) > n {
		digest = digest[:n]
	}
	return status(zdsa.Verify(pub, digest, sig.R, sig.S))
}

// pssParameters reads the hash and salt length of child's RSASSA-PSS signature (RFC 4055 3.1) from the outer
// signatureAlgorithm. Only MGF1 with the same hash and the standard trailer are supported.
func pssParameters(child *x509.Certificate) (crypto.Hash, int, bool) {
	var cert struct {
		TBS asn1.RawValue
		Alg pkix.AlgorithmIdentifier
		Sig asn1.BitString
	}
	if _, err := asn1.Unmarshal(child.Raw, &cert); err != nil {
		return 0, 0, false
	}
	var params struct {
		Hash    pkix.AlgorithmIdentifier `asn1:"explicit,tag:0,optional"`
		MGF     pkix.AlgorithmIdentifier `asn1:"explicit,tag:1,optional"`
		Salt    int                      `asn1:"explicit,tag:2,optional,default:20"`
		Trailer int                      `asn1:"explicit,tag:3,optional,default:1"`
	}
	if _, err := asn1.Unmarshal(cert.Alg.Parameters.FullBytes, &params); err != nil || params.Trailer != 1 || params.Salt < 0 {
		return 0, 0, false
	}
	hash := crypto.SHA1 // the default of RFC 4055
	if len(params.Hash.Algorithm) > 0 {
		h, ok := hashOIDs[params.Hash.Algorithm.String()]
		if !ok {
			return 0, 0, false
		}
		hash = h
	}
	mgfHash := crypto.SHA1
	if len(params.MGF.Algorithm) > 0 {
		if params.MGF.Algorithm.String() != "1.2.840.113549.1.1.8" { // id-mgf1
			return 0, 0, false
		}
		var h pkix.AlgorithmIdentifier
		if _, err := asn1.Unmarshal(params.MGF.Parameters.FullBytes, &h); err != nil {
			return 0, 0, false
		}
		m, ok := hashOIDs[h.Algorithm.String()]
		if !ok {
			return 0, 0, false
		}
		mgfHash = m
	}
	if mgfHash != hash {
		return 0, 0, false
	}
	return hash, params.Salt, true
}

// linkKey identifies a link by the SHA-256 fingerprints of child and parent.
type linkKey [64]byte

func makeLinkKey(child, parent *x509.Certificate) linkKey {
	var k linkKey
	copy(k[:32], fingerprint(child))
	copy(k[32:], fingerprint(parent))
	return k
}

// link returns the cached verdict on child's signature by parent, checking it on the first call. The same
// intermediate-to-root link is checked for every leaf of a run, and each pool member's leaf against the same
// intermediate.
func (s *Store) link(child, parent *x509.Certificate) linkStatus {
	k := makeLinkKey(child, parent)
	s.mu.Lock()
	st, ok := s.links[k]
	s.mu.Unlock()
	if ok {
		return st
	}
	st = verifyLink(child, parent)
	s.mu.Lock()
	if s.links == nil || len(s.links) >= maxLinks {
		s.links = make(map[linkKey]linkStatus)
	}
	s.links[k] = st
	s.mu.Unlock()
	return st
}

// isSelfSigned reports whether c names itself as issuer and its own key verifies its signature (a root, or a
// self-signed server certificate). A self-issued certificate signed by another key (a CA key rollover
// certificate) is not self-signed.
func (s *Store) isSelfSigned(c *x509.Certificate) bool {
	return selfIssued(c) && s.link(c, c) == linkOK
}
