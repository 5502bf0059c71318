package worksheettest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/site"
)

// arabicBook is a small book in Arabic with a worksheet holding a scale,
// and the book's own table for the words a reader sees first. The
// generator ships no Arabic table, so the rest of the interface falls back
// to English, with a warning per key.
func arabicBook() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\nid: " + bookID + "\ntitle: كتاب التمارين الصغيرة\nlanguage: ar\n---\n\nأهلًا بك. اكتب وأنت تقرأ.\n")},
		"content/01-thiqa.md": {Data: []byte(`---
title: الثقة
worksheets:
  - id: trust
    title: ما الذي يبني الثقة؟
    intro: خذ عشر دقائق هادئة. لا توجد إجابات خاطئة.
    fields:
      - {id: felt, type: scale, label: "كم تثق اليوم؟", min: 0, max: 10, low: "لا على الإطلاق", high: "كثيرًا جدًا"}
      - {id: words, type: textarea, label: "ماذا تريد أن تقول؟", help: "اكتب ما يخطر ببالك."}
      - {id: steps, type: list, label: "خطوات صغيرة", min: 2}
---

## قبل الورقة

الثقة تُبنى ببطء، خطوة بعد خطوة. اقرأ هذه الفقرة ثم أجب عن الأسئلة أدناه بهدوء، بلا عجلة.

{{< worksheet trust >}}

## بعدها

عُد إلى هذه الورقة بعد أسبوع.
`)},
		"i18n/ar.toml": {Data: []byte(`[page]
skip_link = "انتقل إلى النص"
leave_quickly = "غادر بسرعة"
nav_label = "الكتاب"
contents = "المحتويات"
nav_print = "طباعة"
footer_privacy = "تُحفظ إجاباتك في هذا المتصفح فقط، على هذا الجهاز. لا يُرسل شيء مما تكتبه إلى أي مكان."
reading_time = { zero = "{n} دقيقة قراءة", one = "دقيقة قراءة", two = "دقيقتان قراءة", few = "{n} دقائق قراءة", many = "{n} دقيقة قراءة", other = "{n} دقيقة قراءة" }
worksheet_count = { one = "ورقة عمل واحدة", two = "ورقتا عمل", few = "{n} أوراق عمل", many = "{n} ورقة عمل", other = "{n} ورقة عمل" }
pager_prev = "السابق"
pager_next = "التالي"
ws_kicker = "ورقة عمل"
print_answers = "اطبع مع إجاباتي"
print_blank = "اطبع فارغة"
download = "نزّل إجاباتي"
restore = "استعد من ملف"
clear_ws = "امسح ورقة العمل هذه"
clear_all = "امسح كل إجاباتي"
ws_privacy = "تُحفظ إجاباتك أثناء الكتابة، في هذا المتصفح فقط على هذا الجهاز."
add_entry = "أضف بندًا"
remove = "احذف"

[script]
saved = "حُفظ على هذا الجهاز."
remove_entry = "البند {n}"
list_entry_label = "{label}، البند {n}"
`)},
	}
}

// TestArabicBook: a book in Arabic is laid out right to left, its scale
// and lists mirrored, with no sideways scrolling on a phone. With
// WORKBOOK_SCREENSHOTS=dir it leaves screenshots there to look at: a
// chapter at 375 and 1,280 px, its worksheet, and the worksheet printed
// blank.
func TestArabicBook(t *testing.T) {
	browsertest.Require(t)
	res, err := site.Build(context.Background(), site.Config{Project: arabicBook(), Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Warnings.Error(); !strings.Contains(got, "i18n/ar.toml: [page] print_fill is missing, so it is shown in English") {
		t.Errorf("build warnings %q: want one naming each key the Arabic table lacks", got)
	}
	b := browsertest.New(t)
	r := newReader(t, b, publishFS(t, arabicBook()))
	shots := os.Getenv("WORKBOOK_SCREENSHOTS")
	for _, width := range []int64{375, 1280} {
		r.do(chromedp.EmulateViewport(width, 900))
		r.open("/thiqa/")
		if got := eval[string](r, `document.documentElement.dir + " " + getComputedStyle(document.body).direction`); got != "rtl rtl" {
			t.Fatalf("%d px: dir and direction %q, want rtl rtl", width, got)
		}
		if over := eval[float64](r, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%d px: the page is %.0f px wider than the window", width, over)
		}
		// Right to left, a scale starts at the right: 0 right of 10, its
		// low end's words right of the high end's.
		if got := eval[bool](r, `(() => {
  const x = sel => document.querySelector(sel).getBoundingClientRect().left;
  return x('#ws-trust .scale-point:first-child') > x('#ws-trust .scale-point:last-child');
})()`); !got {
			t.Errorf("%d px: the scale's 0 is not right of its 10", width)
		}
		if got := eval[bool](r, `(() => {
  const t = document.querySelector('.site-title').getBoundingClientRect(), m = document.querySelector('main').getBoundingClientRect();
  return t.right > m.left + m.width / 2;
})()`); !got {
			t.Errorf("%d px: the book's title is not at the right of the header", width)
		}
		r.do(chromedp.SendKeys(chromedp.CSS(`#ws-trust textarea`), "بهدوء"))
		r.waitFor(`document.querySelector("#ws-trust [data-ws-status]").textContent === "حُفظ على هذا الجهاز."`, "the Arabic saved note")
		screenshot(r, shots, "chapter", width, `body`)
		if shots != "" {
			eval[bool](r, `(window.scrollTo(0, 0), true)`)
			png, err := chromedp.Run(r.tab.Ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, "window-"+itoa(width)+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		screenshot(r, shots, "worksheet", width, `#ws-trust`)
	}
	r.do(chromedp.EmulateViewport(800, 1100))
	r.open("/print/")
	eval[bool](r, `(document.documentElement.classList.add("print-blank"), true)`)
	if _, err := chromedp.Call(r.tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	screenshot(r, shots, "print-blank", 800, `#ws-trust`)
}

// screenshot saves the element sel as dir/name-width.png, when dir is set.
func screenshot(r *reader, dir, name string, width int64, sel string) {
	r.t.Helper()
	if dir == "" {
		return
	}
	png, err := chromedp.Run(r.tab.Ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+"-"+itoa(width)+".png"), png, 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
