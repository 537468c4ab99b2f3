package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestReleaseIsReproducible follows the README: two fresh clones of the committed tree, at paths of different
// lengths, each run 'go run ./internal/release'; every file they write is byte-identical. Then the archives are
// read back: the files, modes and times inside, SHA256SUMS, the SBOM, and the Linux binary's own 'uclint
// version', which names the commit. (It releases HEAD: commit first to test a change.)
func TestReleaseIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("builds uclint twice from two clones; not with -short")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git repository: %v", err)
	}
	repo := strings.TrimSpace(string(top))
	base := t.TempDir()
	targets := "linux/" + runtime.GOARCH + ",windows/arm64"
	var dists []string
	for _, dir := range []string{filepath.Join(base, "a"), filepath.Join(base, "a-much-longer-folder", "uclint")} {
		runCmd(t, "", "git", "clone", "--quiet", "--no-hardlinks", repo, dir)
		runCmd(t, dir, "go", "run", "./internal/release", "-targets", targets)
		dists = append(dists, filepath.Join(dir, "dist"))
	}
	names := listDir(t, dists[0])
	if !slices.Equal(names, listDir(t, dists[1])) || len(names) != 5 {
		t.Fatalf("the two releases hold different files: %v and %v", names, listDir(t, dists[1]))
	}
	for _, name := range names {
		a, b := readFile(t, filepath.Join(dists[0], name)), readFile(t, filepath.Join(dists[1], name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the two builds", name)
		}
	}

	// SHA256SUMS lists every other file with its digest.
	sums := string(readFile(t, filepath.Join(dists[0], checksumsFile)))
	for _, name := range names {
		if name == checksumsFile {
			continue
		}
		sum, err := fileSHA256(filepath.Join(dists[0], name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(sums, sum+"  "+name+"\n") {
			t.Errorf("SHA256SUMS lacks %s %s:\n%s", sum, name, sums)
		}
	}

	clone := filepath.Join(base, "a")
	head := strings.TrimSpace(runCmd(t, clone, "git", "rev-parse", "HEAD"))
	epoch := strings.TrimSpace(runCmd(t, clone, "git", "log", "-1", "--format=%ct"))
	var tgz, zipName string
	for _, n := range names {
		switch {
		case strings.HasSuffix(n, ".tar.gz"):
			tgz = n
		case strings.HasSuffix(n, ".zip"):
			zipName = n
		}
	}
	dir := strings.TrimSuffix(tgz, ".tar.gz")
	bin := readTarGz(t, filepath.Join(dists[0], tgz), dir, epoch)
	if bytes.Contains(bin, []byte(base)) {
		t.Error("the binary holds the path it was built in: -trimpath is not in effect")
	}
	if runtime.GOOS == "linux" {
		path := filepath.Join(t.TempDir(), "uclint")
		if err := os.WriteFile(path, bin, 0o755); err != nil {
			t.Fatal(err)
		}
		out := runCmd(t, "", path, "version")
		if !strings.Contains(out, "commit: "+head+"\n") || !strings.Contains(out, "go: "+runtime.Version()) {
			t.Errorf("uclint version of the release binary:\n%s\nwant commit %s", out, head)
		}
	}
	readZip(t, filepath.Join(dists[0], zipName), strings.TrimSuffix(zipName, ".zip"))

	var bom cdxBOM
	if err := json.Unmarshal(readFile(t, filepath.Join(dists[0], dir+".cdx.json")), &bom); err != nil {
		t.Fatal(err)
	}
	if bom.BOMFormat != "CycloneDX" || bom.Metadata.Component.Name != "uclint" || !strings.HasPrefix(bom.SerialNumber, "urn:uuid:") {
		t.Errorf("SBOM: %+v", bom.Metadata)
	}
	var modules []string
	for _, c := range bom.Components {
		modules = append(modules, c.Name)
	}
	for _, want := range []string{"stdlib", "github.com/zmap/zlint/v3", "github.com/zmap/zcrypto", "github.com/spf13/cobra"} {
		if !slices.Contains(modules, want) {
			t.Errorf("the SBOM lacks %s: %v", want, modules)
		}
	}
}

// TestArchivesAreDeterministic: the same files give the same archive bytes; another time gives others (the time
// is really written, and is the only thing that varies).
func TestArchivesAreDeterministic(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "uclint")
	if err := os.WriteFile(src, []byte("a binary"), 0o600); err != nil {
		t.Fatal(err)
	}
	files := []archiveFile{{name: "uclint", path: src, mode: 0o755}}
	when := time.Date(2026, 11, 25, 15, 57, 49, 0, time.UTC)
	for _, write := range []func(string, string, []archiveFile, time.Time) error{writeTarGz, writeZip} {
		var got [][]byte
		for i, at := range []time.Time{when, when, when.Add(time.Hour)} {
			path := filepath.Join(dir, "out"+string(rune('0'+i)))
			if err := write(path, "uclint_1.0.0_linux_amd64", files, at); err != nil {
				t.Fatal(err)
			}
			got = append(got, readFile(t, path))
		}
		if !bytes.Equal(got[0], got[1]) || bytes.Equal(got[0], got[2]) {
			t.Errorf("same input, same bytes: %v; another time, other bytes: %v", bytes.Equal(got[0], got[1]), !bytes.Equal(got[0], got[2]))
		}
	}
}

// TestSBOMOf: the SBOM names the main module, its version, every dependency (replacements resolved) and the
// build settings, and its serial number follows from the binary's digest.
func TestSBOMOf(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Path: "github.com/uclint/uclint/cmd/uclint",
		Main: debug.Module{Path: "github.com/uclint/uclint", Version: "v1.2.0"},
		Deps: []*debug.Module{
			{Path: "github.com/spf13/cobra", Version: "v1.10.2", Sum: "h1:abc="},
			{Path: "example.com/old", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/new", Version: "v1.0.1"}},
		},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "1efff17"}, {Key: "-trimpath", Value: "true"}}}
	sha := strings.Repeat("ab", 32)
	bom, err := sbomOf(info, sha, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if bom.Metadata.Component.PURL != "pkg:golang/github.com/uclint/uclint@v1.2.0" || bom.Metadata.Component.Hashes[0].Content != sha {
		t.Errorf("main component %+v", bom.Metadata.Component)
	}
	if bom.SerialNumber != "urn:uuid:abababab-abab-5bab-abab-abababababab" {
		t.Errorf("serial %s", bom.SerialNumber)
	}
	want := []string{"pkg:golang/example.com/new@v1.0.1", "pkg:golang/github.com/spf13/cobra@v1.10.2", "pkg:golang/stdlib@go1.26.8"}
	if !slices.Equal(bom.Dependencies[0].DependsOn, want) {
		t.Errorf("depends on %v, want %v", bom.Dependencies[0].DependsOn, want)
	}
	if _, err := sbomOf(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, sha, time.Unix(0, 0)); err == nil {
		t.Error("a binary without a version must not get an SBOM")
	}
}

