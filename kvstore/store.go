package kvstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

const (
	// lockTimeout bounds how long Open waits for another holder of the file.
	lockTimeout = time.Second
	// defaultSweepInterval applies when Options.SweepInterval is zero.
	defaultSweepInterval = time.Minute
)

// Options configures Open. The zero value is the production setting.
type Options struct {
	NoSync        bool             // tests only: skip fsync (a crash may lose or corrupt data)
	Now           func() time.Time // clock for expiry; nil = time.Now
	SweepInterval time.Duration    // background sweep of expired keys; 0 = 1 minute; <0 disables
}

// Store is a set of KV namespaces in one bbolt file. It is safe for
// concurrent use by multiple goroutines.
type Store struct {
	db        *bolt.DB
	path      string
	now       func() time.Time
	writes    committer
	names     sync.Map // namespace id → *bucketNames
	repl      replicator
	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error

	stopSweep context.CancelFunc
	sweeper   sync.WaitGroup
}

// bucketNames caches a namespace's two bucket names so the read path does not
// build them on every call.
type bucketNames struct {
	data, expiry, ahead []byte
}

// Open opens or creates the store in the bbolt file at path, creating parent
// directories (0o755) and the file (0o644) as needed. If another process, or
// another Store in this process, has the file open, Open fails after a second
// with an error wrapping ErrLocked:
// "kvstore: open PATH: database is locked by another process".
func Open(path string, opts Options) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("kvstore: open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:      lockTimeout,
		NoSync:       opts.NoSync,
		FreelistType: bolt.FreelistMapType,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("kvstore: open %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("kvstore: open %s: %w", path, err)
	}
	if err := db.Update(initFormat); err != nil {
		db.Close()
		return nil, fmt.Errorf("kvstore: open %s: %w", path, err)
	}

	s := &Store{db: db, path: path, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	s.writes.db = db

	ctx, cancel := context.WithCancel(context.Background())
	s.stopSweep = cancel
	interval := opts.SweepInterval
	if interval == 0 {
		interval = defaultSweepInterval
	}
	if interval > 0 {
		s.sweeper.Add(1)
		go s.sweepLoop(ctx, interval)
	}
	return s, nil
}

// initFormat stamps a new file with the format version, or refuses a file
// written by an incompatible version.
func initFormat(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists([]byte(metaBucket))
	if err != nil {
		return err
	}
	switch v := b.Get([]byte(metaFormatKey)); {
	case v == nil:
		return b.Put([]byte(metaFormatKey), []byte(formatVersion))
	case string(v) != formatVersion:
		return fmt.Errorf("unsupported on-disk format %q (this build reads %q)", v, formatVersion)
	}
	return nil
}

// Close stops the background sweeper, waits for operations in flight and
// closes the file. Calling it again does nothing and returns nil.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		s.stopSweep()
		s.sweeper.Wait()
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

// Path returns the path of the bbolt file.
func (s *Store) Path() string { return s.path }

// Namespaces lists the ids of the namespaces that exist, in byte order. A
// namespace exists from its first write until DeleteNamespace, even when
// it holds no keys.
func (s *Store) Namespaces() ([]string, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Cursor()
		for k, _ := c.Seek([]byte(dataPrefix)); k != nil && bytes.HasPrefix(k, []byte(dataPrefix)); k, _ = c.Next() {
			ids = append(ids, string(k[len(dataPrefix):]))
		}
		return nil
	})
	return ids, s.storeErr(err)
}

// DeleteNamespace removes a namespace, its title and all its keys. A
// namespace that does not exist is deleted already: that is success. A
// replicated store refuses it with ErrReplicated.
func (s *Store) DeleteNamespace(ctx context.Context, ns string) error {
	names, err := s.begin(ctx, ns)
	if err != nil {
		return err
	}
	if s.replicator() != nil {
		return ErrReplicated
	}
	return s.storeErr(s.writes.write(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{names.data, names.expiry, names.ahead} {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
		}
		if state := tx.Bucket([]byte(appliedBucket)); state != nil {
			if err := state.Delete([]byte(ns)); err != nil {
				return err
			}
		}
		return deleteTitle(tx, ns)
	}, 0))
}

// begin is the common prologue of an operation on namespace ns.
func (s *Store) begin(ctx context.Context, ns string) (*bucketNames, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.bucketNames(ns)
}

func (s *Store) bucketNames(ns string) (*bucketNames, error) {
	if v, ok := s.names.Load(ns); ok {
		return v.(*bucketNames), nil
	}
	if ns == "" || len(ns) > maxNamespaceBytes {
		return nil, fmt.Errorf("%w %q: must be 1 to %d bytes", ErrNamespace, ns, maxNamespaceBytes)
	}
	v, _ := s.names.LoadOrStore(ns, &bucketNames{
		data:   []byte(dataPrefix + ns),
		expiry: []byte(expiryPrefix + ns),
		ahead:  []byte(aheadPrefix + ns),
	})
	return v.(*bucketNames), nil
}

// nowUnix is the current time in whole unix seconds (floored), the unit of
// every expiration.
func (s *Store) nowUnix() int64 {
	return s.now().Unix()
}

// storeErr translates bbolt's "not open" (a Close raced the operation) into
// ErrClosed and leaves every other error alone.
func (s *Store) storeErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}
