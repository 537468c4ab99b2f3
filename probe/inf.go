package probe

import (
	"bytes"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// INFError is a problem in a certreq INF file: what is wrong, on which line, and what to change.
type INFError struct {
	Line int // 1-based; 0 when the problem is the whole file
	Msg  string
}

// Error gives "line N: msg", or msg when there is no line.
func (e *INFError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

func infErr(line int, format string, args ...any) error {
	return &INFError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// infEntry is one "Key = Value" line.
type infEntry struct {
	key, value string
	line       int
}

// infSection is one [Section] and its entries, in file order.
type infSection struct {
	name    string // as written
	line    int
	entries []infEntry
}

// infSections are the sections certreq knows (lower case). A policy statement's Policies = names further
// sections, which are allowed too.
var infSections = []string{
	"version", "newrequest", "extensions", "requestattributes", "strings", "enhancedkeyusageextension",
	"basicconstraintsextension", "policystatementextension", "applicationpolicystatementextension",
	"policymappingsextension", "applicationpolicymappingsextension", "policyconstraintsextension",
	"applicationpolicyconstraintsextension", "nameconstraintsextension", "nameconstraintspermitted",
	"nameconstraintsexcluded", "properties", "crldistributionpoint", "authorityinformationaccess",
}

// ParseINF reads a certreq policy file (certreq -new FILE.inf) as certreq would turn it into a request: the
// [NewRequest] settings, the [Extensions] (SAN and EKU in the {text}, {hex} or base64 form, with _continue_ lines
// and %Strings% substitutions), the [EnhancedKeyUsageExtension] and the SAN and template of [RequestAttributes].
// The file may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark (Notepad's "Unicode")
// or ANSI (Windows-1252). A file certreq would refuse, or that leaves out what a server certificate request needs
// (a [NewRequest] section, a Subject), is an *INFError naming the line. It never panics.
func ParseINF(data []byte) (*Request, error) {
	text, err := decodeINFText(data)
	if err != nil {
		return nil, err
	}
	sections, err := parseINFSections(text)
	if err != nil {
		return nil, err
	}
	if err := checkINFSections(sections); err != nil {
		return nil, err
	}
	if err := substituteINFStrings(sections); err != nil {
		return nil, err
	}
	return infRequest(sections)
}

// decodeINFText decodes an INF file's bytes by their byte order mark; without one, UTF-8, else Windows-1252 as
// Notepad's "ANSI" writes it. UTF-16 without a byte order mark is refused: certreq cannot read it either.
func decodeINFText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, utf16LEBOM), bytes.HasPrefix(data, utf16BOM):
		if len(data)%2 != 0 {
			return "", infErr(0, "the file starts like UTF-16 (Unicode) text but ends in the middle of a character: it is truncated; save it again from Notepad")
		}
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", infErr(0, "the file starts like UTF-16 (Unicode) text but does not decode: save it again from Notepad as UTF-8 or Unicode")
		}
		return string(decoded), nil
	case bytes.IndexByte(data, 0) >= 0:
		return "", infErr(0, "the file holds NUL bytes: it looks like UTF-16 without a byte order mark, or is not text; save it from Notepad as UTF-8 or Unicode")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", infErr(0, "the file is not text: save it from Notepad as UTF-8 or Unicode")
	}
	return string(decoded), nil
}

// parseINFSections splits the text into sections of Key = Value entries.
func parseINFSections(text string) ([]*infSection, error) {
	var sections []*infSection
	var current *infSection
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, ";") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			name, ok := sectionName(line)
			if !ok {
				return nil, infErr(n, "%q is not a section header: write [SectionName] on a line of its own", clip(line))
			}
			current = &infSection{name: name, line: n}
			sections = append(sections, current)
			continue
		}
		key, rawValue, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, infErr(n, "%q is neither Key = Value nor a [Section] header", clip(line))
		}
		if current == nil {
			return nil, infErr(n, "%s = ... comes before any section: put it under [NewRequest] (or the section it belongs to)", clip(key))
		}
		value, err := infValue(rawValue)
		if err != nil {
			return nil, infErr(n, "the value of %s %v", clip(key), err)
		}
		current.entries = append(current.entries, infEntry{key: key, value: value, line: n})
	}
	return sections, nil
}

