package policy

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// validFile uses every key of the deployment file.
const validFile = `# Contoso, every key used
sip_domains: [contoso.com, Fabrikam.COM.]
automatic_client_configuration: true
trust: {ca_files: [ca.pem, pki/intermediate.pem]}
expiry_warning_days: 45
expiry_critical_days: 5
servers:
  - name: se01
    role: standard-edition
    fqdn: SE01.contoso.com.
  - name: se02
    role: standard-edition
    fqdn: se02.contoso.com
    endpoints: {sip: "10.0.0.12:5061"}
  - name: pool01
    role: enterprise-pool
    fqdn: pool01.contoso.com
    web_farm: https://WebPool01.contoso.com/
    members:
      - fqdn: fe01.contoso.com
      - fqdn: fe02.contoso.com
        endpoints: {sip: "[2001:db8::12]:5061", web: "fe02.contoso.com:8443"}
      - fqdn: fe03.contoso.com
        endpoints: {web: "10.0.0.13:443"}
  - name: pool02
    role: enterprise-pool
    fqdn: pool02.contoso.com
    members:
      - fqdn: fe21.contoso.com
  - name: dir01
    role: director
    fqdn: dir01.contoso.com
    client_logon: true
  - name: dir02
    role: director
    fqdn: dir02.contoso.com
    endpoints: {sip: "dir02:15061"}
  - name: dirpool01
    role: director-pool
    fqdn: dirpool01.contoso.com
    client_logon: false
    members:
      - fqdn: dir11.contoso.com
      - {fqdn: dir12.contoso.com, endpoints: {sip: "10.0.0.22:5061"}}
`

// testDir makes a folder holding the CA files validFile names, and returns it.
func testDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"ca.pem", filepath.Join("pki", "intermediate.pem")} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("placeholder"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeDeployment writes content as deployment.yaml in a folder made by testDir, and returns the file's path.
func writeDeployment(t testing.TB, content string) string {
	t.Helper()
	path := filepath.Join(testDir(t), "deployment.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadRoundTrip(t *testing.T) {
	path := writeDeployment(t, validFile)
	dir := filepath.Dir(path)
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := &Deployment{
		Path:               path,
		SIPDomains:         []string{"contoso.com", "fabrikam.com"},
		AutoConfig:         true,
		CAFiles:            []string{filepath.Join(dir, "ca.pem"), filepath.Join(dir, "pki", "intermediate.pem")},
		ExpiryWarningDays:  45,
		ExpiryCriticalDays: 5,
		Servers: []Server{
			{Name: "se01", Role: StandardEdition, FQDN: "se01.contoso.com", Line: 8},
			{Name: "se02", Role: StandardEdition, FQDN: "se02.contoso.com", Endpoints: Endpoints{"sip": "10.0.0.12:5061"}, Line: 11},
			{Name: "pool01", Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com", Line: 15, Members: []Member{
				{FQDN: "fe01.contoso.com", Line: 20},
				{FQDN: "fe02.contoso.com", Endpoints: Endpoints{"sip": "[2001:db8::12]:5061", "web": "fe02.contoso.com:8443"}, Line: 21},
				{FQDN: "fe03.contoso.com", Endpoints: Endpoints{"web": "10.0.0.13:443"}, Line: 23},
			}},
			{Name: "pool02", Role: EnterprisePool, FQDN: "pool02.contoso.com", Line: 25, Members: []Member{{FQDN: "fe21.contoso.com", Line: 29}}},
			{Name: "dir01", Role: Director, FQDN: "dir01.contoso.com", ClientLogon: true, Line: 30},
			{Name: "dir02", Role: Director, FQDN: "dir02.contoso.com", Endpoints: Endpoints{"sip": "dir02:15061"}, Line: 34},
			{Name: "dirpool01", Role: DirectorPool, FQDN: "dirpool01.contoso.com", Line: 38, Members: []Member{
				{FQDN: "dir11.contoso.com", Line: 43},
				{FQDN: "dir12.contoso.com", Endpoints: Endpoints{"sip": "10.0.0.22:5061"}, Line: 44},
			}},
		},
	}
	want.Product = defaultProfile
	for i := range want.Servers {
		want.Servers[i].Product = defaultProfile
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := Load(path)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != path || fe.Line != 0 || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
	if want := path + ": cannot read the deployment file: "; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %q, want it to start with %q", err, want)
	}
}

func TestLoadTooLarge(t *testing.T) {
	path := writeDeployment(t, "# "+strings.Repeat("x", maxDeploymentFile)+"\n")
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "larger than 4 MiB") {
		t.Fatalf("got %v", err)
	}
}

