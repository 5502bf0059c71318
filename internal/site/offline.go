package site

import (
	"fmt"
	"strings"

	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/publish"
)

// manifestIcons are the icons of the web app manifest: the SVG for browsers
// that take it, and the PNG sizes Android asks for (192 on the home screen,
// 512 for the splash screen, a maskable one for round icon masks).
var manifestIcons = []publish.Icon{
	{Src: "icons/icon.svg", Sizes: "any", Type: "image/svg+xml"},
	{Src: "icons/icon-192.png", Sizes: "192x192", Type: "image/png"},
	{Src: "icons/icon-512.png", Sizes: "512x512", Type: "image/png"},
	{Src: "icons/icon-maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
}

// writeOffline publishes the web app manifest and, except in preview, the
// service worker that precaches the book; it must run after every other
// file is written, since the worker lists them all.
func writeOffline(cfg Config, b *book.Book, set *assets.Set, out *publish.Output, res *Result) error {
	m, err := manifest(b, set)
	if err != nil {
		return err
	}
	if err := out.WriteManifest(m); err != nil {
		return err
	}
	if cfg.Preview {
		return nil
	}
	p, err := out.WriteServiceWorker(b.Site.ID, b.Site.PrecacheBudget)
	if err != nil {
		return err
	}
	res.Notes = append(res.Notes, precacheNote(p))
	return nil
}

// manifest describes the book as an installable app. Its URLs are
// root-relative, below the site's folder: the browser resolves them against
// the manifest's own URL, so they hold on any host the book is deployed to.
func manifest(b *book.Book, set *assets.Set) (publish.Manifest, error) {
	base := b.Site.BasePath
	m := publish.Manifest{
		ID: base + "/", Name: b.Site.Title, ShortName: shortName(b.Site.Title), Description: b.Site.Description,
		Lang: b.Site.Language, StartURL: base + "/", Scope: base + "/", Display: "standalone",
		BackgroundColor: "#fbfaf7", ThemeColor: b.Site.ThemeColor,
	}
	for _, icon := range manifestIcons {
		u, err := set.URL(icon.Src)
		if err != nil {
			return m, fmt.Errorf("web app manifest: %w (hint: keep assets/%s, or add your own)", err, icon.Src)
		}
		icon.Src = base + u
		m.Icons = append(m.Icons, icon)
	}
	return m, nil
}

// precacheNote tells the author what a reader's phone downloads on the
// first visit, against the book's precache_budget.
func precacheNote(p publish.Precache) string {
	if p.All {
		return fmt.Sprintf("offline: the whole book, %d files, %s, is saved on a reader's first visit (precache_budget %s)",
			len(p.Now), kB(p.Bytes), kB(p.Budget))
	}
	return fmt.Sprintf("offline: the book is %s, over precache_budget %s: the first visit saves the shell, %d files, %s; %d more files are saved as they are opened",
		kB(p.Total), kB(p.Budget), len(p.Now), kB(p.Bytes), len(p.Later))
}

// searchNote tells the author how large the search index is: the book's
// plain text, set against the HTML of the pages a reader reads (the print
// pages, which hold the same text again, left out).
func searchNote(files []publish.Entry) string {
	var index, pages int64
	for _, e := range files {
		switch {
		case e.Path == SearchIndex:
			index = e.Size
		case strings.HasSuffix(e.Path, ".html") && !strings.HasPrefix(e.Path, "assets/") && !strings.HasPrefix(e.Path, "print/"):
			pages += e.Size
		}
	}
	return fmt.Sprintf("search: the index is %s, %d%% of the size of the reading pages' HTML (%s)",
		kB(index), (100*index+pages/2)/max(pages, 1), kB(pages))
}

func kB(n int64) string { return fmt.Sprintf("%d kB", (n+999)/1000) }

// shortName fits a title under a phone's home-screen icon.
func shortName(title string) string {
	if len([]rune(title)) <= 12 {
		return title
	}
	out := ""
	for _, w := range strings.Fields(title) {
		if len([]rune(out+" "+w)) > 12 {
			break
		}
		out = strings.TrimSpace(out + " " + w)
	}
	if out == "" {
		out = string([]rune(title)[:12])
	}
	return out
}