// sectionName reads "[Name]" with an optional trailing comment.
func sectionName(line string) (string, bool) {
	end := strings.IndexByte(line, ']')
	if end < 0 {
		return "", false
	}
	rest := strings.TrimSpace(line[end+1:])
	name := strings.TrimSpace(line[1:end])
	if name == "" || strings.ContainsAny(name, "[\"=") || (rest != "" && !strings.HasPrefix(rest, ";")) {
		return "", false
	}
	return name, true
}

// infValue reads the value after "=": quoted ("" stands for a quote inside) or not (up to a ; comment).
func infValue(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if !strings.HasPrefix(raw, `"`) {
		value := raw
		if i := strings.IndexByte(value, ';'); i >= 0 {
			value = strings.TrimSpace(value[:i])
		}
		if strings.Contains(value, `"`) {
			return "", errors.New(`has a quote in the middle: quote the whole value ("...") and write "" for a quote inside it`)
		}
		return value, nil
	}
	var b strings.Builder
	for i := 1; i < len(raw); i++ {
		if raw[i] != '"' {
			b.WriteByte(raw[i])
			continue
		}
		if i+1 < len(raw) && raw[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		rest := strings.TrimSpace(raw[i+1:])
		if rest != "" && !strings.HasPrefix(rest, ";") {
			return "", fmt.Errorf("has text after its closing quote (%q): quote the whole value, and write \"\" for a quote inside it", clip(rest))
		}
		return b.String(), nil
	}
	return "", errors.New("opens a quote it does not close: end the value with \"")
}

// clip shortens text quoted in a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// checkINFSections refuses a section certreq does not know.
func checkINFSections(sections []*infSection) error {
	allowed := slices.Clone(infSections)
	for _, s := range sections {
		for _, e := range s.entries {
			if strings.EqualFold(e.key, "Policies") {
				for p := range strings.SplitSeq(e.value, ",") {
					allowed = append(allowed, strings.ToLower(strings.TrimSpace(p)))
				}
			}
		}
	}
	for _, s := range sections {
		if !slices.Contains(allowed, strings.ToLower(s.name)) {
			return infErr(s.line, "unknown section [%s]: certreq reads [NewRequest], [Extensions], [RequestAttributes], [EnhancedKeyUsageExtension], [Strings] and the other sections of its documentation; check the spelling", clip(s.name))
		}
	}
	return nil
}

// substituteINFStrings replaces %name% in keys and values by the [Strings] section's values.
func substituteINFStrings(sections []*infSection) error {
	values := map[string]string{}
	for _, s := range sections {
		if strings.EqualFold(s.name, "strings") {
			for _, e := range s.entries {
				values[strings.ToLower(e.key)] = e.value
			}
		}
	}
	for _, s := range sections {
		if strings.EqualFold(s.name, "strings") {
			continue
		}
		for i := range s.entries {
			e := &s.entries[i]
			var err error
			if e.key, err = substitute(e.key, values); err == nil {
				e.value, err = substitute(e.value, values)
			}
			if err != nil {
				return infErr(e.line, "%v", err)
			}
		}
	}
	return nil
}

func substitute(s string, values map[string]string) (string, error) {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '%')
		if open < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		end := strings.IndexByte(s[open+1:], '%')
		if end < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		name := s[open+1 : open+1+end]
		v, ok := values[strings.ToLower(name)]
		if !ok {
			return "", fmt.Errorf("%%%s%% is not defined in [Strings]: add %s = ... there", clip(name), clip(name))
		}
		b.WriteString(s[:open])
		b.WriteString(v)
		s = s[open+end+2:]
	}
}

