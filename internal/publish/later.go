package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"sync"
)

// later is a file whose bytes are made on first use.
type later struct {
	once sync.Once
	key  string // names the file's inputs, for Digest
	make func() (Prepared, error)
	err  error
}

// Later publishes at p a file that make produces when it is first read
// (File, Ready), when Settle is called, or on Commit to a directory. key names make's inputs: two
// builds with the same keys and hashes are the same site (see Digest).
//
// The preview server publishes the book-wide print pages this way, so an
// edit reloads the page being read before they are remade; the files are
// the same as if written at once.
func (o *Output) Later(p, key string, make func() (Prepared, error)) error {
	if err := checkPath(p); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.ents[p]; dup || o.later[p] != nil {
		return fmt.Errorf("two files would be written to %s", p)
	}
	o.later[p] = &later{key: key, make: make}
	return nil
}

// Ready makes the file p now if it was published with Later, and returns
// the error of making it.
func (o *Output) Ready(p string) error { return o.settle(p) }

// settle makes the file p if it was published with Later.
func (o *Output) settle(p string) error {
	o.mu.Lock()
	l := o.later[p]
	o.mu.Unlock()
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		f, err := l.make()
		if err == nil {
			o.mu.Lock()
			o.settling[p] = true
			o.mu.Unlock()
			err = o.WritePrepared(p, f)
		}
		l.err = err
	})
	return l.err
}

// Settle makes every file published with Later and returns the first
// error.
func (o *Output) Settle() error {
	o.mu.Lock()
	paths := make([]string, 0, len(o.later))
	for p := range o.later {
		paths = append(paths, p)
	}
	o.mu.Unlock()
	sort.Strings(paths)
	var first error
	for _, p := range paths {
		if err := o.settle(p); err != nil && first == nil {
			first = fmt.Errorf("%s: %w", p, err)
		}
	}
	return first
}

// Digest is a hash of the published files without making those published
// with Later: two outputs with equal digests are the same site.
func (o *Output) Digest() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	lines := make([]string, 0, len(o.ents)+len(o.later))
	for p, e := range o.ents {
		if o.later[p] == nil {
			lines = append(lines, p+" "+e.Hash)
		}
	}
	for p, l := range o.later {
		lines = append(lines, p+" later "+l.key)
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))
}
