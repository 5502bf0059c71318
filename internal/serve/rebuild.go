package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/publish"
	"github.com/workbook-press/workbook/internal/site"
)

// snapshot is one good build, served until the next good one replaces it.
type snapshot struct {
	out     *publish.Output
	title   string            // the book's
	id      string            // changes whenever any published byte changes
	css     map[string]string // stylesheet source name -> URL, for CSS-only swaps
	headers []netlify.HeaderRule
}

// builder rebuilds the book and tells the browsers what happened.
type builder struct {
	cfg     site.Config
	project fs.FS // to quote source lines in the overlay
	hub     *hub
	log     *logger
	stale   func() bool // reports changes not yet built

	mu       sync.RWMutex
	current  *snapshot // last good build, nil until one succeeded
	problems []problem // errors of the last build, nil when it succeeded
	warned   string    // the warnings last printed, so a save prints them only when they change
}

// snap returns the build being served and the current errors.
func (b *builder) snap() (*snapshot, []problem) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.current, b.problems
}

// state is what a browser is told when it connects.
func (b *builder) state() []event {
	cur, probs := b.snap()
	var evs []event
	if cur != nil {
		evs = append(evs, buildEvent("hello", cur.id))
	}
	if probs != nil {
		evs = append(evs, errorEvent(probs))
	}
	return evs
}

// rebuild runs a full build (memoised stages make it fast) and, on
// success, swaps it in; changed lists what the watcher saw, to tell a
// stylesheet-only change from others.
func (b *builder) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	res, err := site.Build(ctx, b.cfg)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		if b.stale != nil && b.stale() {
			return // the files changed again (a save in progress): the next build says more
		}
		b.failed(err)
		return
	}
	next := &snapshot{out: res.Output, title: res.Book.Site.Title, css: stylesheets(res.Output), headers: b.headers()}
	next.id = snapshotID(res.Output, next.headers)
	b.cfg.Memo.Sweep() // keep what this build used, drop the rest
	b.mu.Lock()
	prev, broken := b.current, b.problems != nil
	b.current, b.problems = next, nil
	b.mu.Unlock()
	switch {
	case prev != nil && !broken && prev.id == next.id:
		b.hub.broadcast(buildEvent("unchanged", next.id))
	case prev != nil && !broken && stylesOnly(changed):
		data, _ := json.Marshal(map[string]any{"build": next.id, "css": next.css})
		b.hub.broadcast(event{Name: "css", Data: string(data)})
	default:
		b.hub.broadcast(buildEvent("reload", next.id))
	}
	b.log.built(res, time.Since(start), prev == nil, broken)
	if w := res.Warnings.Error(); w != b.warned {
		b.warned = w
		b.log.warnings(res.Warnings)
	}
}

// failed shows a build error in the browsers and the terminal; the last
// good build stays served.
func (b *builder) failed(err error) {
	probs := problemsOf(err, b.project)
	b.mu.Lock()
	b.problems = probs
	serving := b.current != nil
	b.mu.Unlock()
	b.hub.broadcast(errorEvent(probs))
	b.log.problems(probs, serving)
}

func buildEvent(name, id string) event {
	return event{Name: name, Data: fmt.Sprintf(`{"build":%q}`, id)}
}

// snapshotID names what the browser gets: the published files and the
// headers they are served with.
func snapshotID(out *publish.Output, rules []netlify.HeaderRule) string {
	h := sha256.New()
	for _, e := range out.Entries() {
		fmt.Fprintln(h, e.Path, e.Hash)
	}
	for _, r := range rules {
		fmt.Fprintf(h, "%s %v\n", r.For, r.Values) // %v sorts map keys
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// headers reads the project's netlify.toml, or the shipped one when the
// project has none; a broken one is reported with each build.
func (b *builder) headers() []netlify.HeaderRule {
	if data, err := fs.ReadFile(b.project, "netlify.toml"); err == nil {
		rules, err := netlify.ParseHeaders(data)
		if err == nil {
			return rules
		}
		b.log.warn("netlify.toml: %v; serving the default headers", err)
	}
	rules, _ := netlify.ParseHeaders(workbook.Netlify)
	return rules
}

// stylesheets maps each stylesheet's name without its fingerprint
// ("/assets/css/app.css") to its URL.
func stylesheets(out *publish.Output) map[string]string {
	css := map[string]string{}
	for _, e := range out.Entries() {
		if strings.HasPrefix(e.Path, "assets/") && path.Ext(e.Path) == ".css" && assets.Fingerprinted.MatchString(e.Path) {
			css["/"+assets.Fingerprinted.ReplaceAllString(e.Path, "$1")] = "/" + e.Path
		}
	}
	return css
}

// stylesOnly reports whether every change was to a stylesheet of assets/.
func stylesOnly(changed []string) bool {
	for _, p := range changed {
		if !strings.HasPrefix(p, "assets/") || path.Ext(p) != ".css" {
			return false
		}
	}
	return len(changed) > 0
}
