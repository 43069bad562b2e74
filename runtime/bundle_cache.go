package runtime

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// bundleCache keeps a built bundle in BundleOptions.CacheDir (`edge serve` uses bundle-cache
// in the state directory) so that a later start skips esbuild, the format scan and goja's
// class-field workaround, and only compiles the cached code.
//
// An entry is found by a key hashing edge's build (the executable's Go build ID, or its path,
// size and modification time where there is none, plus the module build info: a different
// edge binary — and so a different esbuild — never reuses an entry) and every bundle option
// (entry, directory, define, minify, module rules, compatibility date and flags). It is used
// only while a snapshot of the files the build depended on is unchanged, compared by content:
//
//   - every file the bundle was built from (esbuild's metafile inputs, node_modules included,
//     and the Text, Data and CompiledWasm files module rules loaded);
//   - in every directory from those files and from the project directory up to the root:
//     package.json, tsconfig.json and jsconfig.json (content, or that there is none), and the
//     names in node_modules (a package installed, removed or re-linked);
//   - the names (with file type and symlink target) in every directory that holds one of the
//     files, and in every directory between the project directory and such a file: a new
//     index.ts beside index.js, a new lib.js beside lib/, a node_modules created nearer.
//
// What it does not see, so an entry stays in use: a change in a directory esbuild looked in
// that holds none of the files and lies outside the project directory's tree (a tsconfig
// "paths" fallback elsewhere taking over), and directories named ".edge" (edge's own state,
// which is not imported from). A tsconfig.json or jsconfig.json with "extends" turns the
// cache off for that bundle, since the file it extends is not recorded.
//
// A bundle is not cached when anything the snapshot covers (a file, or an entry of a listed
// directory) was modified within 2 s before its build started or later: the change may have
// raced esbuild's reads. This relies on modification times following the clock: a file moved
// in or written during the build and given an older time would be missed.
//
// A cache file is written to a temporary name and renamed into place, and carries a CRC of its
// contents: a partial or damaged file is ignored (and rebuilt over).
type bundleCache struct {
	opts BundleOptions
	dir  string // the project directory, absolute
	path string // the entry's cache file; "" when the cache cannot be used
}

// cacheEntry is what a cache file holds.
type cacheEntry struct {
	Key string
	// Files and Dirs are the paths the snapshot covers (see bundleCache); Digest is its hash.
	Files, Dirs []string
	Digest      []byte

	Code     string
	Format   Format
	Warnings []Message
	Inputs   []string
	Wasm     map[string]string // CompiledWasm module key → its file
	Lowered  bool
}

const (
	cacheMagic      = "edge bundle cache 1\n"
	raceWindow      = 2 * time.Second // see store
	cacheMaxEntries = 16              // older files beyond this many are removed when one is written
)

func newBundleCache(opts BundleOptions) *bundleCache {
	dir, entry := opts.paths()
	key := opts
	key.Dir, key.Entry, key.CacheDir = dir, entry, ""
	raw, err := json.Marshal(struct {
		Build string
		Opts  BundleOptions
	}{buildStamp(), key})
	if err != nil {
		return &bundleCache{opts: opts, dir: dir}
	}
	sum := sha256.Sum256(raw)
	return &bundleCache{opts: opts, dir: dir, path: filepath.Join(opts.CacheDir, hex.EncodeToString(sum[:16])+".bundle")}
}

