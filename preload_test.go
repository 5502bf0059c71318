package workbook

import (
	"io/fs"
	"strings"
	"testing"
)

// TestEveryModuleIsPreloaded: the base layout preloads every module of
// assets/js, so a phone fetches the page's script in one round, not one
// round a level of imports.
func TestEveryModuleIsPreloaded(t *testing.T) {
	base, err := fs.ReadFile(Theme, "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	mods, err := fs.Glob(Theme, "assets/js/*.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		name := strings.TrimPrefix(m, "assets/")
		if name == "js/app.js" {
			continue
		}
		if !strings.Contains(string(base), `<link rel="modulepreload" href="{{asset "`+name+`"}}">`) {
			t.Errorf("layouts/base.html: no modulepreload for %s", name)
		}
	}
}
