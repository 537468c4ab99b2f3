package probe

import (
	"encoding/asn1"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// PFXInfo is what a PKCS #12 (PFX) file says of its packaging that Windows cares about when it imports it: which
// key provider it names for its key, and how it is encrypted. It is read from the file's structure, without the
// password: the key bags' attributes and algorithms are not encrypted.
type PFXInfo struct {
	// KeyProviders holds, per key bag read, the key provider it names (attribute 1.3.6.1.4.1.311.17.1, "Microsoft
	// CSP Name"), "" for a key bag that names none.
	KeyProviders []string
	// KeysHidden is true when a key bag sits inside encrypted content, where its attributes cannot be read
	// without decrypting it.
	KeysHidden bool
	// Encryption lists the encryption of the file's parts, once each, in order: "PBES2 (AES-256-CBC)",
	// "pbeWithSHAAnd3-KeyTripleDES-CBC", "pbeWithSHAAnd40BitRC2-CBC".
	Encryption []string
	// PBES2 is true when a part is encrypted with PBES2 (RFC 8018), whatever its cipher: AES-256-CBC (OpenSSL
	// 3's default) or another, DES-EDE3-CBC too. Windows before Windows Server 2019 cannot import PBES2; it
	// imports the PKCS #12 PBE algorithms (pbeWithSHAAnd3-KeyTripleDES-CBC).
	PBES2 bool
	// MAC is the hash of the integrity MAC ("SHA-1", "SHA-256"); "" without one.
	MAC string

	encrypted bool // some bags sit in encrypted content
}

// OIDs of PKCS #12 and its algorithms.
var (
	oidData                = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedData       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidKeyBag              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKeyBag      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidMicrosoftCSPName    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 17, 1}
	oidPBES2               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	pfxAlgorithmNames      = map[string]string{"1.2.840.113549.1.12.1.1": "pbeWithSHAAnd128BitRC4", "1.2.840.113549.1.12.1.2": "pbeWithSHAAnd40BitRC4", "1.2.840.113549.1.12.1.3": "pbeWithSHAAnd3-KeyTripleDES-CBC", "1.2.840.113549.1.12.1.4": "pbeWithSHAAnd2-KeyTripleDES-CBC", "1.2.840.113549.1.12.1.5": "pbeWithSHAAnd128BitRC2-CBC", "1.2.840.113549.1.12.1.6": "pbeWithSHAAnd40BitRC2-CBC"}
	pbes2SchemeNames       = map[string]string{"2.16.840.1.101.3.4.1.2": "AES-128-CBC", "2.16.840.1.101.3.4.1.22": "AES-192-CBC", "2.16.840.1.101.3.4.1.42": "AES-256-CBC", "1.2.840.113549.3.7": "DES-EDE3-CBC"}
	macNames               = map[string]string{"1.3.14.3.2.26": "SHA-1", "2.16.840.1.101.3.4.2.1": "SHA-256", "2.16.840.1.101.3.4.2.2": "SHA-384", "2.16.840.1.101.3.4.2.3": "SHA-512", "1.2.840.113549.2.5": "MD5"}
	oidSequenceTag         = cbasn1.SEQUENCE
	contextZeroConstructed = cbasn1.Tag(0).Constructed().ContextSpecific()
)

// InspectPFX reads the packaging of a PFX file (PFXInfo). It returns nil when the file's structure cannot be read
// this way (BER indefinite lengths, a corrupt file): the certificates are still read by the PKCS #12 decoder, and
// the PFX rules then have nothing to judge. It never panics.
func InspectPFX(data []byte) *PFXInfo {
	info := &PFXInfo{}
	in := cryptobyte.String(data)
	var pfx, authSafe cryptobyte.String
	var version int
	if !in.ReadASN1(&pfx, oidSequenceTag) || !pfx.ReadASN1Integer(&version) || !pfx.ReadASN1(&authSafe, oidSequenceTag) {
		return nil
	}
	content, ok := dataContent(authSafe)
	if !ok {
		return nil
	}
	var safes cryptobyte.String
	if !content.ReadASN1(&safes, oidSequenceTag) {
		return nil
	}
	for !safes.Empty() {
		var ci cryptobyte.String
		if !safes.ReadASN1(&ci, oidSequenceTag) || !info.readSafe(ci) {
			return nil
		}
	}
	info.readMAC(pfx)
	info.KeysHidden = info.encrypted && len(info.KeyProviders) == 0
	return info
}

// dataContent returns the OCTET STRING of a ContentInfo of type data.
func dataContent(ci cryptobyte.String) (cryptobyte.String, bool) {
	var oid asn1.ObjectIdentifier
	var explicit, octets cryptobyte.String
	if !ci.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidData) || !ci.ReadASN1(&explicit, contextZeroConstructed) ||
		!explicit.ReadASN1(&octets, cbasn1.OCTET_STRING) {
		return nil, false
	}
	return octets, true
}

