package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

const (
	sectionsPerChapter = 7
	wordsPerChapter    = 1200
)

// writer accumulates a page and counts the words of its prose.
type writer struct {
	r     *rand.Rand
	b     strings.Builder
	count int
}

func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// words writes prose and counts it.
func (w *writer) words(s string) {
	w.count += len(strings.Fields(s))
	w.b.WriteString(s)
}

func (w *writer) paragraph() {
	sentences := make([]string, 3+w.r.IntN(4))
	for i := range sentences {
		sentences[i] = w.sentence()
	}
	w.b.WriteString(strings.Join(sentences, " "))
	w.b.WriteString("\n\n")
}

// chapterPage writes chapter i: frontmatter, then sections of prose with
// the structures a workbook uses.
func chapterPage(plan []chapter, i int, opts Options) string {
	c := plan[i]
	w := &writer{r: rng(opts.Seed, i, 1)}
	hasSheet := i%3 == 2
	w.frontmatter(c, hasSheet, opts)
	w.paragraph()
	for s, h := range c.headings {
		w.printf("## %s\n\n", h)
		for w.count < wordsPerChapter*(s+1)/sectionsPerChapter-60 {
			w.paragraph()
		}
		w.crossLink(plan, c, opts)
		switch s {
		case 0:
			w.bulletList()
		case 1:
			w.table()
		case 2:
			w.code()
			if hasSheet {
				w.printf("{{< worksheet %s >}}\n\n", sheetID(c))
			}
		case 3:
			w.printf("### Try this step %d\n\n", s)
			w.orderedList()
			w.words("A footnote explains the rest.[^1]")
			w.b.WriteString("\n\n")
		case 4:
			w.definitions()
			w.fences(fenceKinds[c.index%len(fenceKinds)], fenceKinds[(c.index+3)%len(fenceKinds)])
		case 5:
			w.taskList()
			if c.index%50 == 7 { // a reference chapter: many short examples
				for k := range 30 {
					w.fences(fenceKinds[(c.index+k)%len(fenceKinds)])
				}
			}
		}
	}
	w.printf("[^1]: The %s %s was written by a program.\n", pick(w.r, adjectives), pick(w.r, nouns))
	return w.b.String()
}

func sheetID(c chapter) string { return fmt.Sprintf("ws-%d", c.index+1) }

// crossLink writes a paragraph linking a heading of another chapter and
// one of this chapter.
func (w *writer) crossLink(plan []chapter, c chapter, opts Options) {
	t := plan[w.r.IntN(len(plan))]
	h := t.headings[w.r.IntN(len(t.headings))]
	own := c.headings[w.r.IntN(len(c.headings))]
	w.words(fmt.Sprintf("See [%s](%s) in “%s”, and [%s](#%s) on this page.",
		strings.ToLower(h), chapterLink(t, slugify(h), opts), t.title, strings.ToLower(own), slugify(own)))
	w.b.WriteString("\n\n")
}