// load returns the cached script (not compiled), or nil when there is none or it is stale.
func (c *bundleCache) load() *Script {
	if c.path == "" {
		return nil
	}
	raw, err := os.ReadFile(c.path)
	if err != nil || len(raw) < len(cacheMagic)+4 || string(raw[:len(cacheMagic)]) != cacheMagic {
		return nil
	}
	raw = raw[len(cacheMagic):]
	if binary.BigEndian.Uint32(raw) != crc32.Checksum(raw[4:], castagnoli) {
		return nil
	}
	var e cacheEntry
	if gob.NewDecoder(bytes.NewReader(raw[4:])).Decode(&e) != nil || e.Key != filepath.Base(c.path) {
		return nil
	}
	digest, ok := snapshotDigest(e.Files, e.Dirs, time.Time{})
	if !ok || !bytes.Equal(digest, e.Digest) {
		return nil
	}
	s := &Script{Name: bundleName, Code: e.Code, Format: e.Format, Warnings: e.Warnings, Inputs: e.Inputs,
		LoweredClassFields: e.Lowered, files: e.Files, wasmPaths: e.Wasm}
	if len(e.Wasm) > 0 {
		s.WasmModules = make(map[string][]byte, len(e.Wasm))
		for k, p := range e.Wasm {
			if s.WasmModules[k], err = os.ReadFile(p); err != nil {
				return nil
			}
		}
	}
	return s
}

// store writes s, built from files as they were at started, to the cache; failing to is not an
// error (the next start builds again).
func (c *bundleCache) store(s *Script, started time.Time) {
	if c.path == "" || len(s.files) == 0 {
		return
	}
	dirs, ok := snapshotDirs(c.dir, s.files)
	if !ok {
		return
	}
	// The snapshot is taken after the build: anything modified since shortly before it started
	// (filesystem timestamps can be as coarse as 2 s) may have changed while esbuild read it,
	// so the bundle is not cached.
	digest, ok := snapshotDigest(s.files, dirs, started.Add(-raceWindow))
	if !ok {
		return
	}
	e := cacheEntry{Key: filepath.Base(c.path), Files: s.files, Dirs: dirs, Digest: digest,
		Code: s.Code, Format: s.Format, Warnings: s.Warnings, Inputs: s.Inputs, Wasm: s.wasmPaths, Lowered: s.LoweredClassFields}
	var payload bytes.Buffer
	if gob.NewEncoder(&payload).Encode(&e) != nil {
		return
	}
	var out bytes.Buffer
	out.WriteString(cacheMagic)
	_ = binary.Write(&out, binary.BigEndian, crc32.Checksum(payload.Bytes(), castagnoli))
	out.Write(payload.Bytes())
	if os.MkdirAll(c.opts.CacheDir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.opts.CacheDir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(out.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path) != nil {
		os.Remove(tmp.Name())
		return
	}
	pruneCache(c.opts.CacheDir)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// pruneCache removes all but the cacheMaxEntries most recently written cache files.
func pruneCache(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type file struct {
		path string
		mod  int64
	}
	var files []file
	for _, e := range ents {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".bundle") {
			files = append(files, file{filepath.Join(dir, e.Name()), info.ModTime().UnixNano()})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].mod > files[j].mod })
	for i := cacheMaxEntries; i < len(files); i++ {
		os.Remove(files[i].path)
	}
}

// Names of the files whose content decides how esbuild resolves and compiles, wherever they are.
var resolutionFiles = []string{"package.json", "tsconfig.json", "jsconfig.json"}

// snapshotDirs lists the directories whose entries the snapshot records (see bundleCache):
// "dir" entries are listed with all their names; "dir/" entries are ancestors above the
// project directory, whose resolution files and node_modules names are recorded. ok is false
// when the cache cannot be used for these files (a tsconfig that extends another).
func snapshotDirs(projectDir string, files []string) (dirs []string, ok bool) {
	set := map[string]bool{} // dir → its names are listed
	inProject := func(d string) bool {
		rel, err := filepath.Rel(projectDir, d)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	walk := func(d string, listed bool) {
		for {
			set[d] = set[d] || listed || inProject(d)
			parent := filepath.Dir(d)
			if parent == d {
				return
			}
			d, listed = parent, false
		}
	}
	for _, f := range files {
		walk(filepath.Dir(f), true)
	}
	walk(projectDir, false)
	for d, full := range set {
		if full {
			dirs = append(dirs, d)
		} else {
			dirs = append(dirs, d+string(filepath.Separator))
		}
		for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
			if raw, err := os.ReadFile(filepath.Join(d, name)); err == nil && bytes.Contains(raw, []byte(`"extends"`)) {
				return nil, false
			}
		}
	}
	sort.Strings(dirs)
	return dirs, true
}

