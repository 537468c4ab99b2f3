package policy

import (
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the deployment parser. It must never panic; every error it returns is a
// FileError with a line, or several joined; and what it accepts expands into targets with valid addresses.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		validFile,
		perimeterFile,
		"servers:\n  - {name: e, role: edge, fqdn: e.contoso.com, access_edge_fqdn: sip.contoso.com, public_im_connectivity: [aol, aol]}\n",
		"servers:\n  - {name: a, role: director, fqdn: a.contoso.com}\n",
		"servers:\n  - {name: a, role: nope}\n",
		"servers: [\n",
		"servers:\n\t- name: a\n",
		"&a [*a]",
		"servers:\n  - &b {name: d1, role: director, fqdn: d1.contoso.com}\n  - <<: *b\n    name: d2\n",
		"trust: {ca_files: [ca.pem, missing.pem, '']}\nsip_domains: [contoso.com, contoso.com]\nservers: []\n",
		"servers:\n  - name: p\n    role: enterprise-pool\n    fqdn: p.contoso.com\n    web_farm: https://w.contoso.com/\n    members:\n      - fqdn: fe01.contoso.com\n        endpoints: {sip: '[2001:db8::1]:5061', web: 'fe01:443'}\n",
		"a: 1\n---\nb: 2\n",
		"\xff\xfes\x00:\x00",
		"",
	} {
		f.Add([]byte(seed))
	}
	path := filepath.Join(testDir(f), "fuzz.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data, path)
		if err != nil {
			checkFuzzError(t, err, path)
			return
		}
		checkFuzzDeployment(t, d)
	})
}

func checkFuzzError(t *testing.T, err error, path string) {
	t.Helper()
	fes := FileErrors(err)
	if len(fes) == 0 {
		t.Fatalf("error %v holds no FileError", err)
	}
	for _, fe := range fes {
		if fe.Path != path || fe.Line < 1 || fe.Msg == "" {
			t.Fatalf("FileError without a path, line or message: %#v", fe)
		}
	}
}

func checkFuzzDeployment(t *testing.T, d *Deployment) {
	t.Helper()
	if len(d.Servers) == 0 {
		t.Fatal("accepted a deployment without servers")
	}
	targets, err := d.Targets(nil)
	if err != nil {
		t.Fatalf("Targets: %v", err)
	}
	for _, tg := range targets {
		if tg.File != "" { // a certificate file the entry names: nothing to dial
			if tg.Address != "" || tg.Context.Role == "" || tg.Context.Certificate == "" {
				t.Fatalf("file target with an address, or without a role or certificate kind: %+v", tg)
			}
			continue
		}
		if err := CheckAddress(tg.Address); err != nil {
			t.Fatalf("target %+v: %v", tg, err)
		}
		if tg.SNI == "" || tg.Context.Role == "" {
			t.Fatalf("target without SNI or role: %+v", tg)
		}
	}
	if _, err := d.Targets([]string{d.Servers[0].Name}); err != nil {
		t.Fatalf("Targets(%q): %v", d.Servers[0].Name, err)
	}
}