// readSafe reads one ContentInfo of the AuthenticatedSafe: plain SafeContents, or encrypted content whose
// algorithm is recorded.
func (p *PFXInfo) readSafe(ci cryptobyte.String) bool {
	var oid asn1.ObjectIdentifier
	peek := ci
	if !peek.ReadASN1ObjectIdentifier(&oid) {
		return false
	}
	switch {
	case oid.Equal(oidData):
		content, ok := dataContent(ci)
		if !ok {
			return false
		}
		var bags cryptobyte.String
		return content.ReadASN1(&bags, oidSequenceTag) && p.readBags(bags)
	case oid.Equal(oidEncryptedData):
		var explicit, ed, eci cryptobyte.String
		var v int
		var ctype asn1.ObjectIdentifier
		var alg cryptobyte.String
		if !peek.ReadASN1(&explicit, contextZeroConstructed) || !explicit.ReadASN1(&ed, oidSequenceTag) ||
			!ed.ReadASN1Integer(&v) || !ed.ReadASN1(&eci, oidSequenceTag) || !eci.ReadASN1ObjectIdentifier(&ctype) ||
			!eci.ReadASN1(&alg, oidSequenceTag) {
			return false
		}
		p.addAlgorithm(alg)
		p.encrypted = true
		return true
	}
	return true // another content type: nothing to read
}

// readBags reads SafeBags: each key bag's provider attribute and encryption.
func (p *PFXInfo) readBags(bags cryptobyte.String) bool {
	for !bags.Empty() {
		var bag, value cryptobyte.String
		var id asn1.ObjectIdentifier
		if !bags.ReadASN1(&bag, oidSequenceTag) || !bag.ReadASN1ObjectIdentifier(&id) || !bag.ReadASN1(&value, contextZeroConstructed) {
			return false
		}
		if !id.Equal(oidKeyBag) && !id.Equal(oidShroudedKeyBag) {
			continue
		}
		if id.Equal(oidShroudedKeyBag) {
			var epki, alg cryptobyte.String
			if value.ReadASN1(&epki, oidSequenceTag) && epki.ReadASN1(&alg, oidSequenceTag) {
				p.addAlgorithm(alg)
			}
		}
		p.KeyProviders = append(p.KeyProviders, cspName(bag))
	}
	return true
}

// cspName reads the "Microsoft CSP Name" attribute of a bag's attributes, "" when there is none.
func cspName(bag cryptobyte.String) string {
	var attrs cryptobyte.String
	if !bag.ReadASN1(&attrs, cbasn1.SET) {
		return ""
	}
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, oidSequenceTag) || !attr.ReadASN1ObjectIdentifier(&oid) || !attr.ReadASN1(&values, cbasn1.SET) {
			return ""
		}
		if !oid.Equal(oidMicrosoftCSPName) {
			continue
		}
		var name cryptobyte.String
		var tag cbasn1.Tag
		if values.ReadAnyASN1(&name, &tag) {
			return decodeDirectoryString(tag, name)
		}
	}
	return ""
}

// addAlgorithm records an encryption AlgorithmIdentifier by name.
func (p *PFXInfo) addAlgorithm(alg cryptobyte.String) {
	var oid asn1.ObjectIdentifier
	if !alg.ReadASN1ObjectIdentifier(&oid) {
		return
	}
	name := pfxAlgorithmNames[oid.String()]
	if oid.Equal(oidPBES2) {
		p.PBES2 = true
		name = "PBES2"
		var params, kdf, scheme cryptobyte.String
		var schemeOID asn1.ObjectIdentifier
		if alg.ReadASN1(&params, oidSequenceTag) && params.ReadASN1(&kdf, oidSequenceTag) &&
			params.ReadASN1(&scheme, oidSequenceTag) && scheme.ReadASN1ObjectIdentifier(&schemeOID) {
			if s, ok := pbes2SchemeNames[schemeOID.String()]; ok {
				name = "PBES2 (" + s + ")"
			} else {
				name = "PBES2 (" + schemeOID.String() + ")"
			}
		}
	}
	if name == "" {
		name = oid.String()
	}
	if !slices.Contains(p.Encryption, name) {
		p.Encryption = append(p.Encryption, name)
	}
}

// readMAC reads the hash of the MacData that may follow the AuthenticatedSafe.
func (p *PFXInfo) readMAC(rest cryptobyte.String) {
	var mac, digestInfo, alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	if rest.ReadASN1(&mac, oidSequenceTag) && mac.ReadASN1(&digestInfo, oidSequenceTag) &&
		digestInfo.ReadASN1(&alg, oidSequenceTag) && alg.ReadASN1ObjectIdentifier(&oid) {
		if name, ok := macNames[oid.String()]; ok {
			p.MAC = name
		} else {
			p.MAC = oid.String()
		}
	}
}
