package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEPerimeterExamples: the deployment entries the README gives for the roles at the deployment's edge
// parse, together, as one deployment file, so the README cannot drift from the parser.
func TestREADMEPerimeterExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## The deployment's edge")
	if !ok {
		t.Fatal("the README has no section on the deployment's edge")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var entries []string
	for _, block := range strings.Split(section, "```yaml\n")[1:] {
		yaml, _, _ := strings.Cut(block, "```")
		entries = append(entries, yaml)
	}
	if len(entries) != 5 {
		t.Fatalf("%d YAML examples in the section", len(entries))
	}
	file := "sip_domains: [contoso.com, fabrikam.com]\nservers:\n" + strings.Join(entries, "")
	d, err := Parse([]byte(file), filepath.Join(t.TempDir(), "readme.yaml"))
	if err != nil {
		t.Fatalf("the README's examples do not parse: %v\n%s", err, file)
	}
	roles := map[Role]bool{}
	for _, s := range d.Servers {
		roles[s.Role] = true
	}
	for _, r := range []Role{Edge, EdgeArray, CWA, MediationServer, MediaGateway, ReverseProxy} {
		if !roles[r] {
			t.Errorf("the README shows no %s", r)
		}
	}
}
