package probe

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"strings"
)

// dnAttributes are the attribute types a Subject string may name (as Windows' CertStrToName reads them).
var dnAttributes = map[string]asn1.ObjectIdentifier{
	"CN": {2, 5, 4, 3}, "SN": {2, 5, 4, 4}, "SERIALNUMBER": {2, 5, 4, 5}, "C": {2, 5, 4, 6}, "L": {2, 5, 4, 7},
	"S": {2, 5, 4, 8}, "ST": {2, 5, 4, 8}, "STREET": {2, 5, 4, 9}, "O": {2, 5, 4, 10}, "OU": {2, 5, 4, 11},
	"T": {2, 5, 4, 12}, "TITLE": {2, 5, 4, 12}, "G": {2, 5, 4, 42}, "GN": {2, 5, 4, 42}, "I": {2, 5, 4, 43},
	"E": {1, 2, 840, 113549, 1, 9, 1}, "EMAIL": {1, 2, 840, 113549, 1, 9, 1},
	"DC": {0, 9, 2342, 19200300, 100, 1, 25}, "UID": {0, 9, 2342, 19200300, 100, 1, 1},
}

// parseDN reads a Subject string as certreq takes it: TYPE=value attributes separated by commas or semicolons,
// in the order written; a value may be quoted ("Contoso, Ltd") or escape a separator with a backslash. An empty
// string is an empty Subject.
func parseDN(s string) (pkix.RDNSequence, error) {
	var rdns pkix.RDNSequence
	for _, part := range splitDN(s) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		typ, value, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("the Subject part %q is not TYPE=value, e.g. CN=pool01.contoso.com", clip(part))
		}
		oid, err := dnAttribute(strings.TrimSpace(typ))
		if err != nil {
			return nil, err
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && strings.HasPrefix(value, `"`) && strings.HasSuffix(value, `"`) {
			value = strings.ReplaceAll(value[1:len(value)-1], `""`, `"`)
		}
		rdns = append(rdns, pkix.RelativeDistinguishedNameSET{{Type: oid, Value: value}})
	}
	return rdns, nil
}

// dnAttribute reads an attribute type: a short name, or OID.1.2.3 / 1.2.3.
func dnAttribute(typ string) (asn1.ObjectIdentifier, error) {
	if oid, ok := dnAttributes[strings.ToUpper(typ)]; ok {
		return oid, nil
	}
	if oid, err := parseOID(strings.TrimPrefix(strings.TrimPrefix(typ, "OID."), "oid.")); err == nil {
		return oid, nil
	}
	return nil, fmt.Errorf("the Subject attribute %q is not one certreq knows: use CN, O, OU, L, S, C, E or DC", clip(typ))
}

// splitDN splits at commas and semicolons outside quotes and not escaped with a backslash; escapes are removed.
func splitDN(s string) []string {
	var parts []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			quoted = !quoted
			b.WriteByte(c)
		case (c == ',' || c == ';') && !quoted:
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String())
}
