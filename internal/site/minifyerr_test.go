package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMinifyErrorNamesTheChapter: with unsafe_html: true, a script the
// minifier cannot read fails the build naming the chapter it came from.
func TestMinifyErrorNamesTheChapter(t *testing.T) {
	proj := project()
	proj["content/_index.md"] = &fstest.MapFile{Data: []byte("---\nid: test-book\ntitle: T\nunsafe_html: true\n---\n")}
	proj["content/02-second.md"] = &fstest.MapFile{Data: []byte("# Second\n\n## A heading\n\n| a | b |\n|---|---|\n| <script>if (a &&& b) {</script> | x |\n")}
	_, err := build(t, proj, t.TempDir()+"/public")
	if err == nil || !strings.Contains(err.Error(), "content/02-second.md:7: the page /") {
		t.Fatalf("got %v, want an error at content/02-second.md:7", err)
	}
}
