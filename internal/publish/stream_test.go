package publish

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigPage is a page with the shapes a cut could break: preformatted text
// with blank lines and tags, a textarea, comments, inline text, attributes
// holding "<div".
func bigPage(sections int) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head><title>Book</title></head>\n<body>\n<main>\n")
	for i := range sections {
		fmt.Fprintf(&b, "<section class=\"print-chapter\" id=\"c%d\">\n  <h2>Chapter %d</h2>\n", i, i)
		fmt.Fprintf(&b, "  <p>Some <em>inline</em> text,\n   spread   over lines <a href=\"/x/\" title=\"a <div> in an attribute\">link</a> </p>\n")
		b.WriteString("  <pre class=\"chroma\"><code>line one\n\n    <span class=\"k\">if</span> x &lt; 3 {\n<div>not a tag</div>\n  }\n</code></pre>\n")
		b.WriteString("  <!-- a comment with <section> inside -->\n")
		b.WriteString("  <textarea name=\"t\">\n  keep   <p> this\n</textarea>\n  <div class=\"x\">  <span>a</span> <span>b</span>  </div>\n</section>\n")
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes()
}

func TestWriteFromInPiecesEqualsWhole(t *testing.T) {
	page := bigPage(400)
	whole := InMemory(Options{Minify: true})
	if err := whole.Write("print/book/index.html", page); err != nil {
		t.Fatal(err)
	}
	want, _ := whole.File("print/book/index.html")

	defer func(n int) { chunkSize = n }(chunkSize)
	for _, size := range []int{1 << 10, 5000, 1 << 14} {
		chunkSize = size
		dir := filepath.Join(t.TempDir(), "public")
		out, err := Begin(dir, Options{Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = out.WriteFrom("print/book/index.html", &buf, func(w io.Writer) error {
			for len(page) > 0 { // in small writes, as a template does
				n := min(len(page), 700)
				w.Write(page[:n])
				page = page[n:]
			}
			return nil
		})
		page = bigPage(400)
		if err != nil {
			t.Fatal(err)
		}
		if buf.Cap() > 4*size {
			t.Errorf("chunk %d: the buffer grew to %d bytes, want the page streamed", size, buf.Cap())
		}
		e := out.Entries()[0]
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "print/book/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("chunk %d: pieces differ from the whole page at byte %d:\ngot  %q\nwant %q", size, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
		if e.Size != int64(len(want)) || e.Hash != whole.Entries()[0].Hash {
			t.Errorf("chunk %d: got entry %+v, want size %d and the whole page's hash", size, e, len(want))
		}
	}
}

func TestLastSafeCutSkipsRawText(t *testing.T) {
	page := "<p>a</p><pre>x\n<div>y</div>\n</pre><textarea><section></textarea><!-- <div> -->"
	if got := lastSafeCut([]byte(page)); got != strings.Index(page, "<pre") {
		t.Errorf("got cut %d, want %d (before <pre>)", got, strings.Index(page, "<pre"))
	}
}
