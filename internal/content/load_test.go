package content

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/book"
)

const indexMD = "---\nid: test-book\ntitle: A Test Book\n---\n\nWelcome.\n"

// startMD is a valid first chapter other files can link to.
const startMD = "# Start\n\n## Section one\n\nText.\n"

// bookWith returns a valid book plus files, which may replace its files.
func bookWith(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/_index.md":   {Data: []byte(indexMD)},
		"content/01-start.md": {Data: []byte(startMD)},
		"content/img/a.png":   {Data: []byte("\x89PNG")},
	}
	for p, src := range files {
		if src == "<delete>" {
			delete(fsys, p)
			continue
		}
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// want is one expected error: its position exactly as printed, and
// substrings of its message and hint.
type want struct{ pos, msg, hint string }

func (w want) matches(e *book.Error) bool {
	return position(e) == w.pos && strings.Contains(e.Msg, w.msg) && strings.Contains(e.Hint, w.hint)
}

func position(e *book.Error) string {
	s := fmt.Sprintf("%s:%d", e.Path, e.Line)
	if e.Col > 0 {
		s += fmt.Sprintf(":%d", e.Col)
	}
	return s
}

// TestBadInput loads one bad input per case and checks that exactly the
// expected errors come back, each with its file:line(:col), what is wrong
// and a hint on how to fix it.
func TestBadInput(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Load(bookWith(tc.files), Options{})
			var errs book.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got book %v, error %v; want book.Errors", b != nil, err)
			}
			if b != nil {
				t.Errorf("got a book along with errors; want nil")
			}
			for _, w := range tc.want {
				if !slicesAny(errs, w.matches) {
					t.Errorf("missing error %s: …%s… (…%s…); got:\n%v", w.pos, w.msg, w.hint, err)
				}
			}
			if len(errs) != len(tc.want) {
				t.Errorf("got %d errors, want %d:\n%v", len(errs), len(tc.want), err)
			}
			for _, e := range errs {
				if e.Hint == "" {
					t.Errorf("%v: no hint on how to fix it", e)
				}
			}
		})
	}
}

func slicesAny(errs book.Errors, f func(*book.Error) bool) bool {
	for _, e := range errs {
		if f(e) {
			return true
		}
	}
	return false
}

const x = "content/02-x.md"

// one returns a book whose chapter content/02-x.md is src.
func one(src string) map[string]string { return map[string]string{x: src} }

// sheet returns a chapter whose one worksheet has the given field lines
// (the first field line is file line 7).
func sheet(fieldLines ...string) map[string]string {
	return one("---\ntitle: X\nworksheets:\n  - id: plan\n    title: A plan\n    fields:\n" +
		strings.Join(fieldLines, "\n") + "\n---\n\nText.\n")
}

