package probe

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// maxPasswordFile caps what is read of a password file: a password is a line of text.
const maxPasswordFile = 64 << 10

// Reasons a password file is refused. None of them holds anything of the file's content.
var (
	errPasswordEmpty     = errors.New("the password file is empty")
	errPasswordLines     = errors.New("the password file holds more than one line: put only the password in it")
	errPasswordNotText   = errors.New("the password file is not UTF-8 or UTF-16 text: save it from Notepad as UTF-8 or Unicode")
	errPasswordNUL       = errors.New("the password file holds a NUL character: save it from Notepad as UTF-8 or Unicode")
	errPasswordTooLarge  = fmt.Errorf("the password file is larger than %d KiB: not a password file", maxPasswordFile>>10)
	utf8BOM              = []byte{0xef, 0xbb, 0xbf}
	utf16LEBOM, utf16BOM = []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
)

// ReadPasswordFile reads a PFX password from a file as Windows tools write it: UTF-8 with or without a byte order
// mark (Notepad, PowerShell 7), UTF-16 little- or big-endian with a byte order mark (Notepad's "Unicode",
// PowerShell 5.1's Out-File and >), UTF-16 little-endian without one; lines ending in CRLF or LF. Line breaks at
// the end are not part of the password; anything else is, spaces included. Its errors name the file and say what
// is wrong, and never hold anything of the file's content.
func ReadPasswordFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s: cannot open the password file: %w", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPasswordFile+1))
	if err != nil {
		return "", fmt.Errorf("%s: cannot read the password file: %w", path, unwrapPath(err))
	}
	if len(data) > maxPasswordFile {
		return "", fmt.Errorf("%s: %w", path, errPasswordTooLarge)
	}
	password, err := decodePassword(data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return password, nil
}

// decodePassword turns a password file's bytes into the password (see ReadPasswordFile).
func decodePassword(data []byte) (string, error) {
	text, err := decodeText(data)
	if err != nil {
		return "", err
	}
	text = strings.TrimRight(text, "\r\n")
	switch {
	case text == "":
		return "", errPasswordEmpty
	case strings.ContainsAny(text, "\r\n"):
		return "", errPasswordLines
	case strings.ContainsRune(text, 0):
		return "", errPasswordNUL
	}
	return text, nil
}

// decodeText decodes UTF-8 or UTF-16 text by its byte order mark; without one, UTF-8, or UTF-16 little-endian
// when every other byte is NUL as in ASCII text so written.
func decodeText(data []byte) (string, error) {
	var encoding = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return validUTF8(data[len(utf8BOM):])
	case bytes.HasPrefix(data, utf16LEBOM), bytes.HasPrefix(data, utf16BOM):
		// ExpectBOM: the byte order mark sets the endianness and is dropped.
	case looksLikeUTF16LE(data):
		encoding = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	default:
		return validUTF8(data)
	}
	decoded, err := encoding.NewDecoder().Bytes(data)
	if err != nil || len(data)%2 != 0 || bytes.ContainsRune(decoded, utf8.RuneError) {
		return "", errPasswordNotText
	}
	return string(decoded), nil
}

func validUTF8(b []byte) (string, error) {
	if !utf8.Valid(b) {
		return "", errPasswordNotText
	}
	return string(b), nil
}

// looksLikeUTF16LE reports whether data is UTF-16 little-endian ASCII text without a byte order mark: an even
// length, every odd byte NUL and no even byte NUL.
func looksLikeUTF16LE(data []byte) bool {
	if len(data) == 0 || len(data)%2 != 0 {
		return false
	}
	for i := 0; i < len(data); i += 2 {
		if data[i] == 0 || data[i+1] != 0 {
			return false
		}
	}
	return true
}
