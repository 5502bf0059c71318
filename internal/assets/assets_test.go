package assets

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/book"
)

func TestBuildFingerprintsAndRewritesImports(t *testing.T) {
	fsys := fstest.MapFS{
		"js/main.js":      {Data: []byte(`import {save} from "./store.js";` + "\n" + `import("./lazy/x.js");`)},
		"js/store.js":     {Data: []byte(`export function save() {}`)},
		"js/lazy/x.js":    {Data: []byte(`import "../store.js";`)},
		"css/app.css":     {Data: []byte(`@font-face{src:url("../fonts/a.woff2")} a{background:url(data:image/png;base64,AA)}`)},
		"fonts/a.woff2":   {Data: []byte("font")},
		"css/.hidden.css": {Data: []byte("x")},
	}
	s, err := Build(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Files()), 5; got != want {
		t.Fatalf("got %d files, want %d", got, want)
	}
	store, _ := s.Lookup("js/store.js")
	app, _ := s.Lookup("js/main.js")
	lazy, _ := s.Lookup("js/lazy/x.js")
	storeBase := strings.TrimPrefix(store.Path, "assets/js/")
	if want := `from "./` + storeBase + `"`; !strings.Contains(string(app.Data), want) {
		t.Errorf("app.js = %s, want it to contain %s", app.Data, want)
	}
	if want := `"../` + storeBase + `"`; !strings.Contains(string(lazy.Data), want) {
		t.Errorf("lazy/x.js = %s, want it to contain %s", lazy.Data, want)
	}
	css, _ := s.Lookup("css/app.css")
	if !strings.Contains(string(css.Data), `url("../fonts/a.`) || !strings.Contains(string(css.Data), "data:image/png") {
		t.Errorf("app.css = %s, want the font fingerprinted and the data URI untouched", css.Data)
	}
	u, err := s.URL("css/app.css")
	if err != nil || !strings.HasPrefix(u, "/assets/css/app.") || !strings.HasSuffix(u, ".css") {
		t.Errorf("URL = %q, %v; want /assets/css/app.<hash>.css", u, err)
	}
	if _, err := s.URL("css/nope.css"); err == nil {
		t.Error("URL of a missing asset: got no error")
	}
}

func TestHashFollowsDependencies(t *testing.T) {
	build := func(store string) string {
		s, err := Build(fstest.MapFS{
			"js/app.js":   {Data: []byte(`import "./store.js";`)},
			"js/store.js": {Data: []byte(store)},
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := s.Lookup("js/app.js")
		return f.Path
	}
	if a, b := build("console.log(1)"), build("console.log(2)"); a == b {
		t.Errorf("app.js kept name %s when the module it imports changed", a)
	}
}

func TestMissingReferenceAndCycle(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"a missing import of the bundle", fstest.MapFS{"js/app.js": {Data: []byte(`import "./gone.js";`)}},
			`assets/js/app.js:1:8: assets/js/gone.js: no such file`},
		{"a missing import", fstest.MapFS{"js/other.js": {Data: []byte(`import "./gone.js";`)}},
			`assets/js/other.js:1:9: "./gone.js" is not in assets/ (a reference is relative to the file it is in: add assets/js/gone.js, or correct the path)`},
		{"a missing image of a stylesheet", fstest.MapFS{"css/extra.css": {Data: []byte("body { color: red; }\n\n.hero {\n  background: url(img/missing.png);\n}\n")}},
			`assets/css/extra.css:4:19: "img/missing.png" is not in assets/ (a reference is relative to the file it is in: add assets/css/img/missing.png, or correct the path)`},
		{"a missing import two files down", fstest.MapFS{"css/a.css": {Data: []byte(`@import "b.css";`)}, "css/b.css": {Data: []byte("\n@import \"c.css\";")}},
			`assets/css/b.css:2:10: "c.css" is not in assets/`},
		{"a cycle", fstest.MapFS{"js/a.js": {Data: []byte(`import "./b.js";`)}, "js/b.js": {Data: []byte(`import "./a.js";`)}},
			`assets/js/b.js:1:9: importing assets/js/a.js closes a cycle of imports`},
	} {
		_, err := Build(tc.files, nil)
		if list, _ := book.Split(err); len(list) != 1 || !strings.HasPrefix(list[0].Error(), tc.want) {
			t.Errorf("%s: got %v, want an error starting %q", tc.name, err, tc.want)
		}
	}
}

