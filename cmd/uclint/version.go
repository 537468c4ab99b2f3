package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// buildVersion is what a binary knows of how it was built, from the build information the Go toolchain embeds:
// the module version (a release tag, a pseudo-version of the commit, or "(devel)"), the VCS commit and its time,
// whether the tree had uncommitted changes, and the Go version. Change control records it.
type buildVersion struct {
	Module   string // "v1.2.0", "v0.0.0-20261125155749-1efff17c0b0c", "(devel)"
	Commit   string // the full VCS revision, "" when the build had no VCS information
	Time     string // the commit's time (RFC 3339), "" when unknown
	Modified bool   // built from a tree with uncommitted changes
	Go       string // "go1.26.8"
	Platform string // "linux/amd64"
}

// readVersion reads the running binary's build information.
func readVersion() buildVersion {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return buildVersion{Module: "(unknown)", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	}
	return versionOf(info)
}

// versionOf reads a build information record.
func versionOf(info *debug.BuildInfo) buildVersion {
	v := buildVersion{Module: info.Main.Version, Go: info.GoVersion, Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if v.Module == "" {
		v.Module = "(devel)"
	}
	goos, goarch := "", ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	if goos != "" && goarch != "" {
		v.Platform = goos + "/" + goarch
	}
	return v
}

// short is the one-line form that --version prints: "uclint v1.2.0 (commit 1efff17c0b0c, 2026-11-25T15:57:49Z, go1.26.8)".
func (v buildVersion) short() string {
	parts := []string{}
	if v.Commit != "" {
		commit := v.Commit
		if len(commit) > 12 {
			commit = commit[:12]
		}
		if v.Modified {
			commit += "+modified"
		}
		parts = append(parts, "commit "+commit)
	}
	if v.Time != "" {
		parts = append(parts, v.Time)
	}
	parts = append(parts, v.Go, v.Platform)
	return fmt.Sprintf("uclint %s (%s)", v.Module, strings.Join(parts, ", "))
}

// write prints the long form of 'uclint version', one fact a line, for change control.
func (v buildVersion) write(w io.Writer) error {
	commit := v.Commit
	switch {
	case commit == "":
		commit = "unknown (built without VCS information: build from a git clone, or install a release)"
	case v.Modified:
		commit += " (with uncommitted changes)"
	}
	when := v.Time
	if when == "" {
		when = "unknown"
	}
	_, err := fmt.Fprintf(w, "uclint %s\ncommit: %s\ncommit date: %s\ngo: %s\nplatform: %s\n", v.Module, commit, when, v.Go, v.Platform)
	if err != nil {
		return fmt.Errorf("print the version: %w", err)
	}
	return nil
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print uclint's version, the commit it was built from and the Go version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return readVersion().write(c.OutOrStdout())
		},
	}
}
