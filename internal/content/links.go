package content

import (
	"sort"

	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/markdown"
	"github.com/workbook-press/workbook/internal/spill"
)

// bodyMemo keeps, for the preview server, what rendering a body produced:
// the resolved links of a file, keyed by its source and by every chapter's
// URL and heading ids (links), and the filled body, keyed by its source
// and resolved links. links is zero when resolved links are not kept.
type bodyMemo struct {
	store *cache.Store
	links cache.Key
	spill *spill.File // where chapter bodies go, nil to keep them in memory
}

// resolved is a file's links as Resolve returned them, and the answers to
// the questions it asked about other files, which are checked again before
// the result is reused.
type resolved struct {
	URLs     []string
	Problems []markdown.Problem
	Files    map[string]bool // path -> whether it existed
}

// linkSum hashes what links may resolve to: each chapter's URL and
// heading ids, and the drafts left out.
func linkSum(targets map[string]markdown.Target, drafts map[string]bool) cache.Key {
	paths := make([]string, 0, len(targets))
	for p := range targets {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := cache.NewKey("links")
	for _, p := range paths {
		h.String(p).String(targets[p].URL)
		ids := make([]string, 0, len(targets[p].IDs))
		for id := range targets[p].IDs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			h.String(id)
		}
		h.String("")
	}
	h.String("drafts")
	for _, p := range sortedKeys(drafts) {
		h.String(p)
	}
	return h.Key()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// resolve returns the file's resolved links, from the memo when neither
// the file, the chapters nor the files it links to changed.
func (m bodyMemo) resolve(p *Parsed, links markdown.Links, unsafe bool) ([]string, []markdown.Problem) {
	if m.links == (cache.Key{}) {
		return p.Doc.Resolve(links, unsafe)
	}
	k := cache.NewKey("resolve").Bytes(p.Sum[:]).Bool(unsafe).Bytes(m.links[:]).Key()
	if v, ok := m.store.Get(k); ok && sameFiles(v.(resolved).Files, links.Exists) {
		return v.(resolved).URLs, v.(resolved).Problems
	}
	r := resolved{Files: map[string]bool{}}
	asking := links
	asking.Exists = func(path string) bool {
		ok := links.Exists(path)
		r.Files[path] = ok
		return ok
	}
	r.URLs, r.Problems = p.Doc.Resolve(asking, unsafe)
	m.store.Put(k, r)
	return r.URLs, r.Problems
}

func sameFiles(files map[string]bool, exists func(string) bool) bool {
	for path, was := range files {
		if exists(path) != was {
			return false
		}
	}
	return true
}