// infRequest interprets the sections as the request certreq would make.
func infRequest(sections []*infSection) (*Request, error) {
	r := &Request{Format: RequestINF, KeyAlgorithm: "rsa", Lines: map[string]int{}}
	var newRequest *infSection
	for _, s := range sections {
		if strings.EqualFold(s.name, "newrequest") {
			if newRequest != nil {
				return nil, infErr(s.line, "a second [NewRequest] section (the first is on line %d): merge them", newRequest.line)
			}
			newRequest = s
		}
	}
	if newRequest == nil {
		return nil, infErr(0, "no [NewRequest] section: certreq -new needs one, with at least Subject = \"CN=...\"")
	}
	if err := r.newRequest(newRequest); err != nil {
		return nil, err
	}
	for _, s := range sections {
		var err error
		switch strings.ToLower(s.name) {
		case "extensions":
			err = r.infExtensions(s)
		case "enhancedkeyusageextension":
			err = r.infEKUSection(s)
		case "requestattributes":
			r.requestAttributes(s)
		}
		if err != nil {
			return nil, err
		}
	}
	return r, nil
}

// newRequest reads the [NewRequest] settings.
func (r *Request) newRequest(s *infSection) error {
	seen := map[string]int{}
	for _, e := range s.entries {
		key := strings.ToLower(e.key)
		if first, dup := seen[key]; dup {
			return infErr(e.line, "%s is set twice in [NewRequest] (first on line %d): keep one", e.key, first)
		}
		seen[key] = e.line
		r.Lines[key] = e.line
		if err := r.setting(key, e); err != nil {
			return err
		}
	}
	if _, ok := seen["subject"]; !ok {
		return infErr(s.line, "[NewRequest] has no Subject: add Subject = \"CN=<the role's FQDN>\" (uclint request writes a complete INF)")
	}
	return nil
}

// setting reads one [NewRequest] key.
func (r *Request) setting(key string, e infEntry) error {
	var err error
	switch key {
	case "subject":
		err = r.infSubject(e)
	case "keyspec":
		r.KeySpec, err = infKeySpec(e.value)
		r.KeySpecGiven = err == nil
	case "keylength":
		r.KeyBits, err = strconv.Atoi(e.value)
		if err != nil || r.KeyBits <= 0 {
			err = fmt.Errorf("KeyLength %q is not a number of bits such as 2048", clip(e.value))
		}
	case "exportable":
		r.Exportable, err = infBool(e.key, e.value)
	case "machinekeyset":
		r.MachineKeySet, err = infBool(e.key, e.value)
	case "providername":
		r.Provider = e.value
	case "providertype":
		r.ProviderType, err = strconv.Atoi(e.value)
		if err != nil {
			err = fmt.Errorf("ProviderType %q is not a number (12 for the SChannel provider, 1 for RSA Full, 24 for RSA AES)", clip(e.value))
		}
	case "keyusage":
		err = r.infKeyUsage(e.value)
	case "keyalgorithm":
		r.KeyAlgorithm = infKeyAlgorithm(e.value)
		if r.KeyAlgorithm == "ecdsa" && r.KeyBits == 0 {
			r.KeyBits = curveBits(e.value)
		}
	}
	if err != nil {
		return infErr(e.line, "%v", err)
	}
	return nil
}

// infBool reads TRUE or FALSE.
func infBool(key, v string) (Flag, error) {
	switch strings.ToLower(v) {
	case "true", "1", "yes":
		return FlagTrue, nil
	case "false", "0", "no":
		return FlagFalse, nil
	}
	return FlagUnset, fmt.Errorf("%s = %q: write TRUE or FALSE", key, clip(v))
}

// infKeySpec reads KeySpec: a number or AT_KEYEXCHANGE, AT_SIGNATURE, AT_NONE.
func infKeySpec(v string) (int, error) {
	switch strings.ToUpper(v) {
	case "AT_KEYEXCHANGE", "1":
		return 1, nil
	case "AT_SIGNATURE", "2":
		return 2, nil
	case "AT_NONE", "0":
		return 0, nil
	}
	return 0, fmt.Errorf("KeySpec = %q: write 1 (AT_KEYEXCHANGE), as the OCS wizard does; 2 is AT_SIGNATURE, 0 AT_NONE (a CNG key)", clip(v))
}

