package conformance

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Runtime is one `edge serve` started per the runner's CLI contract:
//
//	edge serve --port P --ip 127.0.0.1 --persist-to DIR [--config FILE]... [--env NAME] [--test-scheduled]
//
// in the case folder, in its own process group, ready once the port accepts connections.
type Runtime struct {
	Base string // http://127.0.0.1:PORT
	Port int
	Cmd  string // the command line, for reports

	cmd    *exec.Cmd
	out    *tailBuffer
	exited chan struct{}
	err    error
}

// StartEdge starts bin for a run. persist must be an empty folder, new for the run.
func StartEdge(bin, caseDir, persist string, serve Serve, startup time.Duration) (*Runtime, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := append([]string{"serve", "--port", strconv.Itoa(port), "--ip", "127.0.0.1", "--persist-to", persist}, serve.Args()...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = caseDir
	cmd.Env = os.Environ()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &tailBuffer{max: 1 << 20}
	cmd.Stdout, cmd.Stderr = out, out
	rt := &Runtime{Base: fmt.Sprintf("http://127.0.0.1:%d", port), Port: port, cmd: cmd, out: out, exited: make(chan struct{}),
		Cmd: fmt.Sprintf("(cd %s && %s %s)", caseDir, filepath.Base(bin), strings.Join(args, " "))}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %v", bin, err)
	}
	go func() {
		rt.err = cmd.Wait()
		close(rt.exited)
	}()
	deadline := time.Now().Add(startup)
	for time.Now().Before(deadline) {
		select {
		case <-rt.exited:
			return nil, fmt.Errorf("edge exited early (%v)\n--- last output ---\n%s", rt.err, rt.Tail(30))
		default:
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return rt, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	rt.Stop()
	return nil, fmt.Errorf("edge not ready within %v\n--- last output ---\n%s", startup, rt.Tail(30))
}

// Stop sends SIGTERM to the process group, then SIGKILL after 5 s, and makes sure no member of
// the group survives. It returns an error if edge did not exit on SIGTERM.
func (rt *Runtime) Stop() error {
	pgid := rt.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	var err error
	select {
	case <-rt.exited:
	case <-time.After(5 * time.Second):
		err = fmt.Errorf("edge did not exit within 5s of SIGTERM")
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		select {
		case <-rt.exited:
		case <-time.After(3 * time.Second):
		}
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	return err
}

// Tail returns the last n lines edge printed.
func (rt *Runtime) Tail(n int) string {
	lines := strings.Split(strings.TrimRight(rt.out.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max/2:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
