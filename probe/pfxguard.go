package probe

import (
	"encoding/asn1"
	"fmt"
)

// maxPFXIterations caps the key-derivation iteration counts a PFX may ask for. Windows exports use 2,000 to
// 10,000 (OpenSSL 2,048); a hostile file can ask for 2^31, which would keep uclint busy for hours.
const maxPFXIterations = 100_000

// checkPFXIterations walks a PFX's unencrypted ASN.1 (descending into OCTET STRINGs that hold DER, as PKCS#12
// nests it) and rejects an iteration count above maxPFXIterations. An iteration count is an INTEGER that follows a
// salt (an OCTET STRING) in a SEQUENCE: PBE parameters, PBKDF2 parameters and MacData all have that shape.
func checkPFXIterations(der []byte, limit int64) error {
	return walkIterations(der, 0, limit)
}

func walkIterations(der []byte, depth int, limit int64) error {
	if depth > 12 {
		return nil
	}
	var v asn1.RawValue
	if _, err := asn1.Unmarshal(der, &v); err != nil {
		return nil //nolint:nilerr // not DER: nothing to check here; the PKCS#12 parser reports it
	}
	switch {
	case v.Class == asn1.ClassUniversal && v.Tag == asn1.TagOctetString:
		return walkIterations(v.Bytes, depth+1, limit)
	case v.IsCompound:
		return walkChildren(v.Bytes, depth, limit)
	}
	return nil
}

func walkChildren(content []byte, depth int, limit int64) error {
	afterSalt := false
	for rest := content; len(rest) > 0; {
		var child asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &child); err != nil {
			return nil //nolint:nilerr // see walkIterations
		}
		if afterSalt && child.Class == asn1.ClassUniversal && child.Tag == asn1.TagInteger {
			var n int64
			if _, err := asn1.Unmarshal(child.FullBytes, &n); err != nil || n > limit {
				return fmt.Errorf("the PFX file asks for more than %d key-derivation iterations: not a file Windows exported", limit)
			}
		}
		afterSalt = child.Class == asn1.ClassUniversal && child.Tag == asn1.TagOctetString
		if err := walkIterations(child.FullBytes, depth+1, limit); err != nil {
			return err
		}
	}
	return nil
}
