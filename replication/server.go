package replication

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
)

// maxPayload is the embedded server's max_payload: a 25 MiB value plus its
// record header and metadata, rounded up. NATS's default is 1 MiB; every
// server and leaf of a cluster must use the same value.
const maxPayload = 32 << 20

// clusterName is the NATS cluster name of edge's embedded servers.
const clusterName = "edge"

// startServer starts the embedded nats-server of cfg and waits until it
// accepts connections. The node connects in process; the client listener is
// on a random loopback port only because nats-server starts routing after
// its accept loop (DontListen would keep routes down).
func startServer(cfg Config, log *slog.Logger) (*natsserver.Server, error) {
	opts := &natsserver.Options{
		ServerName: cfg.Node,
		Host:       "127.0.0.1",
		Port:       natsserver.RANDOM_PORT,
		NoSigs:     true,
		MaxPayload: maxPayload,
		JetStream:  cfg.Leaf == "",
		StoreDir:   filepath.Join(cfg.Dir, "jetstream"),
		// JetStream's default syncs every 2 minutes and acknowledges before
		// syncing, which loses acknowledged writes on power loss.
		SyncAlways:      true,
		JetStreamDomain: cfg.Domain,
	}
	if cfg.Listen != "" {
		host, port, err := splitHostPort(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("--cluster %q: %w", cfg.Listen, err)
		}
		opts.Cluster = natsserver.ClusterOpts{Name: clusterName, Host: host, Port: port, Advertise: cfg.Advertise}
		for _, p := range cfg.Peers {
			u, err := routeURL(p)
			if err != nil {
				return nil, fmt.Errorf("--peers %q: %w", p, err)
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	if cfg.LeafListen != "" {
		host, port, err := splitHostPort(cfg.LeafListen)
		if err != nil {
			return nil, fmt.Errorf("--leaf-listen %q: %w", cfg.LeafListen, err)
		}
		opts.LeafNode.Host, opts.LeafNode.Port = host, port
	}
	if cfg.Leaf != "" {
		u, err := url.Parse(cfg.Leaf)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("--leaf %q: want nats-leaf://HOST:PORT", cfg.Leaf)
		}
		opts.LeafNode.Remotes = []*natsserver.RemoteLeafOpts{{URLs: []*url.URL{u}}}
		opts.LeafNode.ReconnectInterval = time.Second
	}
	ns, err := natsserver.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS server: %w", err)
	}
	ns.SetLoggerV2(&natsLogger{log: log.With("component", "nats")}, false, false, false)
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("embedded NATS server not ready after 30s")
	}
	return ns, nil
}

func splitHostPort(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("invalid port %q", p)
	}
	return host, port, nil
}

// routeURL accepts HOST:PORT or nats-route://HOST:PORT.
func routeURL(s string) (*url.URL, error) {
	if !strings.Contains(s, "://") {
		s = "nats-route://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("want HOST:PORT")
	}
	return u, nil
}

// natsLogger sends the embedded server's log to slog: notices at debug
// level (cluster chatter), warnings and errors as such.
type natsLogger struct{ log *slog.Logger }

func (l *natsLogger) Noticef(format string, v ...any) { l.log.Debug(fmt.Sprintf(format, v...)) }
func (l *natsLogger) Warnf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	if strings.HasPrefix(msg, "Maximum payloads over") {
		l.log.Debug(msg) // maxPayload is deliberate: 25 MiB values
		return
	}
	l.log.Warn(msg)
}
func (l *natsLogger) Fatalf(format string, v ...any) { l.log.Error(fmt.Sprintf(format, v...)) }
func (l *natsLogger) Errorf(format string, v ...any) { l.log.Error(fmt.Sprintf(format, v...)) }
func (l *natsLogger) Debugf(format string, v ...any) { l.log.Debug(fmt.Sprintf(format, v...)) }
func (l *natsLogger) Tracef(format string, v ...any) {}
