package readertest

import (
	"os"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

func TestShots(t *testing.T) {
	if os.Getenv("SHOTS") == "" {
		t.Skip()
	}
	srv := serve(t)
	tab := browsertest.New(t)
	shot := func(name string) {
		buf := run(t, tab, "shot", chromedp.CaptureScreenshot())
		os.WriteFile("/tmp/s-"+name+".png", buf, 0o644)
	}
	for _, scheme := range []string{"light", "dark"} {
		chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		for _, w := range []int64{375, 1280} {
			run(t, tab, "vp", chromedp.EmulateViewport(w, 800))
			open(t, tab, srv.URL+"/how-trust-breaks/")
			run(t, tab, "type", chromedp.SendKeys(chromedp.CSS("#ws-expectations-first"), "texting when plans change late"))
			open(t, tab, srv.URL+"/")
			shot(scheme + "-home-" + itoa(w))
			open(t, tab, srv.URL+chapter9)
			eval[any](t, tab, "open", `document.querySelector("#search-q").offsetParent || document.querySelector("[data-nav-toggle]").click()`)
			run(t, tab, "type", chromedp.SendKeys(chromedp.CSS("#search-q"), "plans"))
			run(t, tab, "wait", chromedp.Sleep(800_000_000))
			shot(scheme + "-search-" + itoa(w))
			open(t, tab, srv.URL+chapter9)
			eval[any](t, tab, "open", `document.querySelector("#search-q").offsetParent || document.querySelector("[data-nav-toggle]").click()`)
			shot(scheme + "-menu-" + itoa(w))
		}
	}
}

func itoa(w int64) string {
	if w == 375 {
		return "375"
	}
	return "1280"
}
