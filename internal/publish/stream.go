package publish

import (
	"bufio"
	"bytes"
	"fmt"
	"hash"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// chunkSize is about the size past which a page being written is minified and
// written in pieces instead of held whole: the book printed on one page
// grows with the book (150 MB of HTML for 10,000 chapters).
var chunkSize = 1 << 20

// WriteFrom publishes at p what fill writes, like Write, using buf as
// scratch space. A page larger than a few megabytes is minified and
// written to disk in pieces, cut before block-level tags outside
// preformatted text, so its size does not add to the build's memory.
func (o *Output) WriteFrom(p string, buf *bytes.Buffer, fill func(w io.Writer) error) error {
	buf.Reset()
	pw := &pageWriter{o: o, p: p, buf: buf}
	if err := fill(pw); err != nil {
		pw.abort()
		return err
	}
	if pw.err != nil {
		pw.abort()
		return pw.err
	}
	if pw.f == nil && (buf.Len() < smallMarked || !o.pieces.in(buf.Bytes())) {
		return o.Write(p, buf.Bytes())
	}
	return pw.finish() // a page with many pieces goes to disk in pieces, too
}

// smallMarked is the size under which a page holding markers of pieces
// (a chapter's page) is put together in memory: its pieces are few.
const smallMarked = 64 << 10

// createOnce opens the page's file in the fresh directory, if not yet open.
func (pw *pageWriter) createOnce() error {
	if pw.f != nil {
		return nil
	}
	return pw.create()
}

// pageWriter collects a page and, once it is large, streams it to disk.
type pageWriter struct {
	o      *Output
	p      string
	buf    *bytes.Buffer
	f      *os.File
	w      *bufio.Writer
	sum    hash.Hash
	size   int64
	err    error
	piece  bytes.Buffer          // minified pieces on their way to the file
	wait   int                   // the buffer's size at which to try a cut again
	out    chan []byte           // to the goroutine that hashes and writes the file (sink)
	done   chan error            // its error, once out is closed
	failed atomic.Pointer[error] // its error, as soon as it has one
	marks  int                   // markers of pieces written since the last spill
}

// marksHeld is how many markers of pieces a page collects before it is
// written out: each holds a piece (a chapter's text) until then, and the
// markers alone are small.
const marksHeld = 64

func (pw *pageWriter) Write(b []byte) (int, error) {
	if pw.err != nil {
		return 0, pw.err
	}
	pw.buf.Write(b)
	if pw.o.pieces.in(b) {
		pw.marks++
	}
	if (pw.buf.Len() >= max(2*chunkSize, pw.wait) || pw.marks >= marksHeld) && pw.o.tmp != "" {
		pw.marks = 0
		pw.err = pw.spill(false)
	}
	return len(b), pw.err
}

// spill minifies and writes the buffer up to its last safe cut (all of it
// at the end of the page) and keeps the rest.
func (pw *pageWriter) spill(last bool) error {
	if err := pw.createOnce(); err != nil {
		return err
	}
	data := pw.buf.Bytes()
	if pw.o.piecewise(pw.p, pieceMin) {
		return pw.spillPieces(last)
	}
	cut := len(data)
	if !last && pw.o.min != nil {
		cut = lastSafeCut(data)
		if cut <= 0 {
			pw.wait = len(data) + chunkSize
			return nil // no safe place yet: keep collecting
		}
	}
	piece, emit := data[:cut], pw.emit // the buffer is reused: emit copies it
	if pw.o.min != nil && pw.o.min.handles(pw.p) {
		min, err := pw.o.min.minify(pw.p, piece)
		if err != nil {
			return fmt.Errorf("minify %s: %w", pw.p, err)
		}
		piece, emit = min, pw.emitOwned // a fresh slice: no copy needed
	}
	if err := emit(piece); err != nil {
		return err
	}
	rest := data[cut:]
	n := copy(data, rest)
	pw.buf.Truncate(n)
	return nil
}

// spillPieces minifies and writes the buffer in remembered pieces (see
// minifyMarked), up to its last marked cut (all of it at the end of the
// page), and keeps the rest.
func (pw *pageWriter) spillPieces(last bool) error {
	data := pw.buf.Bytes()
	pw.piece.Reset()
	used, err := pw.o.minifyMarked(&pw.piece, pw.emitOwned, pw.p, data, last)
	if err != nil {
		return err
	}
	if used == 0 {
		pw.wait = len(data) + chunkSize
		return nil // no place to cut yet: keep collecting
	}
	if err := pw.emit(pw.piece.Bytes()); err != nil {
		return err
	}
	n := copy(data, data[used:])
	pw.buf.Truncate(n)
	return nil
}

// emit writes minified bytes to the page's file, copying them: the
// caller reuses b.
func (pw *pageWriter) emit(b []byte) error {
	return pw.emitOwned(bytes.Clone(b))
}

// emitOwned writes bytes nobody changes afterwards (a kept piece) to the
// page's file. A goroutine of the page's own hashes and writes them, so
// the page goes on being made meanwhile: a large page's hash and write are
// off the path of the build's longest job.
func (pw *pageWriter) emitOwned(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if err := pw.failed.Load(); err != nil {
		return *err // the file failed: stop making the page
	}
	pw.size += int64(len(b))
	pw.out <- b
	return nil
}

// sink hashes and writes what emit sends until out is closed, then
// reports the first error on done.
func (pw *pageWriter) sink() {
	var err error
	for b := range pw.out {
		if err == nil {
			pw.sum.Write(b)
			if _, err = pw.w.Write(b); err != nil {
				pw.failed.Store(&err)
			}
		}
	}
	if err == nil {
		err = pw.w.Flush()
	}
	pw.done <- err
}

// stop ends the sink and returns its error.
func (pw *pageWriter) stop() error {
	close(pw.out)
	err := <-pw.done
	pw.w.Reset(nil)
	fileWriters.Put(pw.w)
	return err
}

func (pw *pageWriter) create() error {
	if err := checkPath(pw.p); err != nil {
		return err
	}
	full := filepath.Join(pw.o.tmp, filepath.FromSlash(pw.p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("two files would be written to %s: %w", pw.p, err)
	}
	pw.w = fileWriters.Get().(*bufio.Writer)
	pw.w.Reset(f)
	pw.f, pw.sum = f, newFileHash()
	pw.out, pw.done = make(chan []byte, 16), make(chan error, 1)
	go pw.sink()
	pw.o.mu.Lock()
	pw.o.dirs[path.Dir(pw.p)] = true
	pw.o.written[pw.p] = true
	pw.o.mu.Unlock()
	return nil
}

// fileWriters buffer pages on their way to disk; every page with pieces
// goes through one, so they are reused rather than made per page.
var fileWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 256<<10) }}

