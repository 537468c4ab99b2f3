package main

import (
	"bufio"
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/uclint/uclint/report"
)

// TestOutputWriteErrorNeverHidesAFailure: an --output file that cannot be written is reported on stderr, the
// other files are still written, a failed target still exits 1, and with nothing failed the run exits 4
// (report.ExitOutput), never 2, which says nothing was checked; under the nagios format, OK becomes UNKNOWN.
func TestOutputWriteErrorNeverHidesAFailure(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "x.json")
	for _, tc := range []struct {
		name  string
		args  []string
		want  int
		wrote bool
	}{
		{"a failed target", checkArgs("pool01-member-cn.pem"), report.ExitFailed, true},
		{"nothing failed", checkArgs("pool01.pem"), report.ExitOutput, true},
		{"nothing failed, a target unchecked", append(checkArgs("pool01.pem"), fixture("bad", "empty.pem")), report.ExitOutput, true},
		{"nagios OK", append(checkArgs("pool01.pem"), "--format", "nagios"), report.NagiosUnknown, true},
		{"nagios CRITICAL", append(checkArgs("pool01-member-cn.pem"), "--format", "nagios"), report.NagiosCritical, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			good := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".prom")
			code, out, errOut := uclint(t, append(tc.args, "--output", "json="+missing, "--output", "prometheus="+good)...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.want, out, errOut)
			}
			if !strings.Contains(errOut, "uclint: --output json="+missing) || !strings.Contains(errOut, "no such file or directory") {
				t.Errorf("stderr must name the file that could not be written and why: %q", errOut)
			}
			if _, err := os.Stat(good); err != nil {
				t.Errorf("the other --output file was not written: %v", err)
			}
			if out == "" {
				t.Error("the report must still be printed")
			}
		})
	}
}

// TestScanRefusesRoleFlagsWithConfig: scan refuses role flags beside --config exactly as check does, with the
// same message, instead of ignoring them.
func TestScanRefusesRoleFlagsWithConfig(t *testing.T) {
	config := fixture("deployments", "contoso.yaml")
	for _, flags := range [][]string{
		{"--role", "director"},
		{"--fqdn", "dir01.contoso.com"},
		{"--role", "director", "--fqdn", "dir01.contoso.com", "--client-logon"},
		{"--sip-domain", "contoso.com"},
		{"--product", "ocs2007r2"},
	} {
		checkCode, _, checkErr := uclint(t, append([]string{"check", "--config", config, "--server", "dir01", fixture("pki", "dir01.pem")}, flags...)...)
		scanCode, _, scanErr := uclint(t, append([]string{"scan", "--config", config, "--server", "dir01"}, flags...)...)
		if checkCode != report.ExitUsage || scanCode != report.ExitUsage {
			t.Fatalf("%v: check exit %d, scan exit %d, want 2 and 2\n%s\n%s", flags, checkCode, scanCode, checkErr, scanErr)
		}
		if checkErr != scanErr || !strings.Contains(scanErr, flags[0]) || !strings.Contains(scanErr, "give --server NAME instead") {
			t.Errorf("%v: check and scan must say the same:\ncheck: %s\nscan:  %s", flags, checkErr, scanErr)
		}
	}
}

// binDir holds the binary buildUclint builds; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildUclint builds the command into a temporary folder, for the tests that need a real process.
var buildUclint = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "uclint-bin-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "uclint")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

func uclintBinary(t *testing.T) string {
	t.Helper()
	bin, err := buildUclint()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// stallingServer accepts TCP connections on 127.0.0.1 and never answers: every probe of it waits for its timeout.
// accepted receives once per connection.
func stallingServer(t *testing.T) (addr string, accepted <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 16)
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			ch <- struct{}{}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String(), ch
}

