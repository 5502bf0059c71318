package publish

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"path"

	"github.com/workbook-press/workbook/internal/cache"
)

// A large HTML page (the home, the print pages) shows every chapter, so
// each edit renders it again, though most of it is as before. With the
// build cache on disk such a page is minified in pieces, cut at safe
// places (see safeCuts) chosen by the bytes that follow them, so the same
// text is cut the same way wherever it stands on the page; each piece's
// minified bytes are remembered under a hash of its unminified bytes, and
// only the pieces an edit touched are minified again. The result is the
// same as minifying the whole page.

// pieceMin is the size past which a page is minified in remembered pieces.
const pieceMin = 128 << 10

// markWindow is how many bytes after a safe cut decide whether the page is
// cut there; about one safe cut in markEvery is.
const (
	markWindow = 48
	markEvery  = 64
)

// piecewise reports whether the page at p, of size n, is minified in
// remembered pieces.
func (o *Output) piecewise(p string, n int) bool {
	return n >= pieceMin && o.memo.Persistent() && o.min != nil && o.min.byExt[path.Ext(p)] == "text/html"
}

// markedCuts returns the offsets at which data is cut into pieces: the
// safe cuts followed by markWindow bytes whose hash is a multiple of
// markEvery.
func markedCuts(data []byte) []int {
	var cuts []int
	safeCuts(data, func(i int) {
		if i+markWindow > len(data) {
			return
		}
		h := fnv.New32a()
		h.Write(data[i : i+markWindow])
		if h.Sum32()%markEvery == 0 {
			cuts = append(cuts, i)
		}
	})
	return cuts
}

// minifyPieces appends data minified to buf, cut at cuts (offsets in
// data, increasing), each piece looked up in the build cache first.
func (o *Output) minifyPieces(buf *bytes.Buffer, p string, data []byte, cuts []int) error {
	from := 0
	for _, to := range append(cuts, len(data)) {
		if to <= from {
			continue
		}
		if err := o.minifyPiece(buf, p, data[from:to]); err != nil {
			return err
		}
		from = to
	}
	return nil
}

func (o *Output) minifyPiece(buf *bytes.Buffer, p string, piece []byte) error {
	k := cache.NewKey("minify-piece").String(o.min.byExt[path.Ext(p)]).Bytes(piece).Key()
	if b, ok := o.memo.GetBytes(k); ok {
		buf.Write(b)
		return nil
	}
	o.piecesMinified.Add(1)
	start := buf.Len()
	if err := o.min.minifyTo(buf, p, piece); err != nil {
		return fmt.Errorf("minify %s: %w", p, err)
	}
	o.memo.PutBytes(k, buf.Bytes()[start:])
	return nil
}