// keyUsageNames are certreq's symbolic Key Usage values (the first byte of the DER bit string, as in 0xa0).
var keyUsageNames = map[string]int{
	"CERT_DIGITAL_SIGNATURE_KEY_USAGE": 0x80, "CERT_NON_REPUDIATION_KEY_USAGE": 0x40,
	"CERT_KEY_ENCIPHERMENT_KEY_USAGE": 0x20, "CERT_DATA_ENCIPHERMENT_KEY_USAGE": 0x10,
	"CERT_KEY_AGREEMENT_KEY_USAGE": 0x08, "CERT_KEY_CERT_SIGN_KEY_USAGE": 0x04,
	"CERT_OFFLINE_CRL_SIGN_KEY_USAGE": 0x02, "CERT_CRL_SIGN_KEY_USAGE": 0x02,
	"CERT_ENCIPHER_ONLY_KEY_USAGE": 0x01, "CERT_DECIPHER_ONLY_KEY_USAGE": 0x8000,
}

// infKeyUsage reads KeyUsage: 0xa0, a decimal number, or symbolic names joined with |.
func (r *Request) infKeyUsage(v string) error {
	bitsValue := 0
	for part := range strings.SplitSeq(v, "|") {
		part = strings.TrimSpace(part)
		if n, ok := keyUsageNames[strings.ToUpper(part)]; ok {
			bitsValue |= n
			continue
		}
		n, err := strconv.ParseInt(part, 0, 32)
		if err != nil || n < 0 || n > 0xffff {
			return fmt.Errorf("KeyUsage %q: write 0xa0 (digitalSignature and keyEncipherment), as the OCS wizard does, or CERT_..._KEY_USAGE names joined with |", clip(part))
		}
		bitsValue |= int(n)
	}
	r.KeyUsageRequested = true
	r.KeyUsage = windowsKeyUsage(bitsValue)
	return nil
}

// windowsKeyUsage turns Windows' Key Usage bits (0x80 digitalSignature ... 0x01 encipherOnly, 0x8000
// decipherOnly) into Go's.
func windowsKeyUsage(v int) (ku x509KeyUsage) {
	for i := range 8 {
		if v&(0x80>>i) != 0 {
			ku |= 1 << uint(i)
		}
	}
	if v&0x8000 != 0 {
		ku |= 1 << 8
	}
	return ku
}

// infKeyAlgorithm names certreq's KeyAlgorithm as the profiles do.
func infKeyAlgorithm(v string) string {
	switch u := strings.ToUpper(v); {
	case u == "RSA":
		return "rsa"
	case strings.HasPrefix(u, "ECDSA"), strings.HasPrefix(u, "ECDH"):
		return "ecdsa"
	case u == "DSA":
		return "dsa"
	}
	return "unknown"
}

func curveBits(v string) int {
	_, size, _ := strings.Cut(strings.ToUpper(v), "_P")
	n, _ := strconv.Atoi(size)
	return n
}

// infSubject reads Subject = "CN=...,O=..." (commas or semicolons between attributes) into the DER Subject.
func (r *Request) infSubject(e infEntry) error {
	rdns, err := parseDN(e.value)
	if err != nil {
		return err
	}
	der, err := asn1.Marshal(rdns)
	if err != nil {
		return fmt.Errorf("the Subject cannot be encoded: %w", err)
	}
	r.Subject, r.RawSubject = e.value, der
	return nil
}

// infExtensions reads [Extensions]: OID = value lines, each continued by _continue_ lines, and Critical = OIDs.
func (r *Request) infExtensions(s *infSection) error {
	type pending struct {
		oid       string
		line      int
		fragments []infEntry
	}
	var exts []*pending
	var critical []string
	for _, e := range s.entries {
		switch key := strings.ToLower(e.key); key {
		case "_continue_":
			if len(exts) == 0 {
				return infErr(e.line, "_continue_ continues nothing: write the extension's OID = ... line first")
			}
			last := exts[len(exts)-1]
			last.fragments = append(last.fragments, e)
		case "critical":
			for c := range strings.SplitSeq(e.value, ",") {
				critical = append(critical, strings.TrimSpace(c))
			}
		case "oid": // EKU OIDs written as in [EnhancedKeyUsageExtension]
			if err := r.addEKU(e.value, e.line); err != nil {
				return err
			}
		default:
			if _, err := parseOID(e.key); err != nil {
				return infErr(e.line, "%q in [Extensions] is not an extension OID such as 2.5.29.17 (or _continue_, Critical)", clip(e.key))
			}
			r.Lines[key] = e.line
			exts = append(exts, &pending{oid: e.key, line: e.line, fragments: []infEntry{e}})
		}
	}
	for _, p := range exts {
		oid, _ := parseOID(p.oid)
		der, err := r.extensionValue(oid, p.fragments)
		if err != nil {
			return err
		}
		r.addExtension(oid, slices.Contains(critical, p.oid), der)
	}
	return nil
}

