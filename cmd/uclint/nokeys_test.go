package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryLinksNoPrivateKey: uclint links neither the fixture PKI (its keys/ and PFX files hold private keys)
// nor anything that embeds it; the demo makes its PKI at run time and explain runs its examples in a clone of the
// repository. A package that embeds keys and is linked in would put them in every release binary.
func TestBinaryLinksNoPrivateKey(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for pkg := range strings.FieldsSeq(string(out)) {
		if pkg == "github.com/uclint/uclint/fixtures" {
			t.Fatalf("uclint links %s, which embeds the fixtures' private keys", pkg)
		}
	}
	bin := filepath.Join(t.TempDir(), "uclint.exe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		t.Fatalf("the uclint binary holds a PEM private key")
	}
}
