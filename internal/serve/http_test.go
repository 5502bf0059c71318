package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/netlify"
)

func TestProductionHeadersAndTypes(t *testing.T) {
	p := startPreview(t, 2)
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	csp := netlify.HeadersFor(rules, "/")["Content-Security-Policy"]
	if csp == "" {
		t.Fatal("netlify.toml has no Content-Security-Policy for /")
	}
	_, home := p.get("/")
	css := findAsset(t, home, ".css")
	js := findAsset(t, home, ".js")
	for _, c := range []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/chapter-1/", "text/html; charset=utf-8"},
		{css, "text/css; charset=utf-8"},
		{js, "text/javascript; charset=utf-8"},
		{"/manifest.webmanifest", "application/manifest+json"},
		{"/_workbook/live.js", "text/javascript; charset=utf-8"},
	} {
		resp, err := http.Get(strings.TrimSuffix(p.srv.URL(), "/") + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype {
			t.Errorf("%s: got %d %q, want 200 %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.ctype)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s: got CSP %q, want netlify.toml's", c.path, got)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no X-Content-Type-Options: nosniff", c.path)
		}
	}
	if !strings.Contains(home, `src="/_workbook/live.js"`) || !strings.Contains(home, "data-preview") {
		t.Error("the served page lacks the live-reload script or data-preview")
	}
}

// findAsset returns the first fingerprinted asset URL with ext in page.
func findAsset(t *testing.T, page, ext string) string {
	t.Helper()
	for _, part := range strings.Split(page, `"`) {
		if strings.HasPrefix(part, "/assets/") && strings.HasSuffix(part, ext) {
			return part
		}
	}
	t.Fatalf("no %s asset linked from the page", ext)
	return ""
}

func TestUnknownPathGetsTheBooks404(t *testing.T) {
	p := startPreview(t, 1)
	code, body := p.get("/no/such/page/")
	_, want := p.get("/404.html")
	if code != 404 || body != want || !strings.Contains(body, "<html") {
		t.Errorf("got %d, want 404 with the book's 404.html", code)
	}
	if code, _ := p.get("/chapter-1"); code != 200 { // redirected to /chapter-1/
		t.Errorf("folder without slash: got %d, want 200 after a redirect", code)
	}
}

func TestLiveReloadWithTheBooksOwnBaseLayout(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir, 1)
	write(t, filepath.Join(dir, "layouts/base.html"), `{{define "base"}}<!doctype html><html><head><title>{{.Site.Title}}</title></head><body>{{template "main" .}}</body></html>{{end}}`)
	p := startOn(t, dir)
	for _, path := range []string{"/", "/chapter-1/", "/missing/"} {
		if _, body := p.get(path); strings.Count(body, "/_workbook/live.js") != 1 || !strings.Contains(body, "live.js\"></script></head>") {
			t.Errorf("%s: the live-reload script is not in the head exactly once", path)
		}
	}
}

func TestNoServiceWorkerInPreview(t *testing.T) {
	p := startPreview(t, 1)
	code, body := p.get("/sw.js")
	if code != 200 || !strings.Contains(body, "unregister()") || strings.Contains(body, "addEventListener(\"fetch\"") {
		t.Errorf("got %d, want the worker that removes itself and never answers requests", code)
	}
}

// rawGet sends a request line as written, bypassing any client-side
// cleaning, and returns the status code and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 400, "" // the server refused to parse it at all
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestTraversalNeverReachesFiles(t *testing.T) {
	outside := t.TempDir()
	secret := "TOP-SECRET-" + t.Name()
	write(t, filepath.Join(outside, "secret.txt"), secret)
	dir := filepath.Join(outside, "book")
	writeBook(t, dir, 1)
	write(t, filepath.Join(dir, "notes.txt"), secret) // in the project, not the site
	p := startOn(t, dir)
	ev := p.listen()
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "leak.txt")); err != nil {
		t.Fatal(err)
	}
	ev.expect(t, "broken") // the build refuses the link out of the project
	addr := strings.TrimSuffix(strings.TrimPrefix(p.srv.URL(), "http://"), "/")
	for _, target := range []string{
		"/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
		"/assets/..%2f..%2fsecret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
		"/" + filepath.ToSlash(filepath.Join(outside, "secret.txt")), "//" + strings.TrimPrefix(outside, "/") + "/secret.txt",
		"/leak.txt", "/notes.txt", "/../notes.txt", "/content/../notes.txt", "/./notes.txt",
		"/chapter-1/..%2f..%2f..%2fsecret.txt", "/%00secret.txt", "http://" + addr + "/../secret.txt",
	} {
		code, body := rawGet(t, addr, target)
		if code != 400 && code != 404 {
			t.Errorf("GET %s: got %d, want 400 or 404", target, code)
		}
		if strings.Contains(body, secret) {
			t.Errorf("GET %s: the response holds the file's content", target)
		}
	}
}

func TestEventClientsAreCapped(t *testing.T) {
	h := newHub(2, func() []event { return nil })
	a, ok1 := h.join()
	_, ok2 := h.join()
	_, ok3 := h.join()
	if !ok1 || !ok2 || ok3 {
		t.Errorf("got joins %v %v %v, want true true false", ok1, ok2, ok3)
	}
	h.leave(a)
	if _, ok := h.join(); !ok {
		t.Error("a freed place could not be taken")
	}
}

func TestNetlifyTomlChangeReloadsWithNewHeaders(t *testing.T) {
	p := startPreview(t, 1)
	ev := p.listen()
	p.write("netlify.toml", "[[headers]]\n  for = \"/*\"\n  [headers.values]\n    X-Book-Preview = \"yes\"\n")
	ev.expect(t, "reload")
	resp, err := http.Get(p.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Book-Preview") != "yes" || resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("got headers %v, want the project's netlify.toml to replace the default", resp.Header)
	}
}

func TestOnlyLocalHostNamesAreAnswered(t *testing.T) {
	p := startPreview(t, 1)
	addr := strings.TrimSuffix(strings.TrimPrefix(p.srv.URL(), "http://"), "/")
	for host, want := range map[string]int{
		addr: 200, "localhost": 200, "localhost:1313": 200, "[::1]:1313": 200,
		"evil.example": 403, "evil.example:1313": 403, "127.0.0.1.evil.example": 403,
	} {
		req, _ := http.NewRequest("GET", p.srv.URL(), nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: got %d, want %d", host, resp.StatusCode, want)
		}
	}
}