// extensionValue builds an extension's DER value from its INF text: {text} for the SAN and the EKU, {hex}, or
// base64 of the DER.
func (r *Request) extensionValue(oid asn1.ObjectIdentifier, fragments []infEntry) ([]byte, error) {
	first := fragments[0]
	switch v := first.value; {
	case hasPrefixFold(v, "{text}"):
		fragments[0].value = v[len("{text}"):]
		switch {
		case oid.Equal(oidExtSAN):
			r.TextSAN = true
			return r.textSAN(fragments)
		case oid.Equal(oidExtExtKeyUsage):
			return textEKU(fragments)
		}
		return nil, infErr(first.line, "uclint reads the {text} form only for the SAN (2.5.29.17) and the EKU (2.5.29.37); write %s as {hex} or base64", first.key)
	case hasPrefixFold(v, "{hex}"):
		der, err := hex.DecodeString(strings.Join(strings.Fields(joinFragments(fragments)[len("{hex}"):]), ""))
		if err != nil {
			return nil, infErr(first.line, "the {hex} value of %s is not hexadecimal bytes", first.key)
		}
		return der, r.checkDER(oid, der, first)
	default:
		der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(joinFragments(fragments)), ""))
		if err != nil {
			return nil, infErr(first.line, "the value of %s is neither {text}, {hex} nor base64: write %s = \"{text}\" and a _continue_ = \"dns=NAME&\" line per name", first.key, first.key)
		}
		return der, r.checkDER(oid, der, first)
	}
}

// checkDER reads the names of a SAN given as DER.
func (r *Request) checkDER(oid asn1.ObjectIdentifier, der []byte, e infEntry) error {
	if !oid.Equal(oidExtSAN) {
		return nil
	}
	names, err := sanDNSNames(der)
	if err != nil {
		return infErr(e.line, "the SAN value of %s is not a DER GeneralNames: %v", e.key, err)
	}
	r.DNSNames = append(r.DNSNames, names...)
	return nil
}

func joinFragments(fragments []infEntry) string {
	var b strings.Builder
	for _, f := range fragments {
		b.WriteString(f.value)
	}
	return b.String()
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// generalName tags (RFC 5280 GeneralName, context-specific).
const (
	tagRFC822 = 1
	tagDNS    = 2
	tagURI    = 6
	tagIP     = 7
)

// textSAN reads the {text} SAN: name=value entries separated by & (a _continue_ line also ends one), and builds its
// DER. Only the entries a server certificate uses are read: DNS, IP address, e-mail, URL.
func (r *Request) textSAN(fragments []infEntry) ([]byte, error) {
	var names []asn1.RawValue
	for _, f := range fragments {
		for entry := range strings.SplitSeq(f.value, "&") {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			kind, value, ok := strings.Cut(entry, "=")
			if !ok {
				return nil, infErr(f.line, "SAN entry %q: write type=value, e.g. dns=sip.contoso.com", clip(entry))
			}
			value = strings.TrimSpace(value)
			switch strings.ToLower(strings.ReplaceAll(kind, " ", "")) {
			case "dns":
				r.DNSNames = append(r.DNSNames, value)
				names = append(names, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tagDNS, Bytes: []byte(value)})
			case "email":
				names = append(names, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tagRFC822, Bytes: []byte(value)})
			case "url":
				names = append(names, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tagURI, Bytes: []byte(value)})
			case "ipaddress":
				ip := net.ParseIP(value)
				if ip == nil {
					return nil, infErr(f.line, "SAN entry %q: %q is not an IP address", clip(entry), clip(value))
				}
				if v4 := ip.To4(); v4 != nil {
					ip = v4
				}
				names = append(names, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tagIP, Bytes: ip})
			case "upn", "directoryname", "registeredid", "guid":
				// Not names a server certificate is matched by; kept out of the DER uclint builds.
			default:
				return nil, infErr(f.line, "SAN entry %q: unknown type %q; a server certificate's names are dns=NAME entries", clip(entry), clip(kind))
			}
		}
	}
	der, err := asn1.Marshal(names)
	if err != nil {
		return nil, infErr(fragments[0].line, "the SAN cannot be encoded: %v", err)
	}
	return der, nil
}