func runCmd(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readTarGz checks the Linux archive: a folder holding uclint (0755), README.md and LICENSE, every entry dated at
// the commit; it returns the binary.
func readTarGz(t *testing.T, path, dir, epoch string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("the gzip header carries a name or time: %q %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var names []string
	var bin []byte
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if got := strconv.FormatInt(h.ModTime.Unix(), 10); got != epoch {
			t.Errorf("%s dated %v, want the commit time %s", h.Name, h.ModTime, epoch)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" {
			t.Errorf("%s owned by %d/%d %q", h.Name, h.Uid, h.Gid, h.Uname)
		}
		if h.Name == dir+"/uclint" {
			if h.Mode != 0o755 {
				t.Errorf("uclint mode %o", h.Mode)
			}
			if bin, err = io.ReadAll(tr); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []string{dir + "/", dir + "/uclint", dir + "/README.md", dir + "/LICENSE"}
	if !slices.Equal(names, want) {
		t.Errorf("archive holds %v, want %v", names, want)
	}
	return bin
}

func readZip(t *testing.T, path, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := []string{dir + "/uclint.exe", dir + "/README.md", dir + "/LICENSE"}
	if !slices.Equal(names, want) {
		t.Errorf("zip holds %v, want %v", names, want)
	}
}
