package publish

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"

	"github.com/workbook-press/workbook/internal/cache"
)

// Pieces keeps, between builds, the minified output of the renderer's
// cached calls: the part of a page that shows one chapter's text, say.
// The renderer asks it for a piece it kept (Recall) or hands it the HTML
// of a new one (Mark), which it minifies and keeps at once, so another
// page of the same build finds it too (the chapter's page and the book
// printed on one page show the same text). Either way the page gets a
// marker, an HTML comment holding a token no book can contain, which the
// writer of the page replaces with the piece. The page is the same as one
// minified whole: a piece starts with a block-level start tag and ends
// with a block-level end tag, where the minifier drops the whitespace
// around it either way.
//
// It exists only for builds to disk that minify and keep their cache on
// disk (see Output.Pieces); it is safe for concurrent use.
type Pieces struct {
	o   *Output
	tag string // "<!--" and the token of this build

	mu   sync.Mutex
	seq  uint64
	held map[uint64][]byte // pieces recalled or made and not yet written

	reused, made int
}

// Pieces returns the keeper of cached pieces of this build's pages, or nil
// when pages are not minified in remembered pieces.
func (o *Output) Pieces() *Pieces {
	if o.tmp == "" || o.min == nil || !o.memo.Persistent() {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.pieces == nil {
		var token [12]byte
		rand.Read(token[:])
		o.pieces = &Pieces{o: o, tag: "<!--" + hex.EncodeToString(token[:]), held: map[uint64][]byte{}}
	}
	return o.pieces
}

func pieceKey(key cache.Key) cache.Key { return cache.NewKey("page-piece").Bytes(key[:]).Key() }

// Recall returns the marker of the piece kept under key, if the cache
// holds it.
func (ps *Pieces) Recall(key cache.Key) (string, bool) {
	b, ok := ps.o.memo.GetBytes(pieceKey(key))
	if !ok {
		return "", false
	}
	return ps.marker(b, true), true
}

// Mark minifies and keeps the core of html (all but the whitespace around
// it) under key, and returns html with the core replaced by its marker; or
// html as it is when its core does not start and end with block-level
// tags, or does not minify.
func (ps *Pieces) Mark(key cache.Key, html string) string {
	core := strings.TrimRight(html, spaces)
	trail := html[len(core):]
	core = strings.TrimLeft(core, spaces)
	lead := html[:len(html)-len(trail)-len(core)]
	piece := []byte(core)
	if !isBlockStart(piece) || !endsBlock(core) {
		return html
	}
	var buf bytes.Buffer
	if err := ps.minifyCore(&buf, piece); err != nil {
		return html // the page's own minifying reports it
	}
	ps.o.memo.PutBytes(pieceKey(key), buf.Bytes())
	return lead + ps.marker(buf.Bytes(), false) + trail
}

// minifyCore appends the core of a piece, minified, to buf. The pieces it
// holds (a chapter's text shows its worksheets, each a cached call of its
// own) go in whole, so that what is kept needs nothing of this build; the
// worksheet is made once, and the page that lists every worksheet reuses
// it. When a marker stands where no element may (inside a tag, say), the
// core is left to the page, whose writer reports it, and no piece is taken.
func (ps *Pieces) minifyCore(buf *bytes.Buffer, core []byte) error {
	var inners []markerAt
	for from := 0; ; {
		m, ok, err := ps.nextMarker(core, from)
		if !ok {
			break
		}
		if err != nil {
			return errNotAPiece
		}
		inners = append(inners, m)
		from = m.next
	}
	taken := map[uint64][]byte{}
	err := func() error {
		from := 0
		for _, m := range inners {
			if err := ps.o.min.minifyTo(buf, ".html", core[from:m.at]); err != nil {
				return err
			}
			b, ok := ps.take(m.n)
			if !ok {
				return errTakenTwice
			}
			taken[m.n] = b
			buf.Write(b)
			from = m.next
		}
		return ps.o.min.minifyTo(buf, ".html", core[from:])
	}()
	if err != nil { // the core stays in the page, markers and all: its writer needs the pieces
		ps.mu.Lock()
		maps.Copy(ps.held, taken)
		ps.mu.Unlock()
	}
	return err
}

// markerAt is a marker found in data: data[at:next], standing for piece n.
type markerAt struct {
	at, next int
	n        uint64
}

var (
	errMarkerInTag   = errors.New("a {{cached}} call stands inside a tag, a comment, <pre>, <textarea>, <script> or <style>: call it where HTML elements may stand")
	errMarkerCut     = errors.New("a cut-off {{cached}} marker")
	errMarkerDamaged = errors.New("a damaged {{cached}} marker")
	errTakenTwice    = errors.New("a {{cached}} piece was written twice")
)

// nextMarker finds the first marker in data from offset from, which must
// stand in text. ok is false when there is none (or ps is nil). A marker
// data cuts off is errMarkerCut, with m.at where it starts.
func (ps *Pieces) nextMarker(data []byte, from int) (m markerAt, ok bool, err error) {
	if ps == nil {
		return markerAt{}, false, nil
	}
	at := bytes.Index(data[from:], []byte(ps.tag))
	if at < 0 {
		return markerAt{}, false, nil
	}
	at += from
	if !endsInText(data[from:at]) {
		return markerAt{}, true, errMarkerInTag
	}
	rest := data[at+len(ps.tag):]
	end := bytes.Index(rest, []byte("-->"))
	if end < 0 {
		return markerAt{at: at}, true, errMarkerCut
	}
	head := string(rest[:end])
	n, err := strconv.ParseUint(strings.TrimPrefix(head, "="), 10, 64)
	if !strings.HasPrefix(head, "=") || err != nil {
		return markerAt{}, true, errMarkerDamaged
	}
	return markerAt{at: at, next: at + len(ps.tag) + end + len("-->"), n: n}, true, nil
}

// errNotAPiece means HTML holds a marker where a piece cannot be cut.
var errNotAPiece = errors.New("a {{cached}} marker stands where no element may")

// marker holds b for the page's writer, counts it as reused or made, and
// returns the marker that stands for it.
func (ps *Pieces) marker(b []byte, reused bool) string {
	ps.mu.Lock()
	ps.seq++
	n := ps.seq
	ps.held[n] = b
	if reused {
		ps.reused++
	} else {
		ps.made++
	}
	ps.mu.Unlock()
	return ps.tag + "=" + strconv.FormatUint(n, 10) + "-->"
}

const spaces = " \t\n\r\f"

// blockEnds are end tags after which the minifier drops whitespace and
// which it never leaves out (it keeps end tags: see newMinifier).
var blockEnds = []string{"</section>", "</article>", "</div>", "</ol>", "</ul>", "</li>", "</p>", "</table>",
	"</form>", "</nav>", "</header>", "</footer>", "</aside>", "</figure>"}

func endsBlock(s string) bool {
	for _, e := range blockEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

func (ps *Pieces) take(n uint64) ([]byte, bool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	b, ok := ps.held[n]
	delete(ps.held, n)
	return b, ok
}

// in reports whether data holds a marker.
func (ps *Pieces) in(data []byte) bool {
	return ps != nil && bytes.Contains(data, []byte(ps.tag))
}

// PieceCounts returns how many pieces the build reused and made.
func (o *Output) PieceCounts() (reused, made int) {
	o.mu.Lock()
	ps := o.pieces
	o.mu.Unlock()
	if ps == nil {
		return 0, 0
	}
	return ps.Counts()
}

// Counts returns how many pieces this build reused and made.
func (ps *Pieces) Counts() (reused, made int) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.reused, ps.made
}

// check reports markers the writers never found: a cached call whose
// output html/template escaped (inside an attribute, a <textarea>, a
// <script> or a <style>), where its piece would be lost.
func (ps *Pieces) check() error {
	if ps == nil {
		return nil
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.held) == 0 {
		return nil
	}
	return fmt.Errorf("%d output(s) of {{cached}} never reached a page: print what cached returns, where HTML elements may stand (not inside an attribute, <pre>, <textarea>, <script> or <style>)", len(ps.held))
}

// minifyMarked appends data, minified, to buf: the stretches between
// markers in remembered pieces (minifyPieces), and for each marker the
// piece it stands for. Unless last, it stops before a marker not all in
// data yet, and leaves the tail after the last marked cut of the stretch
// after the last marker (the rest of the page will follow it). It returns
// how much of data it used.
//
// emit, when not nil, takes what buf holds before each piece, and the
// pieces, so they need not be copied into buf; it may keep what it is
// given.
func (o *Output) minifyMarked(buf *bytes.Buffer, emit func([]byte) error, p string, data []byte, last bool) (int, error) {
	flush := func(piece []byte) error {
		if emit == nil {
			buf.Write(piece)
			return nil
		}
		if buf.Len() > 0 {
			if err := emit(bytes.Clone(buf.Bytes())); err != nil {
				return err
			}
			buf.Reset()
		}
		return emit(piece)
	}
	from := 0
	for {
		m, ok, err := o.pieces.nextMarker(data, from)
		if !ok {
			break
		}
		if err == errMarkerCut && !last {
			return m.at, o.minifyStretch(buf, p, data[from:m.at]) // the marker is not all here yet
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", p, err)
		}
		piece, ok := o.pieces.take(m.n)
		if !ok {
			return 0, fmt.Errorf("%s: %w", p, errTakenTwice)
		}
		if err := o.minifyStretch(buf, p, data[from:m.at]); err != nil {
			return 0, err
		}
		if err := flush(piece); err != nil {
			return 0, err
		}
		from = m.next
	}
	if last {
		return len(data), o.minifyStretch(buf, p, data[from:])
	}
	// Keep the tail after the last marked cut for the next call.
	stretch := data[from:]
	cuts := markedCuts(stretch)
	if len(cuts) == 0 {
		if len(stretch) < 4*chunkSize {
			return from, nil
		}
		cut := lastSafeCut(stretch)
		if cut <= 0 {
			return from, nil
		}
		cuts = []int{cut}
	}
	cut := cuts[len(cuts)-1]
	if err := o.minifyPieces(buf, p, stretch[:cut], cuts[:len(cuts)-1]); err != nil {
		return 0, err
	}
	return from + cut, nil
}

// minifyStretch minifies the HTML between markers: small stretches (the
// whitespace between two pieces) at once, longer ones in remembered pieces.
func (o *Output) minifyStretch(buf *bytes.Buffer, p string, data []byte) error {
	if len(data) < 4<<10 {
		if err := o.min.minifyTo(buf, p, data); err != nil {
			return fmt.Errorf("minify %s: %w", p, err)
		}
		return nil
	}
	return o.minifyPieces(buf, p, data, markedCuts(data))
}
