package a11ytest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

// measure reports what a reader sees of a chapter page: the page's width
// against the window's, the prose's characters a line, the body font, the
// page's colours, and the worst contrast of highlighted code.
const measure = `(() => {
  const lum = c => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const p = [...document.querySelectorAll('.prose > p')].sort((a, b) => b.textContent.length - a.textContent.length)[0];
  const ps = getComputedStyle(p);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = ps.fontSize + ' ' + ps.fontFamily;
  const sample = 'Take ten quiet minutes. There are no wrong answers, only honest ones.';
  const perChar = ctx.measureText(sample).width / sample.length;
  const body = getComputedStyle(document.body);
  const pre = document.querySelector('pre.chroma');
  const preBg = getComputedStyle(pre).backgroundColor;
  let worst = 99, worstText = '';
  for (const s of pre.querySelectorAll('span')) {
    if (!s.textContent.trim()) continue;
    const c = contrast(getComputedStyle(s).color, preBg);
    if (c < worst) { worst = c; worstText = s.textContent; }
  }
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    chars: Math.round(p.getBoundingClientRect().width / perChar),
    font: body.fontFamily,
    bodyLum: lum(body.backgroundColor),
    textContrast: contrast(body.color, body.backgroundColor),
    codeContrast: worst, codeText: worstText,
  };
})()`

type look struct {
	Overflow     float64 `json:"overflow"`
	Chars        int     `json:"chars"`
	Font         string  `json:"font"`
	BodyLum      float64 `json:"bodyLum"`
	TextContrast float64 `json:"textContrast"`
	CodeContrast float64 `json:"codeContrast"`
	CodeText     string  `json:"codeText"`
}

// focus describes the focused element.
const focus = `(() => {
  const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {cls: el.className, id: el.id, top: r.top, width: r.width, outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth)};
})()`

type focused struct {
	Class   string  `json:"cls"`
	ID      string  `json:"id"`
	Top     float64 `json:"top"`
	Width   float64 `json:"width"`
	Outline float64 `json:"outline"`
}

// TestCalmReadableLook builds the golden fixture book and checks a chapter
// on a phone and a desktop, light and dark: no sideways scrolling, about 65
// characters a line, system fonts, dark mode that is dark, readable code,
// and a skip link that shows and works from the keyboard with a visible
// focus ring.
func TestCalmReadableLook(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Config{Src: "../render/testdata/book", Out: out, Minify: true}); err != nil {
		t.Fatal(err)
	}
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, browsertest.Static(out, rules))
	tab := browsertest.New(t)
	for _, width := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%dpx-%s", width, scheme), func(t *testing.T) {
				if _, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(tab.Ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/markdown/")); err != nil {
					t.Fatal(err)
				}
				checkLook(t, tab, width, scheme == "dark")
				checkSkipLink(t, tab)
			})
		}
	}
}

func checkLook(t *testing.T, tab *browsertest.Tab, width int64, dark bool) {
	t.Helper()
	l, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[look](measure))
	if err != nil {
		t.Fatal(err)
	}
	if l.Overflow > 0 {
		t.Errorf("the page is %.0f px wider than the window", l.Overflow)
	}
	if width >= 1000 && (l.Chars < 55 || l.Chars > 80) {
		t.Errorf("prose lines hold about %d characters, want about 65", l.Chars)
	}
	if width < 400 && l.Chars > 50 {
		t.Errorf("on a phone prose lines hold about %d characters; the text must wrap to the screen", l.Chars)
	}
	if len(l.Font) < 9 || l.Font[:9] != "system-ui" {
		t.Errorf("body font %q, want the system font first", l.Font)
	}
	if dark != (l.BodyLum < 0.2) {
		t.Errorf("dark mode %v but the background's luminance is %.2f", dark, l.BodyLum)
	}
	if l.TextContrast < 7 {
		t.Errorf("body text contrast %.1f:1, want at least 7:1", l.TextContrast)
	}
	if l.CodeContrast < 4.5 {
		t.Errorf("highlighted code %q has contrast %.1f:1, want at least 4.5:1", l.CodeText, l.CodeContrast)
	}
}

func checkSkipLink(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	f := press(t, tab, kb.Tab)
	if f.Class != "skip-link" || f.Top < 0 || f.Width == 0 {
		t.Errorf("the first Tab should show the skip link in the window; focused %+v", f)
	}
	if f.Outline < 2 {
		t.Errorf("the focused skip link has a %.0f px outline, want a visible focus ring", f.Outline)
	}
	f = press(t, tab, kb.Enter, kb.Tab)
	if f.Outline < 2 {
		t.Errorf("after skipping, the next focused element %+v has no visible focus ring", f)
	}
}

// press types keys and returns what has the focus then.
func press(t *testing.T, tab *browsertest.Tab, keys ...string) focused {
	t.Helper()
	for _, k := range keys {
		if err := chromedp.Do(tab.Ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	f, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[focused](focus))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