func TestAddGeneratedAsset(t *testing.T) {
	s, err := Build(fstest.MapFS{"css/a.css": {Data: []byte("a{}")}, "css/z.css": {Data: []byte("z{}")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add("css/m.css", []byte("m{}")); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range s.Files() {
		names = append(names, f.Name)
	}
	if got, want := strings.Join(names, " "), "css/a.css css/m.css css/z.css"; got != want {
		t.Errorf("got files %q, want %q", got, want)
	}
	if u, err := s.URL("css/m.css"); err != nil || !strings.HasPrefix(u, "/assets/css/m.") {
		t.Errorf("URL = %q, %v; want /assets/css/m.<hash>.css", u, err)
	}
	if err := s.Add("css/a.css", nil); err == nil || err.Error() != "assets/css/a.css: the build makes a file of this name itself (rename yours, and where a layout names it in {{asset}})" {
		t.Errorf("Add over an existing asset: got %v, want the author's file named and told to rename it", err)
	}
}

// TestBundle: js/app.js is published as one module holding what it
// imports; the modules it holds are not published, the others are.
func TestBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"js/app.js":   {Data: []byte(`import {save} from "./store.js";` + "\n" + `import "./kept.js"; save(document.body.dataset.book);`)},
		"js/store.js": {Data: []byte(`export function save(x) { localStorage.setItem("saved", x); }`)},
		"js/other.js": {Data: []byte(`export const other = 1;`)},
		"js/old.js":   {Data: []byte(`import "./kept.js";`)},
		"js/kept.js":  {Data: []byte(`console.log("kept");`)},
	}
	s, err := Build(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	app, _ := s.Lookup("js/app.js")
	if _, ok := s.Lookup("js/kept.js"); !ok {
		t.Error("kept.js, in the bundle but imported by old.js too, is not published")
	}
	if got := string(app.Data); strings.Contains(got, "import") || !strings.Contains(got, `localStorage.setItem("saved"`) {
		t.Errorf("app.js = %s, want store.js inside and no import", got)
	}
	if _, ok := s.Lookup("js/store.js"); ok {
		t.Error("store.js, bundled into app.js, is published too")
	}
	if _, ok := s.Lookup("js/other.js"); !ok {
		t.Error("other.js, not bundled, is not published")
	}
	_, err = Build(fstest.MapFS{"js/app.js": {Data: []byte("\nimport x from \"lib\";")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "assets/js/app.js:2:") {
		t.Errorf("bare import: got %v, want an error at assets/js/app.js:2", err)
	}
}

// TestBundleLazy: a module js/app.js loads with import() is published on
// its own, holding what it imports (shared code in a chunk), and app.js
// holds none of it.
func TestBundleLazy(t *testing.T) {
	fsys := fstest.MapFS{
		"js/app.js":    {Data: []byte(`import {save} from "./store.js"; save(1); document.onclick = () => import("./more.js").then(m => m.more()); document.onkeyup = () => import("./other.js").then(m => m.other());`)},
		"js/store.js":  {Data: []byte(`export function save(x) { localStorage.setItem("saved", x); }`)},
		"js/more.js":   {Data: []byte(`import {save} from "./store.js"; import {shared} from "./shared.js"; export function more() { save(shared("more")); }`)},
		"js/other.js":  {Data: []byte(`import {shared} from "./shared.js"; export function other() { shared("other"); }`)},
		"js/shared.js": {Data: []byte(`export function shared(x) { return "shared:" + x; }`)},
	}
	s, err := Build(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	app, _ := s.Lookup("js/app.js")
	more, ok := s.Lookup("js/more.js")
	if !ok {
		t.Fatal("more.js, loaded with import(), is not published")
	}
	if _, ok := s.Lookup("js/shared.js"); ok {
		t.Error("shared.js, bundled, is published on its own")
	}
	if want := `import("./` + strings.TrimPrefix(more.Path, "assets/js/") + `")`; !strings.Contains(string(app.Data), want) {
		t.Errorf("app.js = %s, want it to load %s", app.Data, want)
	}
	if strings.Contains(string(app.Data), "shared:") {
		t.Errorf("app.js = %s, holds shared.js, which only the modules loaded later use", app.Data)
	}
	var chunks []string
	for _, f := range s.Files() {
		if strings.HasPrefix(f.Name, "js/chunk-") {
			chunks = append(chunks, string(f.Data))
		}
	}
	if len(chunks) != 1 || !strings.Contains(chunks[0], "shared:") || !strings.Contains(string(more.Data), "localStorage") {
		t.Errorf("chunks %q, more.js %s: want shared.js in one chunk, store.js copied into more.js", chunks, more.Data)
	}
	if strings.Contains(string(more.Data), "app.") {
		t.Errorf("more.js = %s, imports app.js", more.Data)
	}
	for name, src := range map[string]string{
		"both":    `import "./more.js"; import("./more.js");`,
		"outside": `import("./sub/more.js");`,
	} {
		_, err := Build(fstest.MapFS{"js/app.js": {Data: []byte(src)}, "js/more.js": {Data: []byte("export const x = 1;")}, "js/sub/more.js": {Data: []byte("export const x = 1;")}}, nil)
		if err == nil {
			t.Errorf("%s: %s built, want an error", name, src)
		}
	}
}

// TestEntryNamesItsStrings: every t() of a module bundled into the page's
// script names its key as a literal (or picks one of literals), so that
// the page's data block, which holds only the strings the script names
// (render.ScriptStrings), has it.
func TestEntryNamesItsStrings(t *testing.T) {
	theme, _ := fs.Sub(workbook.Theme, "assets")
	_, inputs, err := build(theme, []string{Entry}, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\bt\(([^,)]*)`)
	for _, name := range inputs {
		src, _ := fs.ReadFile(theme, name)
		for _, m := range call.FindAllSubmatchIndex(src, -1) {
			key := string(src[m[2]:m[3]])
			if bytes.HasSuffix(src[:m[0]], []byte("function ")) || strings.Contains(key, `"`) && !strings.ContainsAny(key, "+`") {
				continue
			}
			t.Errorf("assets/%s:%d: t(%s…): the key is not a literal, so the page lacks its string", name, 1+bytes.Count(src[:m[0]], []byte("\n")), key)
		}
	}
	if len(inputs) < 10 {
		t.Errorf("the page's script holds %d modules, want the theme's", len(inputs))
	}
}

// TestBundleKeepsEveryLazyModule: esbuild resolves the modules of a bundle
// in parallel, so the list of modules loaded with import() is written from
// many goroutines at once. Every build must publish each of them, and two
// builds of the same files must be the same (once, a module went missing
// from one build now and then, and the scripts' names changed with it).
func TestBundleKeepsEveryLazyModule(t *testing.T) {
	const n = 40
	fsys := fstest.MapFS{}
	var app strings.Builder
	for i := range n {
		fmt.Fprintf(&app, "import {f%d} from \"./part%d.js\"; f%d();\n", i, i, i)
		fsys[fmt.Sprintf("js/part%d.js", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`export function f%d() { document.body.onclick = () => import("./lazy%d.js"); }`, i, i))}
		fsys[fmt.Sprintf("js/lazy%d.js", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`export const x = %d;`, i))}
	}
	fsys["js/app.js"] = &fstest.MapFile{Data: []byte(app.String())}
	var first []*File
	for try := range 20 {
		s, err := Build(fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if _, ok := s.Lookup(fmt.Sprintf("js/lazy%d.js", i)); !ok {
				t.Fatalf("build %d: js/lazy%d.js, loaded with import(), is not published", try+1, i)
			}
		}
		if try == 0 {
			first = s.Files()
		} else if !slices.EqualFunc(first, s.Files(), func(a, b *File) bool { return a.Path == b.Path && bytes.Equal(a.Data, b.Data) }) {
			t.Fatalf("build %d differs from the first", try+1)
		}
	}
}
