package offlinetest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/i18n"
)

// TestGermanOfflinePageAndUpdateBanner: in a German book, the offline
// page, its notes on chapters not saved yet and the update banner speak
// German, each as the German table writes it.
func TestGermanOfflinePageAndUpdateBanner(t *testing.T) {
	browsertest.Require(t)
	de, _, err := i18n.Load(workbook.Theme, nil, "de", "")
	if err != nil {
		t.Fatal(err)
	}
	say := func(key string) string {
		s, err := de.T(key)
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(s)
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, bookWith("precache_budget: 1\nlanguage: de\n", "Der Anfang.", "Das zweite Kapitel."), out)
	srv := serve(t, out)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	visitUntilControlled(t, tab, srv.URL+"/")

	srv.Close()
	goneOffline(t, srv.URL)
	if h1, _ := open(t, tab, srv.URL+"/third/"); h1 != say("title_offline") {
		t.Errorf("offline page: got h1 %q, want %q", h1, say("title_offline"))
	}
	eventually(t, tab, "the offline page marks unsaved chapters", `document.querySelectorAll(".not-saved").length > 0`)
	if note := strings.TrimSpace(run(t, tab, "a not-saved note", chromedp.Text(".not-saved"))); note != say("not_saved_yet") {
		t.Errorf("offline page: got note %q, want %q", note, say("not_saved_yet"))
	}

	build(t, bookWith("precache_budget: 1\nlanguage: de\n", "Der neue Anfang.", "Das zweite Kapitel."), out)
	srv = serve(t, out, srv.Addr())
	open(t, tab, srv.URL+"/first/")
	comeBackOnline(t, tab)
	run(t, tab, "the update banner", chromedp.WaitVisible("#banner-update button"))
	banner := run(t, tab, "banner", chromedp.Text("#banner-update"))
	if want := say("update_ready") + "\n" + say("reload"); !strings.Contains(banner, say("update_ready")) || !strings.Contains(banner, say("reload")) {
		t.Errorf("update banner: got %q, want %q", banner, want)
	}
}
