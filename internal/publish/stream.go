package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path"
	"path/filepath"
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
	if pw.f == nil {
		return o.Write(p, buf.Bytes())
	}
	return pw.finish()
}

// pageWriter collects a page and, once it is large, streams it to disk.
type pageWriter struct {
	o    *Output
	p    string
	buf  *bytes.Buffer
	f    *os.File
	w    *bufio.Writer
	sum  hash.Hash
	size int64
	err  error
}

func (pw *pageWriter) Write(b []byte) (int, error) {
	if pw.err != nil {
		return 0, pw.err
	}
	pw.buf.Write(b)
	if pw.buf.Len() >= 2*chunkSize && pw.o.tmp != "" {
		pw.err = pw.spill(false)
	}
	return len(b), pw.err
}

// spill minifies and writes the buffer up to its last safe cut (all of it
// at the end of the page) and keeps the rest.
func (pw *pageWriter) spill(last bool) error {
	if pw.f == nil {
		if err := pw.create(); err != nil {
			return err
		}
	}
	data := pw.buf.Bytes()
	cut := len(data)
	if !last && pw.o.min != nil {
		cut = lastSafeCut(data)
		if cut <= 0 {
			return nil // no safe place yet: keep collecting
		}
	}
	piece := data[:cut]
	if pw.o.min != nil && pw.o.min.handles(pw.p) {
		min, err := pw.o.min.minify(pw.p, piece)
		if err != nil {
			return fmt.Errorf("minify %s: %w", pw.p, err)
		}
		piece = min
	}
	pw.sum.Write(piece)
	pw.size += int64(len(piece))
	if _, err := pw.w.Write(piece); err != nil {
		return err
	}
	rest := data[cut:]
	n := copy(data, rest)
	pw.buf.Truncate(n)
	return nil
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
	pw.f, pw.w, pw.sum = f, bufio.NewWriterSize(f, 256<<10), sha256.New()
	pw.o.mu.Lock()
	pw.o.dirs[path.Dir(pw.p)] = true
	pw.o.written[pw.p] = true
	pw.o.mu.Unlock()
	return nil
}

func (pw *pageWriter) finish() error {
	err := pw.spill(true)
	if err == nil {
		err = pw.w.Flush()
	}
	if cerr := pw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return pw.o.record(Entry{Path: pw.p, Hash: hex.EncodeToString(pw.sum.Sum(nil)), Size: pw.size})
}

func (pw *pageWriter) abort() {
	if pw.f != nil {
		pw.f.Close()
		os.Remove(pw.f.Name())
	}
}

// blockTags start elements before which a minifier drops whitespace
// anyway, so the page can be cut there and its pieces minified alone.
var blockTags = [][]byte{
	[]byte("<section"), []byte("<article"), []byte("<div"), []byte("<h2"), []byte("<h3"),
	[]byte("<p>"), []byte("<p "), []byte("<ol"), []byte("<ul"), []byte("<table"), []byte("<pre"),
}

// lastSafeCut returns the offset of the last block-level start tag in
// data that stands in text: not inside a tag, a comment, or the contents
// of pre, textarea, script or style. It returns 0 when there is none.
func lastSafeCut(data []byte) int {
	cut := 0
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
				return cut
			}
			i += end + 2
		default:
			for _, t := range [...]string{"pre", "textarea", "script", "style"} {
				if hasPrefixFold(rest[1:], []byte(t)) && len(rest) > len(t)+1 && (rest[len(t)+1] == '>' || rest[len(t)+1] == ' ') {
					if i > 0 && t == "pre" {
						cut = i
					}
					raw = []byte("</" + t)
				}
			}
			if raw == nil {
				for _, b := range blockTags {
					if bytes.HasPrefix(rest, b) && i > 0 {
						cut = i
					}
				}
			}
			end := tagEnd(rest)
			if end < 0 {
				return cut
			}
			i += end
		}
	}
	return cut
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
