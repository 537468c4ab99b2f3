package dn

import (
	"encoding/pem"
	"slices"
	"testing"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/fixtures"
)

// subjectOf reads the raw Subject of a committed fixture certificate (with zcrypto: Go refuses a UniversalString).
func subjectOf(t *testing.T, name string) []byte {
	t.Helper()
	data, err := fixtures.Files.ReadFile("pki/" + name)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s: no PEM block", name)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c.RawSubject
}

func TestCommonNames(t *testing.T) {
	cases := []struct {
		file string
		want []string
	}{
		{"se01.pem", []string{"se01.contoso.com"}},
		{"se01-bmp-cn.pem", []string{"se01.contoso.com"}},
		{"se01-universal-cn.pem", []string{"se01.contoso.com"}},
		{"se01-two-cn.pem", []string{"se01.contoso.com", "sip.contoso.com"}},
	}
	for _, tc := range cases {
		if got := CommonNames(subjectOf(t, tc.file)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: CNs %q, want %q", tc.file, got, tc.want)
		}
	}
	if got := CommonNames([]byte{0x30, 0x03, 0x02}); got != nil {
		t.Errorf("truncated name: CNs %q, want none", got)
	}
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name string
		tag  int
		b    []byte
		want string
		ok   bool
	}{
		{"UTF8String", TagUTF8String, []byte("se01.contoso.com"), "se01.contoso.com", true},
		{"UTF8String, not UTF-8", TagUTF8String, []byte{0xff}, "", false},
		{"TeletexString as Latin-1", TagTeletexString, []byte{'s', 0xe9}, "sé", true},
		{"BMPString", TagBMPString, []byte{0, 's', 0, 0xe9}, "sé", true},
		{"BMPString, odd length", TagBMPString, []byte{0, 's', 0}, "", false},
		{"UniversalString", TagUniversalString, []byte{0, 0, 0, 's', 0, 1, 0xf6, 0x00}, "s\U0001F600", true},
		{"UniversalString, beyond Unicode", TagUniversalString, []byte{0, 0x11, 0, 0}, "", false},
		{"OCTET STRING", 4, []byte("x"), "", false},
	}
	for _, tc := range cases {
		got, ok := Decode(tc.tag, tc.b)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("%s: %q %v, want %q %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