func TestServerAndContext(t *testing.T) {
	d, err := Load(writeDeployment(t, validFile))
	if err != nil {
		t.Fatal(err)
	}
	pool, ok := d.Server("POOL01")
	if !ok || pool.Name != "pool01" {
		t.Fatalf("Server(POOL01) = %+v, %v; want case-insensitive lookup", pool, ok)
	}
	if _, ok := d.Server("pool99"); ok {
		t.Fatal("Server(pool99) found")
	}
	want := Context{Product: defaultProfile, Role: EnterprisePool, FQDN: "pool01.contoso.com", WebFarm: "webpool01.contoso.com", SIPDomains: []string{"contoso.com", "fabrikam.com"}, AutoConfig: true}
	ctx := d.Context(pool)
	if !reflect.DeepEqual(ctx, want) {
		t.Fatalf("Context(pool01) = %+v, want %+v", ctx, want)
	}
	ctx.SIPDomains[0] = "changed.example"
	if d.SIPDomains[0] != "contoso.com" {
		t.Fatal("Context shares its SIP domains with the deployment")
	}
	dir, _ := d.Server("dir01")
	if ctx := d.Context(dir); ctx.Role != Director || !ctx.ClientLogon || ctx.WebFarm != "" {
		t.Fatalf("Context(dir01) = %+v", ctx)
	}
	if got := strings.Join(d.ServerNames(), ","); got != "se01,se02,pool01,pool02,dir01,dir02,dirpool01" {
		t.Fatalf("ServerNames = %s", got)
	}
}

func TestCAFilePaths(t *testing.T) {
	dir := testDir(t)
	abs := filepath.Join(dir, "ca.pem")
	cases := []struct {
		name, entry string
		file        string // the deployment file, relative to dir
		want        string
	}{
		{"beside the file", "ca.pem", "deployment.yaml", filepath.Join(dir, "ca.pem")},
		{"in a subfolder, written with /", "pki/intermediate.pem", "deployment.yaml", filepath.Join(dir, "pki", "intermediate.pem")},
		{"in the parent folder", "../ca.pem", filepath.Join("pki", "deployment.yaml"), filepath.Join(dir, "ca.pem")},
		{"absolute", filepath.ToSlash(abs), filepath.Join("pki", "deployment.yaml"), abs},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := "trust:\n  ca_files:\n    - '" + tc.entry + "'\nservers:\n  - {name: d, role: director, fqdn: d.contoso.com}\n"
			d, err := Parse([]byte(file), filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.CAFiles) != 1 || d.CAFiles[0] != tc.want {
				t.Fatalf("CAFiles = %q, want [%q]", d.CAFiles, tc.want)
			}
		})
	}
}

func TestResolvePath(t *testing.T) {
	base := filepath.Join("configs", "contoso", "deployment.yaml")
	cases := map[string]string{
		"ca.pem":           filepath.Join("configs", "contoso", "ca.pem"),
		"pki/ca.pem":       filepath.Join("configs", "contoso", "pki", "ca.pem"),
		"../pki/ca.pem":    filepath.Join("configs", "pki", "ca.pem"),
		"./pki/../ca.pem":  filepath.Join("configs", "contoso", "ca.pem"),
		"../../../ca.pem":  filepath.Join("..", "ca.pem"),
		"pki//root ca.pem": filepath.Join("configs", "contoso", "pki", "root ca.pem"),
	}
	for name, want := range cases {
		if got := resolvePath(base, name); got != want {
			t.Errorf("resolvePath(%q, %q) = %q, want %q", base, name, got, want)
		}
	}
	abs, err := filepath.Abs("ca.pem")
	if err != nil {
		t.Fatal(err)
	}
	if got := resolvePath(base, abs); got != abs {
		t.Errorf("an absolute path was changed: %q, want %q", got, abs)
	}
	if got := resolvePath("deployment.yaml", "ca.pem"); got != "ca.pem" {
		t.Errorf("a file in the working folder: %q", got)
	}
}

func TestFileErrors(t *testing.T) {
	one := &FileError{Path: "d.yaml", Line: 3, Msg: "bad"}
	two := &FileError{Path: "d.yaml", Msg: "worse"}
	if one.Error() != "d.yaml:3: bad" || two.Error() != "d.yaml: worse" {
		t.Fatalf("%q, %q", one, two)
	}
	if got := FileErrors(one); len(got) != 1 || got[0] != one {
		t.Fatalf("FileErrors(one) = %v", got)
	}
	if got := FileErrors(errors.Join(one, two)); len(got) != 2 || got[1] != two {
		t.Fatalf("FileErrors(joined) = %v", got)
	}
	if got := FileErrors(errors.New("other")); got != nil {
		t.Fatalf("FileErrors(other) = %v", got)
	}
	inner := errors.New("inner")
	if !errors.Is(&FileError{Err: inner}, inner) {
		t.Fatal("FileError does not unwrap")
	}
}
