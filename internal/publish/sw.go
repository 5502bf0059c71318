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

// DefaultPrecacheBudget is how many bytes of pages the service worker
// downloads on the first visit when the book does not say.
const DefaultPrecacheBudget = 5_000_000

// shell lists the pages always precached, whatever the budget: what a
// reader needs to find their way offline.
var shell = []string{"/", "/offline/", "/404.html", "/print/"}

// Precache is what the service worker saves on the first visit.
type Precache struct {
	Build string   // hash of every published file: changes with any change
	URLs  []string // root-relative URLs
	Bytes int64    // their size
	All   bool     // false when the pages exceeded the budget and only the shell is precached
}

// PlanPrecache chooses what to precache from the published files: every
// page and asset, or, past budget bytes of pages, the shell pages and the
// assets (other pages are cached when visited).
func PlanPrecache(entries []Entry, budget int64) Precache {
	if budget <= 0 {
		budget = DefaultPrecacheBudget
	}
	sum := sha256.New()
	var pages, assets []Entry
	var pageBytes int64
	for _, e := range entries {
		fmt.Fprintf(sum, "%s %s\n", e.Path, e.Hash)
		switch {
		case strings.HasSuffix(e.Path, ".html"):
			pages = append(pages, e)
			pageBytes += e.Size
		case e.Path == "sw.js" || e.Path == "sitemap.xml" || e.Path == "robots.txt":
		default:
			assets = append(assets, e)
		}
	}
	p := Precache{Build: hex.EncodeToString(sum.Sum(nil))[:12], All: pageBytes <= budget}
	inShell := map[string]bool{}
	for _, u := range shell {
		inShell[u] = true
	}
	for _, e := range pages {
		u := PageURL(e.Path)
		if p.All || inShell[u] {
			p.URLs = append(p.URLs, u)
			p.Bytes += e.Size
		}
	}
	for _, e := range assets {
		p.URLs = append(p.URLs, "/"+e.Path)
		p.Bytes += e.Size
	}
	return p
}

// PageURL is the URL that serves a published HTML file.
func PageURL(p string) string {
	if p == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + p
}

// WriteServiceWorker publishes /sw.js for the files written so far. Call it
// last, when every other file is written.
func (o *Output) WriteServiceWorker(bookID string, budget int64) (Precache, error) {
	p := PlanPrecache(o.Entries(), budget)
	list, err := json.Marshal(p.URLs)
	if err != nil {
		return p, err
	}
	head := fmt.Sprintf("const BUILD = %q;\nconst BOOK = %q;\nconst PRECACHE = %s;\n", p.Build, bookID, list)
	return p, o.Write("sw.js", []byte(head+swBody))
}
