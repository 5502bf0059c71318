package serve

import (
	"bytes"
	"embed"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/workbook-press/workbook/internal/netlify"
)

// client holds the files the preview adds to the book: the live-reload and
// overlay script, its stylesheet, the page shown before any build
// succeeded, and a service worker that removes itself.
//
//go:embed client
var client embed.FS

// Prefix is where the preview's own files are served; no book page can
// live there (slugs start with a letter or digit).
const Prefix = "/_workbook/"

// handler serves the last good build from memory, with the headers of
// netlify.toml, and the preview's own files.
type handler struct {
	b        *builder
	loopback bool // listening on loopback only: refuse other host names
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.loopback && !loopbackHost(r.Host) {
		// A web page elsewhere could point its own name at 127.0.0.1
		// (DNS rebinding) and read the preview; only local names pass.
		http.Error(w, "this preview answers only to localhost and 127.0.0.1", http.StatusForbidden)
		return
	}
	p, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	cur, _ := h.b.snap()
	var rules []netlify.HeaderRule
	if cur != nil {
		rules = cur.headers
	} else {
		rules = h.b.headers()
	}
	for k, v := range netlify.HeadersFor(rules, r.URL.Path) {
		w.Header().Set(k, v)
	}
	switch {
	case r.URL.Path == Prefix+"events":
		h.b.hub.ServeHTTP(w, r)
	case strings.HasPrefix(r.URL.Path, Prefix):
		h.serveClient(w, r, strings.TrimPrefix(r.URL.Path, Prefix))
	case cur == nil:
		h.serveClient(w, r, "waiting.html")
	default:
		h.serveSite(w, r, cur, p)
	}
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// sitePath returns the file path a request names, relative to the site
// root, refusing anything that could climb out of it: dot segments, encoded
// slashes, backslashes, NUL bytes.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if strings.Contains(p, "//") {
		return "", false
	}
	return strings.TrimPrefix(p, "/"), true
}

// serveSite serves one file of the build: index.html for folders, a
// redirect to add the slash a folder's URL needs, the book's 404.html for
// anything else.
func (h *handler) serveSite(w http.ResponseWriter, r *http.Request, cur *snapshot, p string) {
	name := p
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := cur.out.File(name)
	if !ok && path.Ext(p) == "" && cur.out.Has(p+"/index.html") {
		http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
		return
	}
	if !ok && p == "sw.js" {
		h.serveClient(w, r, "sw.js")
		return
	}
	if !ok {
		page, _ := cur.out.File("404.html")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(withLiveScript(page, cur.id))
		return
	}
	if path.Ext(name) == ".html" {
		data = withLiveScript(data, cur.id)
	}
	serveBytes(w, r, name, data)
}

// liveScript is the tag the shipped base.html adds in preview.
const liveScript = `<script type="module" src="/_workbook/live.js"></script>`

// withLiveScript adds to a page, before </head>, the id of the build it
// comes from, so a page that connects for live reload after a newer build
// knows to reload, and the live-reload script if its layouts lack it (a
// book's own base.html).
func withLiveScript(page []byte, build string) []byte {
	add := `<meta name="workbook-build" content="` + build + `">`
	if !bytes.Contains(page, []byte(Prefix+"live.js")) {
		add += liveScript
	}
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = len(page)
	}
	return slices.Concat(page[:i], []byte(add), page[i:])
}

// serveClient serves one of the preview's own files, or 404.
func (h *handler) serveClient(w http.ResponseWriter, r *http.Request, name string) {
	data, err := client.ReadFile("client/" + name)
	if err != nil || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if name == "waiting.html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(data)
		return
	}
	serveBytes(w, r, name, data)
}

// serveBytes answers with data, typed by the extension of name; Range,
// HEAD and conditional requests are handled by net/http.
func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentType(name))
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// types overrides the system's MIME table where it is missing or differs
// between systems.
var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".json": "application/json", ".webmanifest": "application/manifest+json",
	".svg": "image/svg+xml", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
	".woff2": "font/woff2", ".woff": "font/woff", ".pdf": "application/pdf",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
