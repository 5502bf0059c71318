package publish

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// published is what a small book publishes, with made-up hashes and sizes.
func published(chapterSize int64) []Entry {
	e := func(p string, size int64) Entry {
		return Entry{Path: p, Hash: fmt.Sprintf("%064x", len(p)*7+int(size)), Size: size}
	}
	return []Entry{
		e("404.html", 2_000),
		e("assets/css/app.1a2b3c4d.css", 10_000),
		e("assets/js/app.5e6f7a8b.js", 8_000),
		e("first/index.html", chapterSize),
		e("img/photo.jpg", 50_000),
		e("index.html", 6_000),
		e("manifest.webmanifest", 500),
		e("offline/index.html", 3_000),
		e("print/book/index.html", 2*chapterSize),
		e("print/index.html", 4_000),
		e("robots.txt", 30),
		e("second/index.html", chapterSize),
		e("sitemap.xml", 300),
		e("sw.js", 5_000),
	}
}

func urls(list []CacheEntry) string {
	var out []string
	for _, c := range list {
		out = append(out, c.URL)
	}
	return strings.Join(out, " ")
}

func TestPlanPrecacheTakesEverythingWithinBudget(t *testing.T) {
	p := PlanPrecache(published(20_000), 200_000)
	// The shell first, then the rest; not 404.html: the host serves it, and
	// offline the offline page stands in.
	want := "/assets/css/app.1a2b3c4d.css /assets/js/app.5e6f7a8b.js / /manifest.webmanifest /offline/ /print/ /first/ /img/photo.jpg /print/book/ /second/"
	if got := urls(p.Now); !p.All || got != want || len(p.Later) != 0 {
		t.Fatalf("within budget: got All=%v now=%q later=%q; want everything now:\n%q", p.All, got, urls(p.Later), want)
	}
	if want := int64(10_000 + 8_000 + 20_000 + 50_000 + 6_000 + 500 + 3_000 + 40_000 + 4_000 + 20_000); p.Bytes != want || p.Total != want {
		t.Errorf("got %d bytes precached of %d, want %d of %d", p.Bytes, p.Total, want, want)
	}
}

func TestPlanPrecacheKeepsTheShellOverBudget(t *testing.T) {
	p := PlanPrecache(published(100_000), 200_000)
	if p.All {
		t.Fatalf("a 381 kB book with a 200 kB budget: got All=true")
	}
	if got, want := urls(p.Now), "/assets/css/app.1a2b3c4d.css /assets/js/app.5e6f7a8b.js / /manifest.webmanifest /offline/ /print/"; got != want {
		t.Errorf("over budget, precached now:\ngot  %q\nwant %q (the shell)", got, want)
	}
	if got, want := urls(p.Later), "/first/ /img/photo.jpg /print/book/ /second/"; got != want {
		t.Errorf("over budget, saved when opened:\ngot  %q\nwant %q", got, want)
	}
	if want := int64(10_000 + 8_000 + 6_000 + 500 + 3_000 + 4_000); p.Bytes != want {
		t.Errorf("over budget: got %d bytes precached, want %d (the shell)", p.Bytes, want)
	}
}

func TestPlanPrecacheDefaultBudget(t *testing.T) {
	if p := PlanPrecache(published(1_000_000), 0); !p.All || p.Budget != DefaultPrecacheBudget {
		t.Errorf("a 4 MB book with no budget set: got All=%v budget %d, want everything within the default %d", p.All, p.Budget, DefaultPrecacheBudget)
	}
	if p := PlanPrecache(published(2_000_000), 0); p.All {
		t.Errorf("an 8 MB book with no budget set: got All=true, want the shell only")
	}
}

func TestRevisionsAndBuildFollowTheContent(t *testing.T) {
	a := PlanPrecache(published(20_000), 0)
	again := PlanPrecache(published(20_000), 0)
	changed := published(20_000)
	changed[3].Hash = strings.Repeat("ab", 32) // first/index.html
	b := PlanPrecache(changed, 0)
	if a.Build != again.Build || a.Build == b.Build || len(a.Build) != 12 {
		t.Errorf("build ids: same input %q and %q, changed chapter %q; want equal, then different", a.Build, again.Build, b.Build)
	}
	for i := range a.Now {
		changedHere := a.Now[i].URL == "/first/"
		if got := a.Now[i].Revision != b.Now[i].Revision; got != changedHere {
			t.Errorf("%s: revision %q became %q; want a change only for /first/", a.Now[i].URL, a.Now[i].Revision, b.Now[i].Revision)
		}
		if len(a.Now[i].Revision) != 16 {
			t.Errorf("%s: revision %q, want 16 hex digits", a.Now[i].URL, a.Now[i].Revision)
		}
	}
}

func TestServiceWorkerScript(t *testing.T) {
	o := InMemory(Options{})
	o.Write("index.html", []byte("<!doctype html><title>Home</title><p>Hi"))
	o.Write("assets/js/app.12345678.js", []byte("console.log(1)\n"))
	p, err := o.WriteServiceWorker("my-book", 0)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := o.File("sw.js")
	for _, name := range []string{"BUILD", "BOOK", "PRECACHE", "LATER"} {
		if !regexp.MustCompile(`\b` + name + `\s*=`).Match(src) {
			t.Errorf("sw.js does not define %s", name)
		}
	}
	m := regexp.MustCompile(`PRECACHE\s*=\s*(\[.*?\])\s*[;,]`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("sw.js has no PRECACHE list:\n%s", src)
	}
	var list []CacheEntry
	if err := json.Unmarshal(m[1], &list); err != nil {
		t.Fatalf("PRECACHE is not a JSON list: %v\n%s", err, m[1])
	}
	if len(list) != 2 || list[0].URL != "/assets/js/app.12345678.js" || list[1].URL != "/" || list[1].Revision != p.Now[1].Revision {
		t.Errorf("PRECACHE = %+v, want the asset and the home page with their revisions", list)
	}
	for _, want := range []string{p.Build, `"my-book"`, "skipWaiting", "caches.delete"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("sw.js does not contain %q", want)
		}
	}
	min := InMemory(Options{Minify: true})
	if _, err := min.WriteServiceWorker("my-book", 0); err != nil {
		t.Fatal(err)
	}
	code, _ := min.File("sw.js") // without comments
	for _, never := range []string{"localStorage", "indexedDB", "clear(", "Clear-Site-Data", "unregister"} {
		if strings.Contains(string(code), never) {
			t.Errorf("minified sw.js contains %q; the worker must never touch saved answers or other site data", never)
		}
	}
}
