package content

import (
	"strings"
	"testing"
)

// TestYAMLErrorLines checks that a YAML mistake is reported at the line to
// change, and that it adds no second error about the chapter's worksheets.
func TestYAMLErrorLines(t *testing.T) {
	const fields = "---\ntitle: X\nworksheets:\n  - id: w\n    title: W\n    fields:\n      - {id: a, label: A}\n"
	for _, tc := range []struct {
		name, src, at, msg string
	}{
		{"a list item indented too far", fields + "        - {id: b, label: B}\n      - {id: c, label: C}\n---\n\n{{< worksheet w >}}\n", ":8:9:", "indented more than the one before it"},
		{"a key indented too far", "---\ntitle: X\n  part: One\n---\n", ":3:3:", "indented more than the one before it"},
		{"a tab", "---\ntitle: X\nworksheets:\n  - id: w\n    title: W\n\tfields: []\n---\n\n{{< worksheet w >}}\n", ":6:1:", "a tab indents this line"},
		{"a tab in a list", fields + "  \t- {id: b, label: B}\n---\n", ":8:1:", "a tab indents this line"},
		{"a continued plain text is fine before the error", "---\ntitle: X\ndescription: a long\n  sentence\nweight: [\n---\n", ":", "YAML:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(bookWith(map[string]string{"content/02-x.md": tc.src}), Options{})
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "content/02-x.md"+tc.at) || !strings.Contains(lines[0], tc.msg) {
				t.Errorf("got\n%s\nwant one error at content/02-x.md%s saying %q", err, tc.at, tc.msg)
			}
		})
	}
}