func (pw *pageWriter) finish() error {
	err := pw.spill(true)
	if serr := pw.stop(); err == nil {
		err = serr
	}
	if cerr := pw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return pw.o.record(Entry{Path: pw.p, Hash: hashString(pw.sum), Size: pw.size})
}

func (pw *pageWriter) abort() {
	if pw.f != nil {
		pw.stop()
		pw.f.Close()
		os.Remove(pw.f.Name())
	}
}

// blockTags start elements before which a minifier drops whitespace
// anyway, so the page can be cut there and its pieces minified alone.
var blockTags = [][]byte{
	[]byte("<section"), []byte("<article"), []byte("<div"), []byte("<h2"), []byte("<h3"),
	[]byte("<p>"), []byte("<p "), []byte("<ol"), []byte("<ul"), []byte("<table"), []byte("<pre"),
	[]byte("<li>"), []byte("<li "),
}

// lastSafeCut returns the offset of the last block-level start tag in
// data that stands in text: not inside a tag, a comment, or the contents
// of pre, textarea, script or style. It returns 0 when there is none.
func lastSafeCut(data []byte) int {
	cut := 0
	safeCuts(data, func(i int) { cut = i })
	return cut
}

// safeCuts calls yield with the offset of each block-level start tag in
// data that stands in text, in order, past the first byte. It reports
// whether data ends in text: not inside a tag, a comment, or the contents
// of pre, textarea, script or style.
func safeCuts(data []byte, yield func(int)) (inText bool) {
	var raw []byte // the closing tag that ends raw contents
	for i := 0; i < len(data); i++ {
		if data[i] != '<' {
			continue
		}
		rest := data[i:]
		switch {
		case raw != nil:
			if hasPrefixFold(rest, raw) {
				raw = nil
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 {
				return false
			}
			i += end + 2
		default:
			if i > 0 && isBlockStart(rest) {
				yield(i)
			}
			raw = rawEnd(rest)
			end := tagEnd(rest)
			if end < 0 {
				return false
			}
			i += end
		}
	}
	return raw == nil
}

// endsInText reports whether data, starting in text, ends there too.
func endsInText(data []byte) bool { return safeCuts(data, func(int) {}) }

// isBlockStart reports whether s starts with a block-level start tag
// (pre included).
func isBlockStart(s []byte) bool {
	for _, b := range blockTags {
		if bytes.HasPrefix(s, b) {
			return true
		}
	}
	return hasPrefixFold(s, []byte("<pre")) && len(s) > 4 && (s[4] == '>' || s[4] == ' ')
}

// rawEnd returns the closing tag that ends the contents of the element
// that starts s when they are raw text (pre, textarea, script, style),
// or nil.
func rawEnd(s []byte) []byte {
	for _, t := range [...]string{"pre", "textarea", "script", "style"} {
		if hasPrefixFold(s[1:], []byte(t)) && len(s) > len(t)+1 && (s[len(t)+1] == '>' || s[len(t)+1] == ' ') {
			return []byte("</" + t)
		}
	}
	return nil
}

// tagEnd returns the offset of the '>' that closes the tag at the start of
// s, skipping quoted attribute values, or -1.
func tagEnd(s []byte) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

func hasPrefixFold(s, prefix []byte) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], prefix)
}

var _ io.Writer = (*pageWriter)(nil)
