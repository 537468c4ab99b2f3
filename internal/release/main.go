// Command release builds uclint's release archives from a clean git clone, reproducibly: for Linux and Windows
// on amd64 and arm64, a .tar.gz (Linux) or .zip (Windows) holding the binary, README.md and LICENSE; a CycloneDX
// SBOM per binary, read from the build information the Go toolchain embeds; and SHA256SUMS over them all.
//
// Run it from the repository's root, in a clone (not a git worktree: Go stamps the commit only from a .git folder):
//
//	go run ./internal/release            # writes dist/
//
// It needs only Go and git. Two runs on the same commit, on any machine with the same Go version, write
// byte-identical files: binaries are built with -trimpath and without cgo, the only times in them are the
// commit's (from the VCS stamp), and the archives carry the commit time, fixed owners and modes, in a fixed order.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// defaultTargets are the platforms a release holds.
var defaultTargets = []string{"linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"}

func main() {
	out := flag.String("o", "dist", "folder to write the release into (emptied of earlier uclint archives first)")
	targets := flag.String("targets", strings.Join(defaultTargets, ","), "GOOS/GOARCH pairs to build, comma-separated")
	allowDirty := flag.Bool("allow-dirty", false, "build even with uncommitted changes (the binaries say so; not for a release)")
	flag.Parse()
	if err := run(*out, strings.Split(*targets, ","), *allowDirty); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, targets []string, allowDirty bool) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository's root: go run ./internal/release")
	}
	if fi, err := os.Stat(".git"); err != nil || !fi.IsDir() {
		return errors.New("run it in a git clone (git clone, not git worktree add): Go stamps the commit into the binary only from a .git folder")
	}
	if !allowDirty {
		status, err := git("status", "--porcelain", "--untracked-files=no")
		if err != nil {
			return err
		}
		if status != "" {
			return fmt.Errorf("the tree has uncommitted changes; commit them, or pass -allow-dirty for a build that is not a release:\n%s", status)
		}
	}
	epoch, err := git("log", "-1", "--format=%ct")
	if err != nil {
		return err
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return fmt.Errorf("read the commit time %q: %w", epoch, err)
	}
	commitTime := time.Unix(secs, 0).UTC()
	if err := os.MkdirAll(out, 0o755); err != nil { //nolint:gosec // a release folder, published
		return fmt.Errorf("create %s: %w", out, err)
	}
	if err := clean(out); err != nil {
		return err
	}
	build, err := os.MkdirTemp("", "uclint-release-")
	if err != nil {
		return fmt.Errorf("create a build folder: %w", err)
	}
	defer os.RemoveAll(build)
	var written []string
	for _, target := range targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(target), "/")
		if !ok || goos == "" || goarch == "" {
			return fmt.Errorf("target %q: give GOOS/GOARCH, e.g. linux/amd64", target)
		}
		files, err := release(out, build, goos, goarch, commitTime)
		if err != nil {
			return err
		}
		written = append(written, files...)
	}
	if err := writeChecksums(out, written); err != nil {
		return err
	}
	for _, f := range append(written, checksumsFile) {
		fmt.Println(filepath.Join(out, f))
	}
	return nil
}

// release builds one platform's binary and writes its archive and SBOM; it returns their names.
func release(out, build, goos, goarch string, commitTime time.Time) ([]string, error) {
	exe := "uclint"
	if goos == "windows" {
		exe += ".exe"
	}
	bin := filepath.Join(build, goos+"_"+goarch, exe)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true", "-o", bin, "./cmd/uclint") //nolint:gosec // go, with a path this program chose
	// The environment fixes what would make two builds differ: no cgo (no C toolchain, a static binary), and
	// GOFLAGS set here rather than read from the builder's go env.
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("build %s/%s: %w", goos, goarch, err)
	}
	sbom, version, err := makeSBOM(bin, commitTime)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("uclint_%s_%s_%s", strings.TrimPrefix(version, "v"), goos, goarch)
	files := []archiveFile{
		{name: exe, path: bin, mode: 0o755},
		{name: "README.md", path: "README.md", mode: 0o644},
		{name: "LICENSE", path: "LICENSE", mode: 0o644},
	}
	archive := base + ".tar.gz"
	write := writeTarGz
	if goos == "windows" {
		archive, write = base+".zip", writeZip
	}
	if err := write(filepath.Join(out, archive), base, files, commitTime); err != nil {
		return nil, err
	}
	sbomName := base + ".cdx.json"
	if err := os.WriteFile(filepath.Join(out, sbomName), sbom, 0o644); err != nil { //nolint:gosec // a published file
		return nil, fmt.Errorf("write the SBOM: %w", err)
	}
	return []string{archive, sbomName}, nil
}

// clean removes the files of an earlier release from out, so SHA256SUMS lists only this one.
func clean(out string) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("read %s: %w", out, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "uclint_") || e.Name() == checksumsFile {
			if err := os.Remove(filepath.Join(out, e.Name())); err != nil {
				return fmt.Errorf("remove the earlier %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output() //nolint:gosec // git, with arguments this program chose
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
