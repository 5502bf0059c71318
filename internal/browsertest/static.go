package browsertest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/workbook-press/workbook/internal/netlify"
)

// Static serves a built site from dir the way a static host does: index.html
// for folders, the site's 404.html with status 404 for unknown paths, and
// the headers that rules (read from netlify.toml, may be nil) give each path,
// and, like Netlify, an ETag made from the content: revalidation then sees a
// rebuild even within the second of the previous one, which Last-Modified
// alone would not.
func Static(dir string, rules []netlify.HeaderRule) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range netlify.HeadersFor(rules, r.URL.Path) {
			w.Header().Set(k, v)
		}
		if strings.HasSuffix(r.URL.Path, ".webmanifest") {
			w.Header().Set("Content-Type", "application/manifest+json")
		}
		name := path.Clean("/" + r.URL.Path)
		full := filepath.Join(dir, filepath.FromSlash(name))
		if st, err := os.Stat(full); err == nil && st.IsDir() {
			full = filepath.Join(full, "index.html")
		}
		data, err := os.ReadFile(full)
		if err != nil {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if err == nil {
				w.Write(page)
			}
			return
		}
		sum := sha256.Sum256(data)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		files.ServeHTTP(w, r)
	})
}
