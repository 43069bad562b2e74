package replication

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/edgeruntime/edge/kvstore"
)

// Config describes how a node joins the replicated KV. Exactly one of
// Listen (a core node of an embedded cluster), Leaf (an embedded leaf node)
// or NATSURL (an external NATS) is set.
type Config struct {
	Node       string   // server name, unique in the cluster
	Listen     string   // HOST:PORT the embedded server accepts routes on
	Peers      []string // seed routes, HOST:PORT (this node's own address may be among them)
	Advertise  string   // HOST:PORT other nodes dial for routes to this node, when not Listen (NAT, proxies)
	LeafListen string   // HOST:PORT accepting leaf nodes (a hub); "" = none
	Leaf       string   // nats-leaf://HOST:PORT of a hub: join as a leaf, without JetStream
	Domain     string   // JetStream domain: the hub's (set on the hub and on its leaves)
	NATSURL    string   // external NATS: nats://… (comma-separated URLs); no embedded server
	Dir        string   // data directory of the embedded server
	Replicas   int      // bucket replicas; 0 = up to 3, at most the number of cluster nodes
	// WriteTimeout bounds a write's wait for the quorum ack; 0 = 5 s.
	WriteTimeout time.Duration
	Logger       *slog.Logger
}

// Node is a running member of the replicated KV and the kvstore.Replicator
// of its Store.
type Node struct {
	cfg    Config
	store  *kvstore.Store
	log    *slog.Logger
	server *natsserver.Server // nil with an external NATS
	nc     *nats.Conn
	js     jetstream.JetStream
	// apiPrefix precedes "$KV.…" write subjects: "$JS.<domain>.API." when
	// the buckets live in another JetStream domain (a leaf's hub).
	apiPrefix string
	replicas  int
	wanted    []string // namespaces of the configuration, created at start

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	buckets map[string]jetstream.KeyValue // namespace id → its bucket
	feeds   map[string]*feed              // namespace id → its replica feed
}

const (
	bucketPrefix        = "edge-"
	defaultWriteTimeout = 5 * time.Second
	superviseEvery      = 2 * time.Second
	// limitMarkerTTL is how long the server keeps the marker of a key its
	// TTL removed, so watchers learn of the expiry. A node away for longer
	// still hides the key by the expiration in its record.
	limitMarkerTTL = time.Hour
)

// Start joins the replicated KV as cfg says, makes n the Replicator of
// store and starts the supervisor, which creates the buckets of namespaces
// (the configured ones) and feeds the store from every edge bucket. It does
// not wait for the cluster to form: until it has, reads serve the local
// replica and writes fail.
func Start(store *kvstore.Store, cfg Config, namespaces []string) (*Node, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = defaultWriteTimeout
	}
	n := &Node{
		cfg: cfg, store: store, log: cfg.Logger.With("component", "kv-replication"),
		wanted:  namespaces,
		buckets: map[string]jetstream.KeyValue{},
		feeds:   map[string]*feed{},
	}
	n.replicas = cfg.Replicas
	if n.replicas == 0 {
		n.replicas = min(3, len(cfg.Peers)+1)
	}
	url := nats.DefaultURL
	opts := []nats.Option{
		nats.Name("edge " + cfg.Node),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.ReconnectHandler(func(*nats.Conn) { n.kickFeeds() }),
	}
	if cfg.NATSURL != "" {
		url = cfg.NATSURL
	} else {
		ns, err := startServer(cfg, cfg.Logger)
		if err != nil {
			return nil, err
		}
		n.server = ns
		opts = append(opts, nats.InProcessServer(ns))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		n.shutdownServer()
		return nil, fmt.Errorf("KV replication: connect to NATS: %w", err)
	}
	n.nc = nc
	if cfg.Domain != "" && (cfg.Leaf != "" || cfg.NATSURL != "") {
		n.js, err = jetstream.NewWithDomain(nc, cfg.Domain)
		n.apiPrefix = "$JS." + cfg.Domain + ".API."
	} else {
		n.js, err = jetstream.New(nc)
	}
	if err != nil {
		nc.Close()
		n.shutdownServer()
		return nil, err
	}
	n.ctx, n.cancel = context.WithCancel(context.Background())
	store.SetReplicator(n)
	n.wg.Add(1)
	go n.supervise()
	return n, nil
}

// Close stops the feeds, closes the connection and shuts the embedded
// server down. The Store stays open (its owner closes it afterwards).
func (n *Node) Close() error {
	n.cancel()
	n.wg.Wait()
	n.nc.Close()
	n.shutdownServer()
	return nil
}

func (n *Node) shutdownServer() {
	if n.server != nil {
		n.server.Shutdown()
		n.server.WaitForShutdown()
	}
}

