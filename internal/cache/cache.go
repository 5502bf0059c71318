// Package cache is the memo shared by the build stages: a content-addressed
// store where a key is the hash of everything that goes into a stage's
// result (a chapter's source, a page's rendered bytes, an asset's bytes)
// and the value is that result. A stage that finds its key skips its work;
// a changed input is a new key, so nothing is ever invalidated by hand.
//
// Values are []byte or small structs of plain exported fields (strings,
// numbers, slices of them), so a store can be written to disk with
// encoding/gob and read by the next build. A value that is not meant to
// outlive the process (a parsed syntax tree) is stored the same way and
// simply not saved.
//
// The preview server keeps one Store for its whole run; Sweep after each
// build drops what that build did not use, so memory stays proportional to
// one book.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sync"
)

// Key identifies a stage's inputs.
type Key [sha256.Size]byte

// Store is an in-memory memo, safe for concurrent use.
type Store struct {
	disk    *disk // nil for a store in memory only
	mu      sync.Mutex
	gen     uint64
	entries map[Key]entry
}

type entry struct {
	value any
	gen   uint64 // the build that last used it
}

// New returns an empty store.
func New() *Store { return &Store{entries: map[Key]entry{}} }

// Get returns the value stored under k. A nil store holds nothing.
func (s *Store) Get(k Key) (any, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[k]
	if ok && e.gen != s.gen {
		e.gen = s.gen
		s.entries[k] = e
	}
	return e.value, ok
}

// Put stores v under k. Putting into a nil store does nothing.
func (s *Store) Put(k Key, v any) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.entries[k] = entry{value: v, gen: s.gen}
	s.mu.Unlock()
}

// Persistent reports whether byte values outlive the process: a stage
// then stores its result as bytes (PutBytes) rather than as a value.
func (s *Store) Persistent() bool { return s != nil && s.disk != nil }

// InMemory reports whether s keeps values in memory only: the preview
// server's store, where a stage keeps whole results between builds.
func (s *Store) InMemory() bool { return s != nil && s.disk == nil }

// Dir returns the folder of a store opened on disk, "" for one in memory:
// a stage may keep a file of its own there.
func (s *Store) Dir() string {
	if !s.Persistent() {
		return ""
	}
	return s.disk.dir
}

// Len is the number of entries.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Sweep removes every entry not used (got or put) since the previous
// Sweep, and returns how many it removed. Call it after a build.
func (s *Store) Sweep() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, e := range s.entries {
		if e.gen != s.gen {
			delete(s.entries, k)
			n++
		}
	}
	s.gen++
	return n
}

// Hasher builds a Key from a stage's inputs. Each part is written with its
// length, so ("ab", "c") and ("a", "bc") are different keys.
type Hasher struct{ h hash.Hash }

// NewKey starts a key for the named stage; the name keeps stages that hash
// the same bytes (a page and its minified form) apart.
func NewKey(stage string) *Hasher {
	h := &Hasher{sha256.New()}
	return h.String(stage)
}

// Bytes adds a part.
func (h *Hasher) Bytes(b []byte) *Hasher {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
	h.h.Write(n[:])
	h.h.Write(b)
	return h
}

// String adds a part.
func (h *Hasher) String(s string) *Hasher { return h.Bytes([]byte(s)) }

// Bool adds a part.
func (h *Hasher) Bool(b bool) *Hasher {
	if b {
		return h.String("1")
	}
	return h.String("0")
}

// Key returns the key of everything added.
func (h *Hasher) Key() Key {
	var k Key
	h.h.Sum(k[:0])
	return k
}
