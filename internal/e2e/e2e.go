// Package e2e runs the real edge binary for end-to-end tests: it builds cmd/edge once per test
// process, starts `edge serve` as a child process on 127.0.0.1 with a free port, waits for its
// "Ready on" line and stops it with SIGTERM. Tests talk real HTTP to it.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Binary returns the path of an edge binary built from this checkout.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "edge-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "edge")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/edge")
		cmd.Dir = repoRoot()
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/edge: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// RepoRoot returns the repository root (for locating examples and fixtures).
func RepoRoot() string { return repoRoot() }

// lockedBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Node is a running `edge serve`.
type Node struct {
	URL    string
	cmd    *exec.Cmd
	stdout lockedBuffer
	stderr lockedBuffer
	exited chan error
	once   sync.Once
	err    error
}

var readyRE = regexp.MustCompile(`Ready on (http://\S+)`)

// Serve starts `edge serve --ip 127.0.0.1 --port 0 args...` in dir and waits until it is ready.
// The node is stopped when the test ends.
func Serve(t testing.TB, dir string, args ...string) *Node {
	t.Helper()
	bin := Binary(t)
	full := append([]string{"serve", "--ip", "127.0.0.1", "--port", "0"}, args...)
	cmd := exec.Command(bin, full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	n := &Node{cmd: cmd, exited: make(chan error, 1)}
	pr, pw := io.Pipe()
	cmd.Stdout = io.MultiWriter(&n.stdout, pw)
	cmd.Stderr = &n.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start edge: %v", err)
	}
	go func() {
		err := cmd.Wait()
		pw.Close()
		n.exited <- err
	}()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := readyRE.FindStringSubmatch(sc.Text()); m != nil {
				ready <- m[1]
				break
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case url := <-ready:
		n.URL = url
	case err := <-n.exited:
		n.exited <- err
		t.Fatalf("edge serve exited before ready: %v\nstdout:\n%s\nstderr:\n%s", err, n.stdout.String(), n.stderr.String())
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("edge serve not ready after 60s\nstdout:\n%s\nstderr:\n%s", n.stdout.String(), n.stderr.String())
	}
	t.Cleanup(func() {
		if err := n.Stop(); err != nil {
			t.Errorf("edge serve did not stop cleanly: %v\nstderr:\n%s", err, n.Stderr())
		}
	})
	return n
}

// Stop sends SIGTERM and waits for a clean exit (at most 30 s, then SIGKILL).
func (n *Node) Stop() error {
	n.once.Do(func() {
		_ = n.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case n.err = <-n.exited:
		case <-time.After(30 * time.Second):
			_ = n.cmd.Process.Kill()
			n.err = fmt.Errorf("killed after 30s: %v", <-n.exited)
		}
	})
	return n.err
}

// Kill ends the node with SIGKILL (a crash: nothing is flushed) and waits for it to exit.
func (n *Node) Kill() {
	n.once.Do(func() {
		_ = n.cmd.Process.Kill()
		<-n.exited
	})
}

// Signal sends sig to the node (SIGSTOP and SIGCONT simulate a hung process).
func (n *Node) Signal(sig os.Signal) error { return n.cmd.Process.Signal(sig) }

// Stdout and Stderr return what the node printed so far.
func (n *Node) Stdout() string { return n.stdout.String() }
func (n *Node) Stderr() string { return n.stderr.String() }

// WaitLog waits until stderr contains s.
func (n *Node) WaitLog(t testing.TB, s string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(n.Stderr(), s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("log line %q not seen within %v; stderr:\n%s", s, timeout, n.Stderr())
}

// Run runs an edge command to completion (e.g. `edge kv bulk put …`).
func Run(t testing.TB, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, Binary(t), args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			t.Fatalf("run edge %v: %v", args, err)
		}
	}
	return o.String(), e.String(), code
}

// CopyDir copies an example project into a temp dir so tests never write into the repo.
func CopyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() && (info.Name() == ".edge" || info.Name() == ".wrangler") {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