func (w *writer) bulletList() {
	for range 3 + w.r.IntN(4) {
		w.b.WriteString("- ")
		w.words(fmt.Sprintf("%s the %s %s", capitalize(pick(w.r, verbs)), pick(w.r, adjectives), pick(w.r, nouns)))
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

func (w *writer) orderedList() {
	for n := range 3 + w.r.IntN(3) {
		w.printf("%d. ", n+1)
		w.words(fmt.Sprintf("%s %s, then %s the %s.", capitalize(pick(w.r, verbs)), pick(w.r, adverbs), pick(w.r, verbs), pick(w.r, nouns)))
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

func (w *writer) taskList() {
	for n := range 3 {
		mark := " "
		if n == 0 {
			mark = "x"
		}
		w.printf("- [%s] ", mark)
		w.words(fmt.Sprintf("%s the %s", capitalize(pick(w.r, verbs)), pick(w.r, nouns)))
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

func (w *writer) table() {
	w.b.WriteString("| Day | What we tried | How it went | Minutes |\n|---|---|---:|---:|\n")
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	for d := range 4 + w.r.IntN(3) {
		w.b.WriteString("| ")
		w.words(fmt.Sprintf("%s | %s the %s | %s | %d |", days[d], capitalize(pick(w.r, verbs)), pick(w.r, nouns), pick(w.r, adjectives), 5+w.r.IntN(40)))
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

func (w *writer) definitions() {
	for range 2 {
		w.words(capitalize(pick(w.r, nouns)))
		w.b.WriteString("\n: ")
		w.words(fmt.Sprintf("The %s %s we %s %s.", pick(w.r, adjectives), pick(w.r, nouns), pick(w.r, verbs), pick(w.r, adverbs)))
		w.b.WriteString("\n\n")
	}
}

// code writes a fenced block of 8 to 14 lines in a common language.
func (w *writer) code() {
	lang := pick(w.r, languages)
	n, v := pick(w.r, nouns), pick(w.r, verbs)
	w.printf("```%s\n", lang)
	lines := 8 + w.r.IntN(7)
	switch lang {
	case "go":
		w.printf("// %s returns how often the %s changed.\nfunc %s(items []string) (int, error) {\n\tcount := 0\n", v, n, v)
		for k := range lines - 5 {
			w.printf("\tif items[%d] == %q {\n\t\tcount += %d\n\t}\n", k, pick(w.r, nouns), k+1)
		}
		w.printf("\treturn count, nil\n}\n")
	case "python":
		w.printf("def %s(items):\n    \"\"\"Count the %s entries.\"\"\"\n    total = 0\n", v, n)
		for k := range lines - 4 {
			w.printf("    if items[%d] == %q:\n        total += %d\n", k, pick(w.r, nouns), k+1)
		}
		w.printf("    return total\n")
	case "javascript":
		w.printf("export function %s(items) {\n  let total = 0;\n", v)
		for k := range lines - 3 {
			w.printf("  if (items[%d] === %q) total += %d; // %s\n", k, pick(w.r, nouns), k+1, pick(w.r, adjectives))
		}
		w.printf("  return total;\n}\n")
	case "bash":
		w.printf("#!/usr/bin/env bash\nset -euo pipefail\n")
		for k := range lines - 2 {
			w.printf("echo \"%s %s\" >> \"$HOME/%s-%d.txt\"\n", v, pick(w.r, nouns), n, k)
		}
	case "yaml":
		w.printf("%s:\n", n)
		for k := range lines - 1 {
			w.printf("  - name: %s\n    minutes: %d\n", pick(w.r, nouns), 5+k)
		}
	default:
		w.printf("{\n  \"%s\": [\n", n)
		for k := range lines - 4 {
			w.printf("    {\"name\": %q, \"minutes\": %d},\n", pick(w.r, nouns), 5+k)
		}
		w.printf("    {\"name\": %q, \"minutes\": 0}\n  ]\n}\n", v)
	}
	w.printf("```\n\n")
}

// fenceKinds are info strings as real books write them: attributes after
// the language (mdBook's "rust,ignore", Hugo's "{linenos=true}"), shell
// sessions and output, and a language chroma does not know.
var fenceKinds = []string{"rust,ignore", "js {linenos=true}", "console", "text", "sh", "workbook-notes", "toml", "diff"}

// fences writes a short fenced block of each kind, with a sentence before.
func (w *writer) fences(kinds ...string) {
	for _, kind := range kinds {
		w.words(fmt.Sprintf("For example, the %s %s:", pick(w.r, adjectives), pick(w.r, nouns)))
		w.printf("\n\n```%s\n", kind)
		n, v := pick(w.r, nouns), pick(w.r, verbs)
		switch kind {
		case "rust,ignore":
			w.printf("fn %s(items: &[&str]) -> usize {\n    items.iter().filter(|i| **i == %q).count()\n}\n", v, n)
		case "js {linenos=true}":
			w.printf("const %s = (items) => items.filter((i) => i === %q).length;\nconsole.log(%s([]));\n", v, n, v)
		case "console":
			w.printf("$ workbook %s --%s\n%d %ss found\n$ echo $?\n0\n", v, n, w.r.IntN(90)+1, n)
		case "text":
			w.printf("%s: %s\n  then %s the %s again\n", strings.ToUpper(v), n, v, pick(w.r, nouns))
		case "sh":
			w.printf("for f in %s-*.txt; do\n  wc -l \"$f\"\ndone\n", n)
		case "workbook-notes":
			w.printf("@%s %s -> %s\n@%s done\n", v, n, pick(w.r, nouns), n)
		case "toml":
			w.printf("[%s]\n%s = %d\nname = %q\n", n, v, w.r.IntN(20), pick(w.r, nouns))
		default:
			w.printf("--- a/%s.txt\n+++ b/%s.txt\n@@ -1 +1 @@\n-%s\n+%s\n", n, n, v, pick(w.r, verbs))
		}
		w.printf("```\n\n")
	}
}

// frontmatter writes the chapter's YAML; every third chapter declares a
// worksheet whose fields cycle through every field type.
func (w *writer) frontmatter(c chapter, hasSheet bool, opts Options) {
	w.printf("---\ntitle: %q\ndescription: %q\npart: \"Part %d\"\n", c.title,
		fmt.Sprintf("How to %s the %s, %s.", pick(w.r, verbs), pick(w.r, nouns), pick(w.r, adverbs)), c.index/25+1)
	if opts.Hugo {
		w.printf("slug: %s\nweight: %d\n", c.slug, c.index+1)
	}
	if hasSheet {
		w.worksheet(c)
	}
	w.printf("---\n\n")
}

func (w *writer) worksheet(c chapter) {
	w.printf("worksheets:\n  - id: %s\n    title: %q\n    intro: Take ten quiet minutes. There are no wrong answers.\n    minutes: %d\n    fields:\n",
		sheetID(c), fmt.Sprintf("The %s %s", pick(w.r, adjectives), pick(w.r, nouns)), 5+w.r.IntN(20))
	start := c.index / 3
	for k := range 4 + w.r.IntN(5) {
		t := book.FieldTypes[(start+k)%len(book.FieldTypes)]
		label := fmt.Sprintf("How do you %s the %s", pick(w.r, verbs), pick(w.r, nouns))
		w.printf("      - {id: f%d, type: %s, label: %q", k+1, t, label)
		switch t {
		case book.Textarea:
			w.printf(", lines: %d", 3+w.r.IntN(4))
		case book.List:
			w.printf(", min: %d", 2+w.r.IntN(3))
		case book.Choice, book.Checklist:
			w.printf(", options: [%s, %s, %s]", capitalize(pick(w.r, adjectives)), capitalize(pick(w.r, nouns)), "Not sure")
		case book.Scale:
			w.printf(", min: 0, max: 10, low: \"not at all\", high: \"very much\"")
		case book.Text:
			w.printf(", placeholder: \"One word\"")
		}
		w.printf("}\n")
	}
}
