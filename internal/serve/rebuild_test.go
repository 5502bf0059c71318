package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/book"
)

func TestBrokenFrontmatterShowsTheOverlayAndTheFixClearsIt(t *testing.T) {
	p := startPreview(t, 2)
	ev := p.listen()
	file := "content/" + chapterFile(2)
	p.write(file, "---\ntitle: Chapter 2\ntitel: typo\n---\n\nBroken text.\n")
	got := ev.expect(t, "broken")
	var data struct{ Problems []problem }
	if err := json.Unmarshal([]byte(got.Data), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Problems) == 0 {
		t.Fatal("the overlay lists no problem")
	}
	pr := data.Problems[0]
	if pr.Path != file || pr.Line != 3 || !strings.Contains(pr.Msg, "titel") {
		t.Errorf("got %s:%d %q, want %s:3 naming the key titel", pr.Path, pr.Line, pr.Msg, file)
	}
	if !hasHere(pr.Source, 3, "titel: typo") {
		t.Errorf("got source %+v, want line 3 marked", pr.Source)
	}
	// The last good build is still served, and a page opened now shows the
	// overlay too.
	if code, body := p.get("/chapter-2/"); code != 200 || !strings.Contains(body, "The first words.") {
		t.Errorf("got %d, want 200 with the last good build", code)
	}
	late := p.listen()
	late.next(t, 5*time.Second, "hello")
	p.write(file, chapterText(2, 2, "Fixed now."))
	ev.expect(t, "reload")
	if _, body := p.get("/chapter-2/"); !strings.Contains(body, "Fixed now.") {
		t.Error("the fixed text is not served")
	}
	fresh := p.listen()
	if e := fresh.next(t, 5*time.Second); e.Name != "hello" {
		t.Errorf("a new page got %s, want only hello", e.Name)
	}
	select {
	case e := <-fresh.ch:
		t.Errorf("after the fix a new page got %s, want nothing", e.Name)
	case <-time.After(100 * time.Millisecond):
	}
}

func hasHere(lines []sourceLine, n int, text string) bool {
	for _, l := range lines {
		if l.Here && l.N == n && l.Text == text {
			return true
		}
	}
	return false
}

func TestStylesheetChangeSwapsWithoutReload(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir, 1)
	write(t, filepath.Join(dir, "assets/css/app.css"), "body { color: teal }\n")
	p := startOn(t, dir)
	ev := p.listen()
	p.write("assets/css/app.css", "body { color: rebeccapurple }\n")
	got := ev.expect(t, "css")
	var data struct{ CSS map[string]string }
	json.Unmarshal([]byte(got.Data), &data)
	next := data.CSS["/assets/css/app.css"]
	if next == "" {
		t.Fatalf("got %s, want the new URL of app.css", got.Data)
	}
	if _, body := p.get(next); !strings.Contains(body, "rebeccapurple") {
		t.Error("the new stylesheet URL does not serve the new rules")
	}
	p.write("content/"+chapterFile(1), chapterText(1, 1, "Text changes reload."))
	ev.expect(t, "reload")
}

func TestRapidSavesEndWithTheLastContent(t *testing.T) {
	before := runtime.NumGoroutine()
	p := startPreview(t, 3)
	ev := p.listen()
	const saves = 1000
	for i := 1; i <= saves; i++ {
		p.write("content/"+chapterFile(2), chapterText(2, 3, fmt.Sprintf("Version %d.", i)))
	}
	want := fmt.Sprintf("Version %d.", saves)
	deadline := time.Now().Add(20 * time.Second)
	for {
		ev.next(t, 20*time.Second, "hello", "unchanged")
		if _, body := p.get("/chapter-2/"); strings.Contains(body, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the last save never showed up")
		}
	}
	ev.close()
	p.srv.Close()
	http.DefaultClient.CloseIdleConnections()
	settleGoroutines(t, before)
}

func TestManyEventClientsLeaveNothingBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	p := startPreview(t, 1)
	const clients = 200
	streams := make([]*events, clients)
	var wg sync.WaitGroup
	for i := range streams {
		streams[i] = p.listen()
	}
	for _, s := range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.next(t, 10*time.Second)
		}()
	}
	wg.Wait()
	if n := p.srv.b.hub.count(); n != clients {
		t.Fatalf("got %d connected clients, want %d", n, clients)
	}
	for _, s := range streams {
		s.close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for p.srv.b.hub.count() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("got %d clients still registered after all left, want 0", p.srv.b.hub.count())
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.srv.Close()
	http.DefaultClient.CloseIdleConnections()
	settleGoroutines(t, before)
}

func TestEveryProblemOfAJoinedErrorIsShown(t *testing.T) {
	err := fmt.Errorf("load: %w", errors.Join(
		book.Errors{{Path: "content/01-a.md", Line: 2, Msg: "unknown key"}, {Path: "layouts/base.html", Line: 3, Msg: "bad action"}},
		errors.New("assets/css/app.css refers to \"x.css\", which is not in assets/"),
	))
	got := problemsOf(err, nil)
	if len(got) != 3 || got[0].Path != "content/01-a.md" || got[1].Path != "layouts/base.html" || !strings.Contains(got[2].Msg, "x.css") {
		t.Errorf("got %+v, want the two located problems and the assets error", got)
	}
}
