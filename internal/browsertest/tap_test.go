package browsertest

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTapReachesWhatABannerCovers: a button just in view at the foot of
// the screen, under a bar fixed there, is what a plain click finds
// visible and presses through the bar; Tap brings it to the middle first.
func TestTapReachesWhatABannerCovers(t *testing.T) {
	const page = `<!doctype html><title>t</title>
<body style="margin:0;height:3000px">
<div id="bar" style="position:fixed;bottom:0;left:0;right:0;height:120px;z-index:1;background:#ccc"></div>
<button id="b" style="position:absolute;left:20px;height:30px">Press</button>
<script>
document.getElementById("b").style.top = (innerHeight - 60) + "px";
window.hits = [];
document.addEventListener("click", e => hits.push(e.target.id));
</script>`
	srv := Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(page)) }))
	hits := func(press chromedp.Action[chromedp.Void]) []string {
		tab := New(t, Options{Width: 400, Height: 900})
		if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/"), press); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[[]string](`hits`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := hits(chromedp.Click("#b")); len(got) != 1 || got[0] != "bar" {
		t.Errorf("a plain click: pressed %q; want the bar over the button (or this test shows nothing)", got)
	}
	if got := hits(Tap("#b")); len(got) != 1 || got[0] != "b" {
		t.Errorf("Tap: pressed %q; want the button", got)
	}
}
