// Package dn reads a raw distinguished name (the Subject of a certificate or of a certificate request) attribute by
// attribute, and decodes its strings the way Windows does: every string type a Subject may use, BMPString and
// UniversalString included, which Go's and zcrypto's parsers leave undecoded. It keeps every CN, in order, where the
// parsers keep only the last.
package dn

import (
	"encoding/asn1"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The ASN.1 tags of the string types a distinguished name may use.
const (
	TagUTF8String      = 12
	TagPrintableString = 19
	TagTeletexString   = 20
	TagIA5String       = 22
	TagUniversalString = 28
	TagBMPString       = 30
)

// oidCommonName is the attribute type of a common name (CN).
var oidCommonName = asn1.ObjectIdentifier{2, 5, 4, 3}

// Attribute is one attribute of a name: its type and its value, undecoded.
type Attribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// Attributes lists the attributes of the DER-encoded name, in order; as many as parse.
func Attributes(raw []byte) []Attribute {
	var rdns asn1.RawValue
	if _, err := asn1.Unmarshal(raw, &rdns); err != nil {
		return nil
	}
	var out []Attribute
	for rest := rdns.Bytes; len(rest) > 0; {
		var set asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &set); err != nil {
			return out
		}
		for inner := set.Bytes; len(inner) > 0; {
			var a Attribute
			if inner, err = asn1.Unmarshal(inner, &a); err != nil {
				break
			}
			out = append(out, a)
		}
	}
	return out
}

// CommonNames lists every CN of the DER-encoded name, in order, each decoded from its string type; a CN that does
// not decode is left out.
func CommonNames(raw []byte) []string {
	var cns []string
	for _, a := range Attributes(raw) {
		if a.Type.Equal(oidCommonName) {
			if s, ok := Decode(a.Value.Tag, a.Value.Bytes); ok {
				cns = append(cns, s)
			}
		}
	}
	return cns
}

// Decode decodes a string of the given ASN.1 tag: UTF8String, PrintableString and IA5String as UTF-8,
// TeletexString as Latin-1, BMPString as UTF-16 and UniversalString as UTF-32 (both big endian). It reports false
// for another tag or bytes that are not a valid string of the tag.
func Decode(tag int, b []byte) (string, bool) {
	switch tag {
	case TagUTF8String, TagPrintableString, TagIA5String:
		return string(b), utf8.Valid(b)
	case TagTeletexString:
		r := make([]rune, len(b))
		for i, x := range b {
			r[i] = rune(x)
		}
		return string(r), true
	case TagBMPString:
		if len(b)%2 != 0 {
			return "", false
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u)), true
	case TagUniversalString:
		if len(b)%4 != 0 {
			return "", false
		}
		r := make([]rune, len(b)/4)
		for i := range r {
			v := uint32(b[4*i])<<24 | uint32(b[4*i+1])<<16 | uint32(b[4*i+2])<<8 | uint32(b[4*i+3])
			if v > unicode.MaxRune {
				return "", false
			}
			r[i] = rune(v) //nolint:gosec // at most unicode.MaxRune, checked above
		}
		return string(r), true
	}
	return "", false
}
