package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// A store opened on a directory also keeps byte values on disk, so the
// next build (another process) finds them. The directory holds one
// append-only file of records: a 32-byte key, an 8-byte length, a CRC-32C
// of the bytes, the bytes. A cut-off last record (a build killed while
// writing) is dropped when the file is opened, a record whose bytes do not
// match their checksum is a miss, and two builds sharing the folder take
// turns (a lock on the file); deleting the directory is always safe.
const packName = "entries.pack"

// indexName is the file where Close lists the records, so the next build
// need not read every record's header (60,000 reads for 10,000 chapters):
// "workbook-index 1", the size of the pack it covers, then a key, an
// offset and a length per record. Records past what it covers (a build
// that did not get to Close) are found by reading their headers, and an
// index that covers more than the pack is ignored.
const indexName = "entries.index"

var indexMagic = []byte("workbook-index 1")

// indexEntry is the size of a record's key, offset and length in the list.
const indexEntry = len(Key{}) + 16

// packHeader is the size of a record's key, length and checksum.
const packHeader = len(Key{}) + 8 + 4

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// disk is the on-disk half of a Store.
type disk struct {
	dir   string
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	end   int64            // where the next record goes
	index map[Key][2]int64 // offset and length of each value
	used  int64            // bytes of records this build used or added

	indexed int64 // how much of the pack entries.index covered when opened
}

// Open returns a store whose byte values (PutBytes) are also written to
// dir and read back by the next build that opens it.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, packName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock the build cache %s: %w", dir, err)
	}
	d := &disk{dir: dir, f: f, index: map[Key][2]int64{}}
	d.readIndex()
	if err := d.scan(); err != nil {
		f.Close()
		return nil, fmt.Errorf("read the build cache %s: %w (delete the folder to start afresh)", dir, err)
	}
	d.w = bufio.NewWriterSize(io.NewOffsetWriter(f, d.end), 256<<10)
	s := New()
	s.disk = d
	return s, nil
}

// readIndex reads entries.index, if it is there and fits the pack.
func (d *disk) readIndex() {
	b, err := os.ReadFile(filepath.Join(d.dir, indexName))
	st, serr := d.f.Stat()
	if err != nil || serr != nil || !bytes.HasPrefix(b, indexMagic) || len(b) < len(indexMagic)+8 {
		return
	}
	b = b[len(indexMagic):]
	covered := int64(binary.LittleEndian.Uint64(b))
	b = b[8:]
	if covered > st.Size() || len(b)%indexEntry != 0 {
		return
	}
	index := make(map[Key][2]int64, len(b)/indexEntry)
	for ; len(b) > 0; b = b[indexEntry:] {
		var k Key
		copy(k[:], b)
		off := int64(binary.LittleEndian.Uint64(b[len(k):]))
		n := int64(binary.LittleEndian.Uint64(b[len(k)+8:]))
		if off < int64(packHeader) || n < 0 || off+n > covered {
			return
		}
		index[k] = [2]int64{off, n}
	}
	d.index, d.end, d.indexed = index, covered, covered
}

// writeIndex writes entries.index for the next build, when the pack grew.
func (d *disk) writeIndex() error {
	if d.end == d.indexed {
		return nil
	}
	b := make([]byte, 0, len(indexMagic)+8+indexEntry*len(d.index))
	b = append(b, indexMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(d.end))
	for k, at := range d.index {
		b = append(b, k[:]...)
		b = binary.LittleEndian.AppendUint64(b, uint64(at[0]))
		b = binary.LittleEndian.AppendUint64(b, uint64(at[1]))
	}
	return replaceFile(filepath.Join(d.dir, indexName), b)
}

// scan indexes the records of the file past what entries.index listed,
// reading only their headers.
func (d *disk) scan() error {
	st, err := d.f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	var h [packHeader]byte
	for d.end+int64(packHeader) <= size {
		if _, err := d.f.ReadAt(h[:], d.end); err != nil {
			return err
		}
		var k Key
		copy(k[:], h[:])
		n := int64(binary.LittleEndian.Uint64(h[len(k):]))
		if n < 0 || d.end+int64(packHeader)+n > size {
			break
		}
		d.index[k] = [2]int64{d.end + int64(packHeader), n}
		d.end += int64(packHeader) + n
	}
	if d.end != size {
		return d.f.Truncate(d.end)
	}
	return nil
}

