package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBook writes a project of n chapters into dir: headings, lists, a
// table, a code block, a link to the previous chapter, and a worksheet in every third
// chapter, close to what authors write.
func writeBook(t testing.TB, dir string, n int) {
	t.Helper()
	write(t, filepath.Join(dir, "content/_index.md"), "---\nid: test-book\ntitle: A Test Book\n---\n\nWelcome to the book.\n")
	for i := 1; i <= n; i++ {
		write(t, filepath.Join(dir, "content", chapterFile(i)), chapterText(i, n, "The first words."))
	}
}

func chapterFile(i int) string { return fmt.Sprintf("%04d-chapter-%d.md", i, i) }

// chapterText is chapter i of n, opening with lead.
func chapterText(i, n int, lead string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Chapter %d\n", i)
	if i%3 == 0 {
		fmt.Fprintf(&b, "worksheets:\n  - id: sheet-%d\n    title: Notes %d\n    fields:\n      - {id: word, type: text, label: \"One word\"}\n      - {id: more, type: textarea, label: \"What happened\"}\n", i, i)
	}
	fmt.Fprintf(&b, "---\n\n%s\n\n", lead)
	for s := 1; s <= 4; s++ {
		fmt.Fprintf(&b, "## Section %d\n\n", s)
		b.WriteString(strings.Repeat("Some calm and plain sentences about what happened, and what we might try \"next\" -- slowly. ", 12))
		b.WriteString("\n\n- one thing\n- another thing\n- a *third* thing\n\n")
	}
	b.WriteString("| When | What |\n|---|---|\n| morning | a walk |\n| evening | a talk |\n\n")
	b.WriteString("```go\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n\n")
	if i > 1 { // links only backwards, so any chapter but the first can be deleted
		fmt.Fprintf(&b, "Back to [the previous chapter](%s#section-1).\n", chapterFile(i-1))
	}
	return b.String()
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
