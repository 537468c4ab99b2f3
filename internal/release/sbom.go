package main

import (
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"time"
)

// The CycloneDX 1.5 JSON shapes the SBOM uses (https://cyclonedx.org/docs/1.5/json/).
type (
	cdxBOM struct {
		BOMFormat    string          `json:"bomFormat"`
		SpecVersion  string          `json:"specVersion"`
		SerialNumber string          `json:"serialNumber"`
		Version      int             `json:"version"`
		Metadata     cdxMetadata     `json:"metadata"`
		Components   []cdxComponent  `json:"components"`
		Dependencies []cdxDependency `json:"dependencies"`
	}
	cdxMetadata struct {
		Timestamp string       `json:"timestamp"`
		Tools     cdxTools     `json:"tools"`
		Component cdxComponent `json:"component"`
	}
	cdxTools struct {
		Components []cdxComponent `json:"components"`
	}
	cdxComponent struct {
		BOMRef     string        `json:"bom-ref,omitempty"`
		Type       string        `json:"type"`
		Name       string        `json:"name"`
		Version    string        `json:"version,omitempty"`
		PURL       string        `json:"purl,omitempty"`
		Hashes     []cdxHash     `json:"hashes,omitempty"`
		Licenses   []cdxLicense  `json:"licenses,omitempty"`
		Properties []cdxProperty `json:"properties,omitempty"`
	}
	cdxHash struct {
		Alg     string `json:"alg"`
		Content string `json:"content"`
	}
	cdxLicense struct {
		License struct {
			ID string `json:"id"`
		} `json:"license"`
	}
	cdxProperty struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	cdxDependency struct {
		Ref       string   `json:"ref"`
		DependsOn []string `json:"dependsOn"`
	}
)

// makeSBOM reads the build information of the binary at path and returns its CycloneDX SBOM and the module
// version it was built as. Everything in it comes from the binary and the commit time, so it is reproducible:
// the serial number is derived from the binary's SHA-256.
func makeSBOM(path string, commitTime time.Time) ([]byte, string, error) {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("read the build information of %s: %w", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	bom, err := sbomOf(info, hex.EncodeToString(sum[:]), commitTime)
	if err != nil {
		return nil, "", err
	}
	out, err := json.MarshalIndent(bom, "", "  ")
	if err != nil {
		return nil, "", fmt.Errorf("write the SBOM: %w", err)
	}
	return append(out, '\n'), info.Main.Version, nil
}

// sbomOf builds the SBOM of a binary from its build information and SHA-256.
func sbomOf(info *debug.BuildInfo, sha string, commitTime time.Time) (*cdxBOM, error) {
	if info.Main.Version == "" || info.Main.Version == "(devel)" {
		return nil, fmt.Errorf("the binary has no module version (%q): build it in a git clone with -buildvcs=true", info.Main.Version)
	}
	app := cdxComponent{
		BOMRef: purl(info.Main.Path, info.Main.Version), Type: "application", Name: "uclint", Version: info.Main.Version,
		PURL: purl(info.Main.Path, info.Main.Version), Hashes: []cdxHash{{Alg: "SHA-256", Content: sha}},
		Properties: []cdxProperty{{Name: "go:version", Value: info.GoVersion}, {Name: "go:package", Value: info.Path}},
	}
	var license cdxLicense
	license.License.ID = "Apache-2.0"
	app.Licenses = []cdxLicense{license}
	for _, s := range info.Settings {
		app.Properties = append(app.Properties, cdxProperty{Name: "go:build:" + s.Key, Value: s.Value})
	}
	bom := &cdxBOM{
		BOMFormat: "CycloneDX", SpecVersion: "1.5", Version: 1,
		SerialNumber: "urn:uuid:" + uuidOf(sha),
		Metadata: cdxMetadata{
			Timestamp: commitTime.UTC().Format(time.RFC3339),
			Tools:     cdxTools{Components: []cdxComponent{{Type: "application", Name: "uclint internal/release"}}},
			Component: app,
		},
		Components: []cdxComponent{},
	}
	stdlib := cdxComponent{BOMRef: "pkg:golang/stdlib@" + info.GoVersion, Type: "library", Name: "stdlib",
		Version: info.GoVersion, PURL: "pkg:golang/stdlib@" + info.GoVersion}
	bom.Components = append(bom.Components, stdlib)
	refs := []string{stdlib.BOMRef}
	for _, dep := range info.Deps {
		m := dep
		if m.Replace != nil {
			m = m.Replace
		}
		c := cdxComponent{BOMRef: purl(m.Path, m.Version), Type: "library", Name: m.Path, Version: m.Version, PURL: purl(m.Path, m.Version)}
		if m.Sum != "" {
			c.Properties = []cdxProperty{{Name: "go:module:sum", Value: m.Sum}}
		}
		bom.Components = append(bom.Components, c)
		refs = append(refs, c.BOMRef)
	}
	sort.Strings(refs)
	bom.Dependencies = []cdxDependency{{Ref: app.BOMRef, DependsOn: refs}}
	return bom, nil
}

// purl is the package URL of a Go module (https://github.com/package-url/purl-spec, type golang).
func purl(path, version string) string { return "pkg:golang/" + path + "@" + version }

// uuidOf makes a version-5-shaped UUID from a hex SHA-256, so the same binary always has the same serial number.
func uuidOf(sha string) string {
	b, _ := hex.DecodeString(sha)
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