// Commit implements kvstore.Replicator: it publishes the change to the
// namespace's bucket and returns the revision once a quorum of the
// bucket's replicas has stored it.
func (n *Node) Commit(ctx context.Context, ns, key string, record []byte, expiration int64) (uint64, error) {
	op := "PUT"
	if record == nil {
		op = "DELETE"
	}
	ctx, cancel := context.WithTimeout(ctx, n.cfg.WriteTimeout)
	defer cancel()
	kv, err := n.bucket(ctx, ns, true)
	if err != nil {
		return 0, unavailable(op, err)
	}
	msg := &nats.Msg{
		Subject: n.apiPrefix + "$KV." + kv.Bucket() + "." + EncodeKey(key),
		Data:    record,
		Header:  nats.Header{},
	}
	popts := []jetstream.PublishOpt{jetstream.WithMsgID(nuid.Next())}
	if record == nil {
		msg.Header.Set("KV-Operation", "DEL")
	} else if expiration != 0 {
		ttl := time.Until(time.Unix(expiration, 0)).Truncate(time.Second) + time.Second
		popts = append(popts, jetstream.WithMsgTTL(max(ttl, time.Second)))
	}
	ack, err := n.js.PublishMsg(ctx, msg, popts...)
	if err != nil {
		return 0, unavailable(op, err)
	}
	return ack.Sequence, nil
}

// unavailable is the KV error of a write the cluster did not acknowledge:
// it may not have been committed (no quorum, partition, timeout).
//
// Deviation: Workers KV has no such message; edge reports the cause.
func unavailable(op string, err error) error {
	return &kvstore.Error{Op: op, Status: 503, Message: "Service Unavailable: the KV cluster did not acknowledge the write (" + err.Error() + ")"}
}

// bucket returns namespace ns's bucket, looking it up (or, when create,
// creating it) on first use, and makes sure its feed runs.
func (n *Node) bucket(ctx context.Context, ns string, create bool) (jetstream.KeyValue, error) {
	n.mu.Lock()
	kv := n.buckets[ns]
	n.mu.Unlock()
	if kv != nil {
		return kv, nil
	}
	name := BucketName(ns)
	kv, err := n.js.KeyValue(ctx, name)
	if errors.Is(err, jetstream.ErrBucketNotFound) && create {
		kv, err = n.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:         name,
			Description:    "edge KV namespace " + ns,
			History:        1,
			Replicas:       n.replicas,
			Storage:        jetstream.FileStorage,
			MaxValueSize:   kvstore.MaxValueBytes + kvstore.MaxMetadataBytes + 64,
			LimitMarkerTTL: limitMarkerTTL,
		})
		if errors.Is(err, jetstream.ErrBucketExists) { // another node won the race
			kv, err = n.js.KeyValue(ctx, name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", name, err)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if prev := n.buckets[ns]; prev != nil {
		return prev, nil
	}
	n.buckets[ns] = kv
	f := newFeed(n, ns, kv)
	n.feeds[ns] = f
	n.wg.Add(1)
	go f.run(n.ctx)
	return kv, nil
}

// supervise creates the configured namespaces' buckets, retrying until the
// cluster has formed, and picks up buckets that other nodes created.
func (n *Node) supervise() {
	defer n.wg.Done()
	t := time.NewTicker(superviseEvery)
	defer t.Stop()
	for {
		ctx, cancel := context.WithTimeout(n.ctx, superviseEvery)
		for _, ns := range n.wanted {
			if _, err := n.bucket(ctx, ns, true); err != nil && ctx.Err() == nil {
				n.log.Debug("KV bucket not ready", "namespace", ns, "error", err)
			}
		}
		names := n.js.KeyValueStoreNames(ctx)
		for name := range names.Name() {
			if ns, ok := NamespaceOf(name); ok {
				_, _ = n.bucket(ctx, ns, false)
			}
		}
		cancel()
		select {
		case <-n.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// kickFeeds makes every feed restart its watch (the connection came back).
func (n *Node) kickFeeds() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, f := range n.feeds {
		f.kick()
	}
}

// FeedStatus is one namespace's replica feed state.
type FeedStatus struct {
	Namespace string
	Applied   uint64 // the revision applied last
	CaughtUp  bool   // the watch has delivered everything that was in the bucket when it started
}

// Status returns the feeds' state, in no particular order.
func (n *Node) Status() []FeedStatus {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]FeedStatus, 0, len(n.feeds))
	for ns, f := range n.feeds {
		applied, _ := n.store.AppliedRevision(ns)
		out = append(out, FeedStatus{Namespace: ns, Applied: applied, CaughtUp: f.caughtUp.Load()})
	}
	return out
}

// EncodeKey is a Workers KV key as a NATS KV key: base64url without padding.
func EncodeKey(key string) string { return base64.RawURLEncoding.EncodeToString([]byte(key)) }

// DecodeKey inverts EncodeKey.
func DecodeKey(s string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return string(b), err
}

// BucketName is the bucket of namespace id: "edge-" + id with every byte
// outside [A-Za-z0-9-] written as "_XX".
func BucketName(id string) string {
	var b strings.Builder
	b.WriteString(bucketPrefix)
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02X", c)
		}
	}
	return b.String()
}

// NamespaceOf inverts BucketName; ok is false for a bucket that is not edge's.
func NamespaceOf(bucket string) (id string, ok bool) {
	s, found := strings.CutPrefix(bucket, bucketPrefix)
	if !found || s == "" {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '_' {
			b.WriteByte(s[i])
			continue
		}
		if i+3 > len(s) {
			return "", false
		}
		c, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		b.WriteByte(byte(c))
		i += 2
	}
	return b.String(), true
}