var badInputs = []struct {
	name  string
	files map[string]string
	want  []want
}{
	{"malformed YAML", one("---\ntitle: [unclosed\n---\nText.\n"),
		[]want{{x + ":2", "YAML: did not find expected", "check the indentation"}}},
	{"YAML colon in value", one("---\ntitle: X\ndescription: Talk: then listen\n---\n"),
		[]want{{x + ":3", "YAML: mapping values are not allowed", "put quotes around text with a colon"}}},
	{"YAML bad indentation", one("---\ntitle: X\n  part: One\n---\n"),
		[]want{{x + ":3:3", "YAML:", "check the indentation"}}},
	{"frontmatter is a list", one("---\n- title\n---\n"),
		[]want{{x + ":2:1", "must be a list of keys and values", "one `key: value` per line"}}},
	{"frontmatter never closed", one("---\ntitle: X\n\nText.\n"),
		[]want{{x + ":1:1", "never closed", "closing `---` line"}}},
	{"unknown key with suggestion", one("---\ntitel: Talking\n---\nText.\n"),
		[]want{{x + ":2:1", `unknown key "titel"`, `did you mean "title"?`}}},
	{"unknown key far from any", one("---\ntitle: X\ncolour: red\n---\n"),
		[]want{{x + ":3:1", `unknown key "colour"`, "known keys: description, draft, part, slug, title, weight, worksheets"}}},
	{"key given twice", one("---\ntitle: X\ntitle: Y\n---\n"),
		[]want{{x + ":3:1", `the key "title" is given twice`, "remove one"}}},
	{"wrong value types", one("---\ntitle: X\nweight: heavy\ndraft: maybe\n---\n"),
		[]want{{x + ":3:9", "weight must be a whole number", "weight: 3"}, {x + ":4:8", "draft must be true or false", "true or false"}}},
	{"text that is a list", one("---\ntitle: [Talking, listening]\ndescription:\n---\n"),
		[]want{{x + ":2:8", "title must be text", "in quotes if it has special characters"}}},
	{"options that are not text", sheet("      - {id: c, type: choice, label: C, options: [Yes, {No: never}]}"),
		[]want{{x + ":7:57", `option: unknown key "No"`, "known keys: label, was"}}},
	{"missing title", one("Some text without a heading.\n\n## Not a title\n"),
		[]want{{x + ":1", "the chapter has no title", "add `title: ...` to the frontmatter or start the text with a `# Heading`"}}},
	{"missing title with frontmatter", one("---\ndescription: About it\n---\nText.\n"),
		[]want{{x + ":1", "the chapter has no title", "`# Heading`"}}},
	{"empty file", one(""),
		[]want{{x + ":1", "the file is empty", "write a `# Title`"}}},
	{"non-UTF-8 file", one("# X\n\nCaf\xe9 au lait\n"),
		[]want{{x + ":3:4", "not UTF-8", "save it as UTF-8"}}},
	{"TOML unknown key", one("+++\ntitle = \"X\"\ntitel = \"Y\"\n+++\nText.\n"),
		[]want{{x + ":3:1", `unknown key "titel"`, `did you mean "title"?`}}},
	{"TOML syntax", one("+++\ntitle = \"X\"\nweight =\n+++\nText.\n"),
		[]want{{x + ":3:9", "TOML:", "`key = value`"}}},
	{"duplicate slugs", map[string]string{"content/02-talk.md": "# A\n", "content/03-talk.md": "# B\n"},
		[]want{{"content/03-talk.md:1", "the URL /talk/ is also the URL of content/02-talk.md", "another `slug:`"}}},
	{"duplicate slug set in frontmatter", map[string]string{x: "---\ntitle: X\nslug: start\n---\n"},
		[]want{{"content/02-x.md:3:7", "the URL /start/ is also the URL of content/01-start.md", "another `slug:`"}}},
	{"unusable slug", one("---\ntitle: X\nslug: Hello World\n---\n"),
		[]want{{x + ":3:7", `the URL slug "Hello World" is not usable`, "lowercase letters, digits and hyphens"}}},
	{"link to a missing chapter", one("# X\n\nSee [the talk](03-talk.md).\n"),
		[]want{{x + ":3:5", "link to 03-talk.md: no such chapter", "check the file name"}}},
	{"link to a missing heading", one("# X\n\nSee\n[the start](01-start.md#section-two).\n"),
		[]want{{x + ":4:1", `content/01-start.md has no heading with the id "section-two"`, "#section-one"}}},
	{"link to a missing heading on the same page", one("# X\n\n## Here\n\nUp [there](#hear).\n"),
		[]want{{x + ":5:4", "link to #hear: this page has no such heading", "#here"}}},
	{"link to a draft", map[string]string{x: "# X\n\nSee [later](03-later.md).\n", "content/03-later.md": "---\ntitle: Later\ndraft: true\n---\n"},
		[]want{{x + ":3:5", "link to 03-later.md: content/03-later.md is a draft, left out of this build", "build with --drafts"}}},
	{"heading ids given twice", one("# X\n\n## A {#same}\n\nText.\n\n## B {#same}\n\n## Notes\n\n## Notes\n"),
		[]want{{x + ":7", `an earlier heading already has the id "same"`, "{#same-2}"}}},
	{"heading attributes beyond id and class", one("# X\n\n## Hi {#hi .big style=\"color: red\" tabindex=3}\n"),
		[]want{
			{x + ":3", `the heading attribute "style" is not allowed`, "only {#id} and {.class}"},
			{x + ":3", `the heading attribute "tabindex" is not allowed`, "only {#id} and {.class}"},
		}},
	{"link to a missing image", one("# X\n\n![A map](img/map.png)\n"),
		[]want{{x + ":3:1", "link to img/map.png: no such file (content/img/map.png)", "put the file in content/"}}},
	{"several errors in several files", map[string]string{
		"content/02-a.md": "---\ntitel: A\n---\n[x](nope.md)\n",
		"content/03-b.md": "# B\n\n[y](#nowhere)\n",
	}, []want{
		{"content/02-a.md:2:1", `unknown key "titel"`, "did you mean"},
		{"content/02-a.md:4:1", "no such chapter", "check the file name"},
		{"content/03-b.md:3:1", "no such heading", "heading ids"},
	}},

	{"part split by another chapter", map[string]string{
		"content/02-a.md": "---\ntitle: A\npart: One\n---\n",
		"content/03-b.md": "---\ntitle: B\npart: Two\n---\n",
		"content/04-c.md": "---\ntitle: C\ndescription: x\npart: One\n---\n",
	}, []want{{"content/04-c.md:4:7", `part "One" continues after content/03-b.md, which is not in it`, "check their `weight:`"}}},
	{"part spelt two ways", map[string]string{
		"content/02-a.md": "---\ntitle: A\npart: Part one\n---\n",
		"content/03-b.md": "---\ntitle: B\npart: Part  One\n---\n",
	}, []want{{"content/03-b.md:3:7", `part "Part  One" is written "Part one" elsewhere`, "the same way in every chapter"}}},

	// The home page and the book's settings.
	{"no home page", map[string]string{IndexPath: "<delete>"},
		[]want{{IndexPath + ":0", "the book has no home page", "create content/_index.md"}}},
	{"home page without frontmatter", map[string]string{IndexPath: "# My Book\n"},
		[]want{{IndexPath + ":1", "has no frontmatter", "`id: my-book`"}}},
	{"empty home page", map[string]string{IndexPath: ""},
		[]want{{IndexPath + ":1", "the file is empty", "`id: my-book`"}}},
	{"book without id and title", map[string]string{IndexPath: "---\nsubtitle: S\n---\n"},
		[]want{{IndexPath + ":2:1", "needs an id", "add `id: my-book`"}, {IndexPath + ":2:1", "needs a title", "add `title:"}}},
	{"bad book id", map[string]string{IndexPath: "---\nid: My Book\ntitle: T\n---\n"},
		[]want{{IndexPath + ":2:5", `the book id "My Book" is not a plain id`, "lowercase letters, digits and hyphens"}}},
	{"unknown book setting", map[string]string{IndexPath: "---\nid: b\ntitle: T\nunsafe-html: true\n---\n"},
		[]want{{IndexPath + ":4:1", `book settings: unknown key "unsafe-html"`, `did you mean "unsafe_html"?`}}},
	{"worksheet on the home page", map[string]string{IndexPath: indexMD + "\n{{< worksheet plan >}}\n"},
		[]want{{IndexPath + ":8:1", "the home page cannot hold a worksheet", "move the worksheet to a chapter"}}},

	// Worksheets.
	{"unknown field type", sheet("      - {id: a, type: texterea, label: A}"),
		[]want{{x + ":7:23", `worksheet "plan": field 1: unknown type "texterea"`, `did you mean "textarea"?`}}},
	{"unknown field type far from any", sheet("      - {id: a, type: essay, label: A}"),
		[]want{{x + ":7:23", `unknown type "essay"`, "known types: text, textarea, list, choice, checklist, scale, date"}}},
	{"unknown field key", sheet("      - {id: a, label: A, lable: B}"),
		[]want{{x + ":7:27", `worksheet "plan": field 1: unknown key "lable"`, `did you mean "label"?`}}},
	{"unknown worksheet key", one("---\ntitle: X\nworksheets:\n  - id: plan\n    title: A plan\n    intro: Go.\n    feilds: []\n---\n"),
		[]want{
			{x + ":7:5", `worksheet: unknown key "feilds"`, `did you mean "fields"?`},
			{x + ":4:5", `worksheet "plan" has no fields`, "add `fields:`"},
		}},
	{"missing field id", sheet("      - {label: A}"),
		[]want{{x + ":7:9", `worksheet "plan": field 1 has no id`, "add `id:"}}},
	{"missing field label", sheet("      - {id: a}"),
		[]want{{x + ":7:9", `worksheet "plan": field 1 has no label`, "add `label:"}}},
	{"duplicate field ids", sheet("      - {id: a, label: A}", "      - {id: b, label: B}", "      - {id: a, label: C}"),
		[]want{{x + ":9:9", `worksheet "plan": duplicate field id "a"`, "field 1 already uses it"}}},
	{"bad field id", sheet("      - {id: My_Field, label: A}"),
		[]want{{x + ":7:14", `field 1: id "My_Field" is not a plain id`, "lowercase letters, digits and hyphens"}}},
	{"field that is not a mapping", sheet("      - just a question"),
		[]want{{x + ":7:9", "field 1 must be a set of `key: value` pairs", "{id: name"}}},
	{"scale with min equal to max", sheet("      - {id: s, type: scale, label: S, min: 5, max: 5}"),
		[]want{{x + ":7:9", "field 1: scale min 5 is not below max 5", "min must be smaller than max"}}},
	{"scale with min above max", sheet("      - {id: s, type: scale, label: S, min: 10, max: 0}"),
		[]want{{x + ":7:9", "scale min 10 is not below max 0", "min must be smaller than max"}}},
	{"scale without bounds", sheet("      - {id: s, type: scale, label: S}"),
		[]want{{x + ":7:9", "a scale needs min and max", "add `min: 0` and `max: 10`"}}},
	{"choice without options", sheet("      - {id: c, type: choice, label: C}"),
		[]want{{x + ":7:9", "field 1: a choice needs options", "add `options: [First, Second]`"}}},
	{"checklist with empty options", sheet("      - {id: c, type: checklist, label: C, options: []}"),
		[]want{{x + ":7:9", "field 1: a checklist needs options", "add `options:"}}},
	{"was naming another field", sheet("      - {id: a, label: A}", "      - {id: b, label: B, was: [a]}"),
		[]want{{x + ":8", `field 2: was: "a" is the id of field 1`, "must not be in use"}}},
	{"was naming an old id twice", sheet("      - {id: a, label: A, was: [old]}", "      - {id: b, label: B, was: [old]}"),
		[]want{{x + ":8", `field 2: was: "old" is also claimed by field 1`, "one old answer can move to one field only"}}},
	{"was with a bad id", sheet("      - {id: a, label: A, was: [Old One]}"),
		[]want{{x + ":7", `field 1: was: "Old One" is not a plain id`, "lowercase letters"}}},
	{"option was naming a current option", sheet(`      - {id: c, type: choice, label: C, options: ["Yes", {label: "No", was: ["Yes"]}]}`),
		[]want{{x + ":7:9", `field 1: option "No": was: "Yes" is still an option`, "must not be an option still offered"}}},
	{"option was claimed twice", sheet(`      - {id: c, type: checklist, label: C, options: [{label: "A", was: ["Old"]}, {label: "B", was: ["Old"]}]}`),
		[]want{{x + ":7:9", `field 1: option "B": was: "Old" is also claimed by option "A"`, "one option only"}}},
	{"option was empty", sheet(`      - {id: c, type: choice, label: C, options: [{label: "A", was: [" "]}]}`),
		[]want{{x + ":7:9", `field 1: option "A": an earlier option in was: is empty`, "remove the empty entry"}}},
	{"option mapping without label", sheet(`      - {id: c, type: choice, label: C, options: [{was: ["Old"]}]}`),
		[]want{{x + ":7:9", "field 1: a choice needs options", "add `options:"}, {x + ":7:51", "an option has no label", "add `label:"}}},
	{"option mapping with an unknown key", sheet(`      - {id: c, type: choice, label: C, options: [{label: A, wass: [B]}]}`),
		[]want{{x + ":7:62", `option: unknown key "wass"`, `did you mean "was"?`}}},
	{"option that is a list", sheet(`      - {id: c, type: choice, label: C, options: [[A, B]]}`),
		[]want{{x + ":7:9", "field 1: a choice needs options", "add `options:"}, {x + ":7:51", "each entry must be text or a {label, was} mapping", "{label: \"New words\""}}},
	{"options on a text field", sheet("      - {id: a, label: A, options: [x, y]}"),
		[]want{{x + ":7:27", "field 1: a text field has no use for options", "set the field's type to choice or checklist"}}},
	{"scale keys on a textarea", sheet("      - {id: a, type: textarea, label: A, max: 5, high: lots}"),
		[]want{
			{x + ":7:43", "field 1: a textarea field has no use for max", "type to scale"},
			{x + ":7:51", "field 1: a textarea field has no use for high", "type to scale"},
		}},
	{"repeated and empty options", sheet(`      - {id: c, type: choice, label: C, options: ["Yes", "No", "Yes", " "]}`),
		[]want{
			{x + ":7:9", `field 1: the option "Yes" is given twice`, "remove one"},
			{x + ":7:9", "field 1: an option is empty", "remove the empty option"},
		}},
	{"worksheet without id", one("---\ntitle: X\nworksheets:\n  - title: A plan\n    fields: [{id: a, label: A}]\n---\n"),
		[]want{{x + ":4:5", "a worksheet has no id", "add `id: a-short-name`"}}},
	{"worksheet without title", one("---\ntitle: X\nworksheets:\n  - id: plan\n    minutes: ten\n    fields: [{id: a, label: A}]\n---\n"),
		[]want{
			{x + ":4:5", `worksheet "plan" has no title`, "add `title: ...`"},
			{x + ":5:14", `minutes must be a whole number, not "ten"`, "minutes: 3"},
		}},
	{"repeat that is not true or false", one("---\ntitle: X\nworksheets:\n  - id: plan\n    title: A plan\n    repeat: weekly\n    fields: [{id: a, label: A}]\n---\n"),
		[]want{{x + ":6:13", `repeat must be true or false, not "weekly"`, "write true or false"}}},
	{"repeat misspelt", one("---\ntitle: X\nworksheets:\n  - id: plan\n    title: A plan\n    repaet: true\n    fields: [{id: a, label: A}]\n---\n"),
		[]want{{x + ":6:5", `worksheet: unknown key "repaet"`, `did you mean "repeat"?`}}},
	{"repeat given as a list", one("---\ntitle: X\nworksheets:\n  - {id: plan, title: P, repeat: [weekly], fields: [{id: a, label: A}]}\n---\n"),
		[]want{{x + ":4:34", "repeat must be true or false, not a list", "write true or false"}}},
	{"repeat on a field instead of its worksheet", sheet("      - {id: a, label: A, repeat: true}"),
		[]want{{x + ":7:27", `worksheet "plan": field 1: unknown key "repeat"`, "known keys"}}},
	{"bad worksheet id", one("---\ntitle: X\nworksheets:\n  - id: My Plan\n    title: A plan\n    fields: [{id: a, label: A}]\n---\n"),
		[]want{{x + ":4:9", `worksheet id "My Plan" is not a plain id`, "lowercase letters, digits and hyphens"}}},
	{"worksheets not a list", one("---\ntitle: X\nworksheets: {id: plan}\n---\n"),
		[]want{{x + ":3:13", "worksheets must be a list", "`- id: ...`"}}},
	{"duplicate worksheet ids across the book", map[string]string{
		"content/02-a.md": "---\ntitle: A\nworksheets:\n  - id: plan\n    title: P\n    fields: [{id: a, label: A}]\n---\n",
		"content/03-b.md": "---\ntitle: B\nworksheets:\n  - {id: other, title: O, fields: [{id: a, label: A}]}\n  - id: plan\n    title: P\n    fields: [{id: a, label: A}]\n---\n",
	}, []want{{"content/03-b.md:5", `worksheet id "plan" is already used in content/02-a.md:4`, "unique in the book"}}},
	{"marker naming no worksheet", one("---\ntitle: X\nworksheets:\n  - id: plan\n    title: P\n    fields: [{id: a, label: A}]\n---\n\nText.\n\n{{< worksheet plans >}}\n"),
		[]want{{x + ":11:1", `the marker names worksheet "plans", which this chapter does not declare`, `did you mean "plan"?`}}},
	{"marker in a chapter without worksheets", one("# X\n\n{{< worksheet plan >}}\n"),
		[]want{{x + ":3:1", `the marker names worksheet "plan"`, "declare the worksheet under `worksheets:`"}}},
	{"marker without an id", one("# X\n\n{{< worksheet >}}\n"),
		[]want{{x + ":3:1", "the worksheet marker names no worksheet", "{{< worksheet my-id >}}"}}},
	{"worksheet placed twice", one("---\ntitle: X\nworksheets:\n  - {id: plan, title: P, fields: [{id: a, label: A}]}\n---\n\n{{< worksheet plan >}}\n\n{{< worksheet plan >}}\n"),
		[]want{{x + ":9:1", `worksheet "plan" is placed twice`, "keep one marker"}}},
}