// snapshotDigest hashes the content of files and the recorded parts of dirs (see
// snapshotDirs). ok is false when a file cannot be read, or when something hashed was modified
// after notAfter (when it is not zero).
func snapshotDigest(files, dirs []string, notAfter time.Time) (digest []byte, ok bool) {
	h := sha256.New()
	times := !notAfter.IsZero()
	recent := false
	see := func(t time.Time) { recent = recent || times && t.After(notAfter) }
	for _, f := range files {
		fmt.Fprintf(h, "file %q\n", f)
		mod, ok := hashFile(h, f)
		if see(mod); !ok || recent {
			return nil, false
		}
	}
	for _, d := range dirs {
		if strings.HasSuffix(d, string(filepath.Separator)) {
			d = filepath.Clean(d)
		} else {
			fmt.Fprintf(h, "list %q\n", d)
			see(hashNames(h, d, true, times))
		}
		for _, name := range resolutionFiles {
			p := filepath.Join(d, name)
			fmt.Fprintf(h, "resolution file %q\n", p)
			mod, _ := hashFile(h, p)
			see(mod)
		}
		fmt.Fprintf(h, "node_modules %q\n", d)
		see(hashNames(h, filepath.Join(d, "node_modules"), false, times))
	}
	if recent {
		return nil, false
	}
	return h.Sum(nil), true
}

// hashFile writes f's content, or that it is missing, to h, and returns its modification
// time, taken after the read (so that a write racing the read shows); ok is false when it is
// missing.
func hashFile(h hash.Hash, f string) (mod time.Time, ok bool) {
	file, err := os.Open(f)
	if err != nil {
		fmt.Fprintf(h, "missing\n")
		return time.Time{}, false
	}
	defer file.Close()
	n, err := io.Copy(h, file)
	if st, err := file.Stat(); err == nil {
		mod = st.ModTime()
	}
	fmt.Fprintf(h, "\n%d bytes, error %v\n", n, err)
	return mod, err == nil
}

// hashNames writes the names in dir, with their types and symlink targets, to h (or that it
// cannot be read). inProject leaves out a directory named .edge (edge's own state); times
// returns the newest modification time of the entries (but .edge's, and in node_modules those
// of dot-names such as .cache or .bin, which tools rewrite and resolution does not read).
func hashNames(h hash.Hash, dir string, inProject, times bool) (newest time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintf(h, "unreadable\n")
		return time.Time{}
	}
	for _, e := range ents {
		if inProject && e.Name() == ".edge" && e.IsDir() {
			continue
		}
		target := ""
		if e.Type()&os.ModeSymlink != 0 {
			target, _ = os.Readlink(filepath.Join(dir, e.Name()))
		}
		fmt.Fprintf(h, "%q %v %q\n", e.Name(), e.Type(), target)
		if times && (inProject || !strings.HasPrefix(e.Name(), ".")) {
			if info, err := e.Info(); err == nil && info.ModTime().After(newest) {
				newest = info.ModTime()
			}
		}
	}
	return newest
}

// buildStamp identifies the running edge binary (see bundleCache).
var buildStamp = sync.OnceValue(func() string {
	var stamp strings.Builder
	if info, ok := debug.ReadBuildInfo(); ok {
		stamp.WriteString(info.String())
	}
	exe, err := os.Executable()
	if err != nil {
		return stamp.String()
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if note, err := sec.Data(); err == nil {
				stamp.WriteString("\ngo build id note: ")
				stamp.Write(note)
				return stamp.String()
			}
		}
	}
	if st, err := os.Stat(exe); err == nil {
		fmt.Fprintf(&stamp, "\nexecutable %s, %d bytes, modified %d", exe, st.Size(), st.ModTime().UnixNano())
	}
	return stamp.String()
})
