// Package spill keeps large strings on disk instead of in memory: a build
// writes each chapter's rendered body to one scratch file as soon as it is
// made and reads it back when a page shows it, so the heap holds one body
// at a time, not the whole book.
//
// The file is removed from its folder as soon as it is created (where the
// system allows it), so nothing is left behind even when the build is
// killed; it is closed once nothing refers to the File any more.
package spill

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"unsafe"
)

// File is an append-only scratch file, safe for concurrent use.
type File struct {
	mu   sync.Mutex
	f    *os.File
	size int64
}

// New creates a scratch file in dir ("" for the system's temporary folder).
func New(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, ".workbook-spill-")
	if err != nil {
		return nil, fmt.Errorf("create a scratch file: %w", err)
	}
	name := f.Name()
	unlinked := os.Remove(name) == nil // fails on systems that keep open files
	s := &File{f: f}
	runtime.AddCleanup(s, func(f *os.File) {
		f.Close()
		if !unlinked {
			os.Remove(f.Name())
		}
	}, f)
	return s, nil
}

// Put appends text and returns where it was written.
func (s *File) Put(text string) (off int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	off = s.size
	n, err := s.f.WriteString(text)
	s.size += int64(n)
	if err != nil {
		return 0, fmt.Errorf("write the scratch file: %w", err)
	}
	return off, nil
}

// Get reads back n bytes written at off.
func (s *File) Get(off int64, n int) (string, error) {
	if n == 0 {
		return "", nil
	}
	buf := make([]byte, n)
	if _, err := s.f.ReadAt(buf, off); err != nil {
		return "", fmt.Errorf("read the scratch file: %w", err)
	}
	// buf is never written again: the string shares it rather than
	// copying a body that may be megabytes long.
	return unsafe.String(&buf[0], n), nil
}