// textEKU reads the {text} EKU: OIDs separated by commas.
func textEKU(fragments []infEntry) ([]byte, error) {
	var oids []asn1.ObjectIdentifier
	for _, f := range fragments {
		for s := range strings.SplitSeq(f.value, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			oid, err := parseOID(s)
			if err != nil {
				return nil, infErr(f.line, "EKU %q is not an OID such as 1.3.6.1.5.5.7.3.1 (Server Authentication)", clip(s))
			}
			oids = append(oids, oid)
		}
	}
	der, err := asn1.Marshal(oids)
	if err != nil {
		return nil, infErr(fragments[0].line, "the EKU cannot be encoded: %v", err)
	}
	return der, nil
}

// infEKUSection reads [EnhancedKeyUsageExtension]: OID = lines.
func (r *Request) infEKUSection(s *infSection) error {
	for _, e := range s.entries {
		switch strings.ToLower(e.key) {
		case "oid":
			if err := r.addEKU(e.value, e.line); err != nil {
				return err
			}
		case "critical":
		default:
			return infErr(e.line, "%q in [EnhancedKeyUsageExtension]: write OID = 1.3.6.1.5.5.7.3.1", clip(e.key))
		}
	}
	return nil
}

// addEKU adds one EKU OID to the request's EKU extension.
func (r *Request) addEKU(value string, line int) error {
	oid, err := parseOID(value)
	if err != nil {
		return infErr(line, "EKU %q is not an OID such as 1.3.6.1.5.5.7.3.1 (Server Authentication)", clip(value))
	}
	r.EKURequested = true
	r.ExtKeyUsage = append(r.ExtKeyUsage, oid)
	if _, ok := r.Lines["eku"]; !ok {
		r.Lines["eku"] = line
	}
	return nil
}

// requestAttributes reads [RequestAttributes]: the template, and a SAN given as an attribute (dns=a&dns=b), which a
// Windows CA adds only with EDITF_ATTRIBUTESUBJECTALTNAME2.
func (r *Request) requestAttributes(s *infSection) {
	for _, e := range s.entries {
		switch strings.ToLower(e.key) {
		case "certificatetemplate":
			r.Template = e.value
		case "san":
			for entry := range strings.SplitSeq(e.value, "&") {
				kind, value, ok := strings.Cut(strings.TrimSpace(entry), "=")
				if ok && strings.EqualFold(strings.TrimSpace(kind), "dns") {
					r.DNSNames = append(r.DNSNames, strings.TrimSpace(value))
				}
			}
			r.Lines["san"] = e.line
		}
	}
}

// parseOID reads a dotted OID.
func parseOID(s string) (asn1.ObjectIdentifier, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 {
		return nil, errors.New("not a dotted OID")
	}
	oid := make(asn1.ObjectIdentifier, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, errors.New("not a dotted OID")
		}
		oid[i] = n
	}
	if oid[0] > 2 || (oid[0] < 2 && oid[1] >= 40) {
		return nil, errors.New("not a valid OID")
	}
	return oid, nil
}

// sanDNSNames reads the DNS names of a DER GeneralNames.
func sanDNSNames(der []byte) ([]string, error) {
	var seq asn1.RawValue
	rest, err := asn1.Unmarshal(der, &seq)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(rest) > 0 || seq.Tag != asn1.TagSequence {
		return nil, errors.New("not a SEQUENCE of names")
	}
	var names []string
	for inner := seq.Bytes; len(inner) > 0; {
		var v asn1.RawValue
		if inner, err = asn1.Unmarshal(inner, &v); err != nil {
			return nil, fmt.Errorf("parse a name: %w", err)
		}
		if v.Class == asn1.ClassContextSpecific && v.Tag == tagDNS {
			names = append(names, string(v.Bytes))
		}
	}
	return names, nil
}
