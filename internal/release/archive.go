package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// checksumsFile lists the SHA-256 of every file of the release, in the format sha256sum -c reads.
const checksumsFile = "SHA256SUMS"

// archiveFile is one file put into an archive.
type archiveFile struct {
	name string      // its name inside the archive's folder
	path string      // where it is on disk
	mode os.FileMode // its mode in the archive: 0755 for the binary
}

// writeTarGz writes a gzip-compressed tar of files under the folder dir/, every entry with the time t, owner 0
// and the given mode, in the order given: the same files give the same bytes.
func writeTarGz(path, dir string, files []archiveFile, t time.Time) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer closeInto(f, &err)
	gz, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("compress %s: %w", path, err)
	}
	// No name and no time in the gzip header: only the tar entries carry a time, the commit's.
	tw := tar.NewWriter(gz)
	if err := tw.WriteHeader(&tar.Header{Name: dir + "/", Typeflag: tar.TypeDir, Mode: 0o755, ModTime: t, Format: tar.FormatUSTAR}); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	for _, af := range files {
		data, err := os.ReadFile(af.path)
		if err != nil {
			return fmt.Errorf("read %s: %w", af.path, err)
		}
		h := &tar.Header{Name: dir + "/" + af.name, Typeflag: tar.TypeReg, Mode: int64(af.mode), Size: int64(len(data)),
			ModTime: t, Format: tar.FormatUSTAR}
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if _, err := tw.Write(data); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeZip writes a zip of files under the folder dir/, every entry with the time t and the given mode, in the
// order given.
func writeZip(path, dir string, files []archiveFile, t time.Time) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer closeInto(f, &err)
	zw := zip.NewWriter(f)
	for _, af := range files {
		data, err := os.ReadFile(af.path)
		if err != nil {
			return fmt.Errorf("read %s: %w", af.path, err)
		}
		h := &zip.FileHeader{Name: dir + "/" + af.name, Method: zip.Deflate, Modified: t}
		h.SetMode(af.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeChecksums writes SHA256SUMS for the named files of out, sorted by name.
func writeChecksums(out string, names []string) error {
	sorted := append([]string{}, names...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, name := range sorted {
		sum, err := fileSHA256(filepath.Join(out, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, name)
	}
	if err := os.WriteFile(filepath.Join(out, checksumsFile), []byte(b.String()), 0o644); err != nil { //nolint:gosec // a published file
		return fmt.Errorf("write %s: %w", checksumsFile, err)
	}
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// closeInto closes f and keeps the first error.
func closeInto(f *os.File, err *error) {
	if cerr := f.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("write %s: %w", f.Name(), cerr)
	}
}