// TestInterruptedScan: SIGTERM (systemd stopping the job, cron's timeout) or Ctrl-C in the middle of a scan ends
// it well before the --timeout of the endpoint it waits on (one endpoint at a time: the first is checked): the report of what was checked is printed with the
// endpoint not checked as an error, the --output files of the last complete run are left untouched, and the exit
// code is 128 + the signal's number (143, 130).
func TestInterruptedScan(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signals are sent differently on Windows")
	}
	bin := uclintBinary(t)
	d, _ := startSim(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			stall, accepted := stallingServer(t)
			dir := t.TempDir()
			last := filepath.Join(dir, "last.json")
			previous := []byte(`{"schema_version": 1, "targets": [], "summary": {}}` + "\n")
			if err := os.WriteFile(last, previous, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "scan", "--at", "2026-06-01T00:00:00Z", "--no-system-roots", "--timeout", "60s", "--concurrency", "1",
				"--format", "json", "--output", "json="+last, d.Endpoints[0].Address, stall)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-accepted:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("the scan never dialled the stalling endpoint")
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("uclint did not stop within 20 s of the signal (the endpoint's timeout is 60 s)")
			}
			t.Logf("%s: exited %v after the signal", tc.sig, time.Since(sent).Round(time.Millisecond))
			if code := cmd.ProcessState.ExitCode(); code != tc.want {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.want, stdout.String(), stderr.String())
			}
			r := decode(t, stdout.String())
			if r.Summary.Targets != 2 || r.Summary.Error != 1 || r.Targets[0].Certificate == nil {
				t.Fatalf("the report must hold the endpoint checked, with its certificate, and the one not checked: %+v", r.Targets)
			}
			for _, tg := range r.Targets {
				if tg.Address == stall && !strings.Contains(tg.Error, "canceled") && !strings.Contains(tg.Error, "interrupted") {
					t.Errorf("the endpoint not checked must say so: %q", tg.Error)
				}
			}
			if !strings.Contains(stderr.String(), "interrupted by") || !strings.Contains(stderr.String(), "left as the last complete run wrote them") {
				t.Errorf("stderr: %q", stderr.String())
			}
			if got, _ := os.ReadFile(last); !bytes.Equal(got, previous) {
				t.Errorf("the --output file was changed by an interrupted run:\n%s", got)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
}

// TestVersion: uclint version and --version print the build information of the binary; a binary built outside
// a git clone says its commit is unknown rather than printing nothing.
func TestVersion(t *testing.T) {
	code, out, _ := uclint(t, "version")
	if code != 0 || !strings.HasPrefix(out, "uclint ") || !strings.Contains(out, "\ngo: go1.") || !strings.Contains(out, "\ncommit: ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, short, _ := uclint(t, "--version")
	if code != 0 || !strings.HasPrefix(short, "uclint ") || strings.Count(short, "\n") != 1 || !strings.Contains(short, runtime.Version()) {
		t.Fatalf("--version: exit %d: %q", code, short)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Scan()
	if !strings.HasPrefix(short, sc.Text()+" (") {
		t.Errorf("--version %q and version %q disagree on the module version", short, sc.Text())
	}

	// What a release build records (internal/release's test checks a real one).
	v := versionOf(&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "arm64"}, {Key: "vcs.revision", Value: "1efff17c0b0c1d865fe5646b4b721d93035e97ba"},
		{Key: "vcs.time", Value: "2026-11-25T15:57:49Z"}, {Key: "vcs.modified", Value: "true"},
	}})
	if got, want := v.short(), "uclint v1.2.0 (commit 1efff17c0b0c+modified, 2026-11-25T15:57:49Z, go1.26.8, windows/arm64)"; got != want {
		t.Errorf("short: %q, want %q", got, want)
	}
	var b bytes.Buffer
	if err := v.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "uclint v1.2.0\ncommit: 1efff17c0b0c1d865fe5646b4b721d93035e97ba (with uncommitted changes)\ncommit date: 2026-11-25T15:57:49Z\ngo: go1.26.8\nplatform: windows/arm64\n"
	if b.String() != want {
		t.Errorf("version:\n%s\nwant:\n%s", b.String(), want)
	}
}
