package lint

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
)

// The Subject's CNs are read from the raw DER here rather than from the parsed name: zcrypto, like Go, leaves a CN
// in UniversalString undecoded, although Windows reads it, and keeps only the last of several CNs.

// subjectCN returns the certificate's Subject common name as zcrypto reads it (the last CN), else the first CN
// decoded from the raw Subject; "" when there is none.
func subjectCN(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	if cns := subjectCNs(c); len(cns) > 0 {
		return cns[0]
	}
	return ""
}

// subjectCNs lists every CN of the Subject, in order, decoded from its string type: UTF8String, PrintableString,
// IA5String, TeletexString (read as Latin-1), BMPString (UTF-16) or UniversalString (UTF-32).
func subjectCNs(c *x509.Certificate) []string {
	var cns []string
	for _, a := range subjectAttributes(c) {
		if a.Type.Equal(oidCommonName) {
			if s, ok := decodeString(a.Value); ok {
				cns = append(cns, s)
			}
		}
	}
	return cns
}

// attribute is one attribute of a Subject, its value undecoded.
type attribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// subjectAttributes lists the attributes of the raw Subject, in order; as many as parse.
func subjectAttributes(c *x509.Certificate) []attribute {
	var rdns asn1.RawValue
	if _, err := asn1.Unmarshal(c.RawSubject, &rdns); err != nil {
		return nil
	}
	var out []attribute
	for rest := rdns.Bytes; len(rest) > 0; {
		var set asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &set); err != nil {
			return out
		}
		for inner := set.Bytes; len(inner) > 0; {
			var a attribute
			if inner, err = asn1.Unmarshal(inner, &a); err != nil {
				break
			}
			out = append(out, a)
		}
	}
	return out
}

// wideStringsOnly reports whether the Subject holds BMPString or UniversalString values and every one of them
// decodes to printable text: a Subject Windows reads without trouble.
func wideStringsOnly(c *x509.Certificate) bool {
	wide := false
	for _, a := range subjectAttributes(c) {
		if a.Value.Tag != 30 && a.Value.Tag != 28 {
			continue
		}
		s, ok := decodeString(a.Value)
		if !ok {
			return false
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				return false
			}
		}
		wide = true
	}
	return wide
}

// decodeString decodes an ASN.1 string of any of the types a Subject may use.
func decodeString(v asn1.RawValue) (string, bool) {
	b := v.Bytes
	switch v.Tag {
	case asn1.TagUTF8String, asn1.TagPrintableString, asn1.TagIA5String:
		return string(b), utf8.Valid(b)
	case asn1.TagT61String:
		r := make([]rune, len(b))
		for i, x := range b {
			r[i] = rune(x)
		}
		return string(r), true
	case 30: // BMPString: UTF-16, big endian
		if len(b)%2 != 0 {
			return "", false
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u)), true
	case 28: // UniversalString: UTF-32, big endian
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
