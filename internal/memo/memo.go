// Package memo keeps the results of pure build steps in memory between the
// preview server's builds, keyed by a hash of their inputs: a chapter's
// bytes to its parse, a page's bytes to their minified form. A changed input
// is a new key, so nothing is ever invalidated by hand; Sweep after a build
// drops what that build did not use, so memory stays that of one book.
//
// A nil *Memo remembers nothing: Do then just calls its function, which is
// what `workbook build` does.
package memo

import (
	"encoding/binary"
	"sync"

	"github.com/zeebo/xxh3"
)

// Key is a hash of a step's inputs: XXH3's 128 bits, which no accident
// makes collide and which hashes the inputs of a 1,000-chapter book's
// rebuild (35 MB of Markdown and pages) in about 2 ms, where SHA-256 took
// over 20. No one gains by forging a collision in their own book.
type Key [16]byte

// Memo maps keys to results; it is safe for concurrent use.
type Memo struct {
	mu      sync.Mutex
	gen     uint64
	entries map[Key]entry
}

type entry struct {
	value any
	gen   uint64 // the build that last used it
}

// New returns an empty memo.
func New() *Memo { return &Memo{entries: map[Key]entry{}} }

// Do returns the result kept under k, or calls f and keeps what it returns
// (unless it fails). T must be the type kept under k by earlier calls.
func Do[T any](m *Memo, k Key, f func() (T, error)) (T, error) {
	if m == nil {
		return f()
	}
	m.mu.Lock()
	e, ok := m.entries[k]
	if ok {
		e.gen = m.gen
		m.entries[k] = e
	}
	m.mu.Unlock()
	if ok {
		return e.value.(T), nil
	}
	v, err := f()
	if err == nil {
		m.mu.Lock()
		m.entries[k] = entry{value: v, gen: m.gen}
		m.mu.Unlock()
	}
	return v, err
}

// Sweep drops every result the build since the last Sweep did not use and
// returns how many it dropped.
func (m *Memo) Sweep() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for k, e := range m.entries {
		if e.gen != m.gen {
			delete(m.entries, k)
			n++
		}
	}
	m.gen++
	return n
}

// KeyOf hashes the parts of a step's inputs, each with its length, so
// ("ab", "c") and ("a", "bc") are different keys. The first part names the
// step, which keeps steps that hash the same bytes apart.
func KeyOf(parts ...[]byte) Key {
	h := xxh3.New128()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return h.Sum128().Bytes()
}
