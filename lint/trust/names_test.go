package trust

import (
	"net"
	"testing"

	"github.com/zmap/zcrypto/x509"
)

func TestDNSInSubtree(t *testing.T) {
	for _, c := range []struct {
		name, subtree string
		in            bool
	}{
		{"contoso.com", "contoso.com", true},
		{"se01.contoso.com", "contoso.com", true},
		{"se01.contoso.com", "CONTOSO.com", true},
		{"se01.contoso.com", ".contoso.com", true},
		{"contoso.com", ".contoso.com", false},
		{"notcontoso.com", "contoso.com", false},
		{"se01.contoso.com.evil.com", "contoso.com", false},
		{"*.contoso.com", "contoso.com", true},
		{"*.contoso.com", "secret.contoso.com", false},
		{"anything.example", "", true},
		{"se01.contoso.com", "contoso.com.", true},
		{"SE01.Contoso.COM", "contoso.com", true},
		{"\u212aontoso.com", "kontoso.com", false}, // the Kelvin sign is not "k"
		{"se01.\u212aontoso.com", ".kontoso.com", false},
	} {
		if got := dnsInSubtree(c.name, c.subtree); got != c.in {
			t.Errorf("dnsInSubtree(%q, %q) = %v, want %v", c.name, c.subtree, got, c.in)
		}
	}
}

func TestLooksLikeDNSName(t *testing.T) {
	for s, want := range map[string]bool{
		"se01.contoso.com":  true,
		"*.contoso.com":     true,
		"SE01.Contoso.COM.": true,
		"se01":              false,
		"10.0.0.10":         false,
		"Contoso Root CA":   false,
		"se01..contoso.com": false,
		"a.*.contoso.com":   false,
		"":                  false,
	} {
		if got := looksLikeDNSName(s); got != want {
			t.Errorf("looksLikeDNSName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCheckNameIP(t *testing.T) {
	_, ten, _ := net.ParseCIDR("10.0.0.0/8")
	_, v6, _ := net.ParseCIDR("2001:db8::/32")
	ca := &x509.Certificate{
		PermittedIPAddresses: []x509.GeneralSubtreeIP{{Data: *ten}, {Data: *v6}},
	}
	for ip, allowed := range map[string]bool{
		"10.1.2.3":    true,
		"11.1.2.3":    false,
		"2001:db8::1": true,
		"2001:db9::1": false,
	} {
		v := checkName(ca, constrainedName{ip: net.ParseIP(ip)})
		if v.allowed != allowed {
			t.Errorf("%s allowed=%v, want %v (%+v)", ip, v.allowed, allowed, v)
		}
	}
	// A CA that constrains only DNS names allows any IP address.
	dnsOnly := &x509.Certificate{PermittedDNSNames: []x509.GeneralSubtreeString{{Data: "contoso.com"}}}
	if v := checkName(dnsOnly, constrainedName{ip: net.ParseIP("192.168.1.1")}); !v.allowed {
		t.Error("an IP address is judged by DNS constraints")
	}
}

// TestCheckNameFoldsASCIIOnly: a certificate's names meet a CA's DNS constraints ASCII case-insensitively, never
// through Unicode case folding (under which the Kelvin sign U+212A would be "k").
func TestCheckNameFoldsASCIIOnly(t *testing.T) {
	ca := &x509.Certificate{PermittedDNSNames: []x509.GeneralSubtreeString{{Data: "kontoso.com"}}}
	leaf := &x509.Certificate{DNSNames: []string{"SE01.KONTOSO.COM.", "se01.\u212aontoso.com"}}
	names := namesOf(leaf, false)
	if len(names) != 2 {
		t.Fatalf("names %v", names)
	}
	for i, allowed := range []bool{true, false} {
		if v := checkName(ca, names[i]); v.allowed != allowed {
			t.Errorf("%q allowed=%v, want %v (%+v)", names[i], v.allowed, allowed, v)
		}
	}
}

// TestLinkStatus: each link outcome of the fixtures, including the ones zcrypto's CheckSignatureFromKey gets
// wrong (DSA with a 224-bit subgroup, a 512-bit RSA key, a PSS salt of 20 bytes).
func TestLinkStatus(t *testing.T) {
	for _, c := range []struct {
		child, parent string
		want          linkStatus
	}{
		{"leaf", "inter", linkOK},
		{"leaf", "inter-otherkey", linkBad},
		{"leaf-sha1", "inter-sha1", linkOK},
		{"leaf-md5", "inter-md5", linkOK},
		{"inter-md5", "root-md5", linkOK},
		{"leaf-dsa", "inter-dsa", linkOK},
		{"leaf-dsa", "inter", linkUnsupported},
		{"leaf-weak", "inter-weak", linkWeakKey},
		{"leaf-pss", "inter", linkOK},
		{"leaf-pss-salt20", "inter", linkOK},
		{"leaf-pss-salt20", "inter-otherkey", linkBad},
		{"leaf-ec", "inter-ec", linkOK},
		{"inter-ec", "root-ec", linkOK},
		{"leaf-ed", "inter-ed", linkOK},
		{"leaf-ec", "inter", linkUnsupported},
	} {
		if got := verifyLink(load(t, c.child), load(t, c.parent)); got != c.want {
			t.Errorf("%s signed by %s: %d, want %d", c.child, c.parent, got, c.want)
		}
	}
}
