package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReservedPaths: no chapter and no file of content/ may land in a
// folder the build writes itself: under /assets/ a page would be cached
// for a year and served offline first; under /print/ or /offline/ it
// would be mistaken for the build's own pages.
func TestReservedPaths(t *testing.T) {
	for _, tc := range []struct{ file, data, want string }{
		{"content/03-x.md", "---\nslug: assets\n---\n# X\n", "content/03-x.md:1: the URL /assets/ is inside the folder /assets/"},
		{"content/03-x.md", "---\nslug: assets/css\n---\n# X\n", "content/03-x.md:1: the URL /assets/css/ is inside the folder /assets/"},
		{"content/03-x.md", "---\nslug: print/extra\n---\n# X\n", "the URL /print/extra/ is inside the folder /print/"},
		{"content/03-x.md", "---\nslug: offline\n---\n# X\n", "the URL /offline/ is already used"},
		{"content/assets/03-x.md", "# X\n", "content/assets/03-x.md:1: the URL /assets/x/ is inside the folder /assets/"},
		{"content/assets/app.png", "png", "content/assets/app.png: the file would be published inside the folder /assets/"},
		{"content/print/a.png", "png", "content/print/a.png: the file would be published inside the folder /print/"},
	} {
		t.Run(tc.file+" "+tc.data, func(t *testing.T) {
			proj := project()
			proj[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			_, err := build(t, proj, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