// GetBytes returns the bytes stored under k by this process or, for a
// store opened on a directory, by an earlier build.
func (s *Store) GetBytes(k Key) ([]byte, bool) {
	if v, ok := s.Get(k); ok {
		b, isBytes := v.([]byte)
		return b, isBytes
	}
	if s == nil || s.disk == nil {
		return nil, false
	}
	return s.disk.get(k)
}

// PutBytes stores b under k; a store opened on a directory writes it there
// instead of keeping it in memory, so a build's memory does not grow with
// its cache.
func (s *Store) PutBytes(k Key, b []byte) {
	if s == nil {
		return
	}
	if s.disk == nil {
		s.Put(k, b)
		return
	}
	s.disk.put(k, b)
}

// Locate returns where the bytes stored under k lie in the cache's file,
// for Get to read them when they are needed: a build that may never need
// a value (a chapter body whose pages did not change) keeps its place
// rather than its bytes. A store in memory finds nothing.
func (s *Store) Locate(k Key) (off int64, n int, ok bool) {
	if s == nil || s.disk == nil {
		return 0, 0, false
	}
	return s.disk.locate(k)
}

// locate returns where the record k lies, flushing the write buffer when
// it is still there, and counts it as used by this build.
func (d *disk) locate(k Key) (off int64, n int, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	at, ok := d.index[k]
	if ok && at[0]+at[1] > d.end-int64(d.w.Buffered()) {
		ok = d.w.Flush() == nil // the record is still in the write buffer
	}
	if ok {
		d.used += at[1] + int64(packHeader)
	}
	return at[0], int(at[1]), ok
}

// Records returns how many records a store opened on a directory holds,
// 0 for a store in memory: a store with none is a cold build's.
func (s *Store) Records() int {
	if s == nil || s.disk == nil {
		return 0
	}
	s.disk.mu.Lock()
	defer s.disk.mu.Unlock()
	return len(s.disk.index)
}

// Located reads back what Locate found (it is a book.Store); nil for a
// store in memory.
func (s *Store) Located() *Located {
	if s == nil || s.disk == nil {
		return nil
	}
	return &Located{s.disk}
}

// Located reads the cache's file.
type Located struct{ d *disk }

// Get reads back the n bytes Locate found at off, checking them against
// their checksum.
func (l *Located) Get(off int64, n int) (string, error) {
	if n == 0 {
		return "", nil
	}
	b, err := l.d.read(off, n)
	if err != nil {
		return "", err
	}
	// b is never written again: the string shares it.
	return unsafe.String(&b[0], n), nil
}

func (d *disk) get(k Key) ([]byte, bool) {
	off, n, ok := d.locate(k)
	if !ok {
		return nil, false
	}
	b, err := d.read(off, n)
	return b, err == nil
}

// read returns a copy of the n bytes of the record at off, checked against
// their checksum.
func (d *disk) read(off int64, n int) ([]byte, error) {
	b := make([]byte, n+4)
	if _, err := d.f.ReadAt(b, off-4); err != nil {
		return nil, fmt.Errorf("read the build cache %s: %w (delete the folder to start afresh)", d.dir, err)
	}
	if crc32.Checksum(b[4:], crcTable) != binary.LittleEndian.Uint32(b) {
		return nil, fmt.Errorf("the build cache %s is damaged: delete the folder and build again", d.dir)
	}
	return b[4:], nil
}

func (d *disk) put(k Key, b []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, dup := d.index[k]; dup {
		return
	}
	var h [packHeader]byte
	copy(h[:], k[:])
	binary.LittleEndian.PutUint64(h[len(k):], uint64(len(b)))
	binary.LittleEndian.PutUint32(h[len(k)+8:], crc32.Checksum(b, crcTable))
	if _, err := d.w.Write(h[:]); err != nil {
		return
	}
	if _, err := d.w.Write(b); err != nil {
		return
	}
	d.index[k] = [2]int64{d.end + int64(packHeader), int64(len(b))}
	d.end += int64(packHeader) + int64(len(b))
	d.used += int64(packHeader) + int64(len(b))
}

// Close writes what is buffered to disk. When most of the file is records
// this build did not use (old versions of edited chapters), the file is
// dropped so the next build starts small; the next cold build refills it.
func (s *Store) Close() error {
	if s == nil || s.disk == nil {
		return nil
	}
	d := s.disk
	d.mu.Lock()
	defer d.mu.Unlock()
	err := d.w.Flush()
	if d.used*4 < d.end && d.end > 64<<20 {
		err = errors.Join(err, d.f.Truncate(0))
		os.Remove(filepath.Join(d.dir, indexName))
	} else if err == nil {
		err = d.writeIndex()
	}
	return errors.Join(err, d.f.Close())
}
