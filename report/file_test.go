package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "uclint.prom")
	for _, content := range []string{"first night\n", "second night\n"} {
		if err := WriteAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, content); return err }); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(path); string(data) != content {
			t.Fatalf("got %q, want %q", data, content)
		}
	}
	if fi, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Fatalf("collectors running as another user must read the file: %v %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteAtomicKeepsOldFileOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last.json")
	if err := os.WriteFile(path, []byte(`{"old": "complete"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteAtomic(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, `{"new": "half`)
		return errors.New("the run failed midway")
	})
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "the run failed midway") {
		t.Fatalf("got %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != `{"old": "complete"}` {
		t.Fatalf("old file changed: %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary file left behind: %v", entries)
	}
}

func TestWriteAtomicMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", "last.json")
	err := WriteAtomic(path, func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
}
