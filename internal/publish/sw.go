package publish

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed sw.body.js
var swBody string

// DefaultPrecacheBudget is how many bytes the service worker downloads on
// the first visit when the book does not say.
const DefaultPrecacheBudget = 5_000_000

// shellPages are the pages always precached, whatever the budget: what a
// reader needs to find their way and fill in worksheets offline.
var shellPages = map[string]bool{"/": true, "/offline/": true, "/print/": true}

// notCached are published files the service worker leaves to the network:
// itself (the browser fetches it past any worker) and files for robots.
var notCached = map[string]bool{"sw.js": true, "sitemap.xml": true, "robots.txt": true, "404.html": true}

// CacheEntry is one file the service worker knows, with the revision that
// tells it whether a copy saved by an earlier version is still current.
type CacheEntry struct {
	URL      string `json:"url"`      // root-relative
	Revision string `json:"revision"` // first 16 hex digits of the published bytes' hash (fileHash)
	Size     int64  `json:"-"`
}

// Precache is what the service worker saves on the first visit.
type Precache struct {
	Build  string       // hash of every published file: changes with any change
	Now    []CacheEntry // downloaded when the worker installs
	Later  []CacheEntry // saved when the reader first opens them (over budget only)
	Bytes  int64        // size of Now
	Total  int64        // size of Now and Later
	Budget int64        // the budget it was planned for
	All    bool         // false when the book exceeded the budget and only the shell is in Now
}

// PlanPrecache chooses what to precache from the published files. The
// shell (home, offline and worksheet print pages, the theme's fingerprinted
// assets and the web app manifest) is always downloaded up front. The rest
// (chapters, the whole-book print page, files beside the chapters) is
// downloaded too when everything fits in budget bytes; otherwise it is
// saved page by page as the reader opens it.
func PlanPrecache(entries []Entry, budget int64) Precache {
	if budget <= 0 {
		budget = DefaultPrecacheBudget
	}
	sum := sha256.New()
	p := Precache{Budget: budget, Now: []CacheEntry{}, Later: []CacheEntry{}} // the script lists none as [], not null
	for _, e := range entries {
		fmt.Fprintf(sum, "%s %s\n", e.Path, e.Hash)
		if notCached[e.Path] {
			continue
		}
		c := CacheEntry{URL: PageURL(e.Path), Revision: e.Hash[:min(16, len(e.Hash))], Size: e.Size}
		p.Total += e.Size
		if inShell(c.URL) {
			p.Now = append(p.Now, c)
		} else {
			p.Later = append(p.Later, c)
		}
	}
	p.Build = hex.EncodeToString(sum.Sum(nil))[:12]
	if p.All = p.Total <= budget; p.All {
		p.Now, p.Later = append(p.Now, p.Later...), []CacheEntry{}
	}
	for _, c := range p.Now {
		p.Bytes += c.Size
	}
	return p
}

func inShell(url string) bool {
	return shellPages[url] || strings.HasPrefix(url, "/assets/") || url == "/manifest.webmanifest"
}

// PageURL is the URL that serves a published file: a folder's index.html is
// served at the folder.
func PageURL(p string) string {
	if p == "index.html" || strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

// WriteServiceWorker publishes /sw.js for the files written so far. Call it
// last, when every other file is written. Any change to any file changes
// the worker's bytes, which is how browsers notice a new version.
func (o *Output) WriteServiceWorker(bookID string, budget int64) (Precache, error) {
	p := PlanPrecache(o.Entries(), budget)
	return p, o.Write("sw.js", p.Script(bookID))
}

// Script is the service worker's source: the build's constants followed by
// the fixed code of sw.body.js.
func (p Precache) Script(bookID string) []byte {
	now, _ := json.Marshal(p.Now)
	later, _ := json.Marshal(p.Later)
	head := fmt.Sprintf("const BUILD = %q;\nconst BOOK = %q;\nconst PRECACHE = %s;\nconst LATER = %s;\n", p.Build, bookID, now, later)
	return []byte(head + swBody)
}
