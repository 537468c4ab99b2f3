package probe

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadPasswordFile: the password files Windows tools write, byte for byte, give the password; a trailing line
// break is not part of it.
func TestReadPasswordFile(t *testing.T) {
	const password = "Pässw0rd €1"
	cases := []struct {
		name string
		data []byte
	}{
		{"UTF-8, LF (PowerShell 7, an editor)", []byte("P\xc3\xa4ssw0rd \xe2\x82\xac1\n")},
		{"UTF-8, no line break", []byte("P\xc3\xa4ssw0rd \xe2\x82\xac1")},
		{"UTF-8 with BOM, CRLF (Notepad, UTF-8 with BOM)", []byte("\xef\xbb\xbfP\xc3\xa4ssw0rd \xe2\x82\xac1\r\n")},
		{"UTF-16 LE with BOM, CRLF (Notepad Unicode, PowerShell 5.1 Out-File)", []byte{
			0xff, 0xfe, 'P', 0, 0xe4, 0, 's', 0, 's', 0, 'w', 0, '0', 0, 'r', 0, 'd', 0, ' ', 0, 0xac, 0x20, '1', 0, '\r', 0, '\n', 0}},
		{"UTF-16 BE with BOM, CRLF (Notepad Unicode big endian)", []byte{
			0xfe, 0xff, 0, 'P', 0, 0xe4, 0, 's', 0, 's', 0, 'w', 0, '0', 0, 'r', 0, 'd', 0, ' ', 0x20, 0xac, 0, '1', 0, '\r', 0, '\n'}},
		{"UTF-16 LE with BOM, several line breaks", []byte{
			0xff, 0xfe, 'P', 0, 0xe4, 0, 's', 0, 's', 0, 'w', 0, '0', 0, 'r', 0, 'd', 0, ' ', 0, 0xac, 0x20, '1', 0, '\r', 0, '\n', 0, '\r', 0, '\n', 0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadPasswordFile(writeFile(t, "password.txt", tc.data))
			if err != nil || got != password {
				t.Fatalf("got %q, %v; want %q", got, err, password)
			}
		})
	}
	t.Run("UTF-16 LE without BOM, ASCII", func(t *testing.T) {
		got, err := ReadPasswordFile(writeFile(t, "password.txt", []byte{'C', 0, 'o', 0, '1', 0, '\r', 0, '\n', 0}))
		if err != nil || got != "Co1" {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("spaces are part of the password", func(t *testing.T) {
		got, err := ReadPasswordFile(writeFile(t, "password.txt", []byte(" secret \r\n")))
		if err != nil || got != " secret " {
			t.Fatalf("got %q, %v", got, err)
		}
	})
}

// TestReadPasswordFileIconv: UTF-16 files made by iconv, which uclint did not write, read the same.
func TestReadPasswordFileIconv(t *testing.T) {
	iconv, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv is not installed")
	}
	const password = "Pässw0rd €1"
	for _, encoding := range []string{"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-8"} {
		cmd := exec.Command(iconv, "-f", "UTF-8", "-t", encoding)
		cmd.Stdin = strings.NewReader(password + "\r\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("iconv %s: %v", encoding, err)
		}
		if encoding == "UTF-16BE" { // iconv writes no BOM for an explicit endianness; Windows tools always do
			out = append([]byte{0xfe, 0xff}, out...)
		}
		if encoding == "UTF-16LE" {
			out = append([]byte{0xff, 0xfe}, out...)
		}
		got, err := ReadPasswordFile(writeFile(t, "password.txt", out))
		if err != nil || got != password {
			t.Fatalf("%s (% x): got %q, %v", encoding, out[:6], got, err)
		}
	}
}

// TestReadPasswordFileErrors: files that hold no usable password are refused with an error that names the file,
// says what is wrong and holds nothing of the content.
func TestReadPasswordFileErrors(t *testing.T) {
	const secret = "Sup3rS3cret"
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "the password file is empty"},
		{"only a line break", []byte("\r\n"), "the password file is empty"},
		{"UTF-16 BOM only", []byte{0xff, 0xfe}, "the password file is empty"},
		{"two lines", []byte(secret + "\r\n" + secret + "\r\n"), "holds more than one line"},
		{"Windows-1252 (PowerShell 5.1 Set-Content)", []byte("S\xe4p3rS3cret\r\n"), "is not UTF-8 or UTF-16 text"},
		{"UTF-16 with an odd length", append([]byte{0xff, 0xfe}, []byte("S\x00u\x00p")...), "is not UTF-8 or UTF-16 text"},
		{"UTF-16 with a lone surrogate", []byte{0xff, 0xfe, 'S', 0, 0x00, 0xd8, 'x', 0}, "is not UTF-8 or UTF-16 text"},
		{"NUL inside", []byte("Sup3r\x00S3cret"), "holds a NUL character"},
		{"too large", bytes.Repeat([]byte(secret), 10000), "larger than 64 KiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "password.txt", tc.data)
			got, err := ReadPasswordFile(path)
			if err == nil || got != "" {
				t.Fatalf("got %q, %v", got, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, tc.want) {
				t.Fatalf("error %q: want it to name the file and say %q", msg, tc.want)
			}
			for _, part := range []string{secret, "Sup3r", "S3cret", "p3rS"} {
				if strings.Contains(msg, part) {
					t.Fatalf("the content leaked into %q", msg)
				}
			}
		})
	}
	if _, err := ReadPasswordFile(filepath.Join(t.TempDir(), "missing.txt")); err == nil || !strings.Contains(err.Error(), "cannot open the password file") {
		t.Fatalf("got %v", err)
	}
}
