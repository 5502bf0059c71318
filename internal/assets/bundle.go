package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/workbook-press/workbook/internal/book"
)

// Entry is the page's script. It is published as one ES module holding
// every module it imports (bundled by esbuild), so a page loads one script
// in one round trip instead of some 30 modules; the modules stay as they
// are in assets/js/, with no build step for authors.
//
// A module the scripts load with import("./x.js") (a feature a page
// needs only when it is used, or only on some pages) is left out of Entry
// and published as js/x.js, holding what it imports, with the code that
// such modules share in js/chunk-<hash>.js. Those files never import
// Entry: a module they share with it is copied into them, so a file's
// name never depends on its own (and a module with state that both use
// must hold it in the page, not in a variable). Modules loaded with
// import() sit in js/ beside Entry and are never also imported
// statically by Entry's modules.
const Entry = "js/app.js"

// namespace is esbuild's name for files read from the assets fs.FS.
const namespace = "assets"

// bundle builds Entry and then the modules it loads with import(). It
// returns the published scripts by name and the names of the modules
// they hold, which are not published on their own.
//
// Names and syntax are minified here, always (a module's top-level names
// are what gzip squeezes least; about 5 percent of a first visit), so an
// asset's name is the same in a minified build and a plain one; publish
// takes the white space out with every other script's when the build
// minifies.
func bundle(fsys fs.FS) (map[string][]byte, []string, error) {
	var (
		mu   sync.Mutex
		lazy []string
	)
	out, inputs, err := build(fsys, []string{Entry}, func(p string) {
		mu.Lock()
		defer mu.Unlock()
		lazy = append(lazy, p)
	})
	if err != nil || len(lazy) == 0 {
		return out, inputs, err
	}
	slices.Sort(lazy)
	lazy = slices.Compact(lazy)
	for _, p := range lazy {
		if slices.Contains(inputs, p) {
			return nil, nil, fmt.Errorf("assets/%s is loaded with import() and imported statically by %s: choose one", p, Entry)
		}
	}
	more, moreInputs, err := build(fsys, lazy, nil)
	maps.Copy(out, more)
	return out, append(inputs, moreInputs...), err
}

// build bundles entries into ES modules in js/. With lazy set, an
// import() of a module is left as it is and lazy is told the module's
// name, from any of the goroutines esbuild resolves modules on; without,
// import() targets are bundled too, split into chunks.
func build(fsys fs.FS, entries []string, lazy func(string)) (map[string][]byte, []string, error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:       entries,
		Outdir:            "/js",
		EntryNames:        "[name]",
		ChunkNames:        "chunk-[hash]",
		Bundle:            true,
		Splitting:         lazy == nil,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Write:             false,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		Charset:           api.CharsetUTF8,
		Sourcemap:         api.SourceMapNone,
		LegalComments:     api.LegalCommentsNone,
		Metafile:          true,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{fsPlugin(fsys, lazy)},
	})
	if len(res.Errors) > 0 {
		return nil, nil, bundleError(res.Errors)
	}
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return nil, nil, fmt.Errorf("assets/%s: bundling: %w", Entry, err)
	}
	var inputs []string
	for in := range meta.Inputs {
		inputs = append(inputs, strings.TrimPrefix(in, namespace+":"))
	}
	out := map[string][]byte{}
	for _, f := range res.OutputFiles {
		out[strings.TrimPrefix(f.Path, "/")] = f.Contents
	}
	return out, inputs, nil
}

// fsPlugin makes esbuild resolve and read modules from fsys, never the
// disk: a book's own assets/js/x.js replaces the theme's through the
// overlay fsys is. With lazy set, a module's import() of another is left
// to the browser (see build).
func fsPlugin(fsys fs.FS, lazy func(string)) api.Plugin {
	return api.Plugin{Name: "fs", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if a.Kind == api.ResolveEntryPoint {
				return api.OnResolveResult{Path: a.Path, Namespace: namespace}, nil
			}
			if !isRelative(a.Path) {
				return api.OnResolveResult{}, fmt.Errorf("only relative imports of files in assets/ are bundled, like \"./store.js\"")
			}
			clean, _ := splitSuffix(a.Path)
			p := path.Join(path.Dir(a.Importer), clean)
			if a.Kind != api.ResolveJSDynamicImport || lazy == nil {
				return api.OnResolveResult{Path: p, Namespace: namespace}, nil
			}
			if path.Dir(p) != path.Dir(Entry) {
				return api.OnResolveResult{}, fmt.Errorf("a module loaded with import() must be in %s/, beside %s", path.Dir(Entry), path.Base(Entry))
			}
			lazy(p)
			return api.OnResolveResult{Path: "./" + path.Base(p), External: true}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			data, err := fs.ReadFile(fsys, a.Path)
			if err != nil {
				return api.OnLoadResult{}, fmt.Errorf("assets/%s: no such file", a.Path)
			}
			s := string(data)
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
		})
	}}
}

// bundleError reports esbuild's messages as the author's problems, each
// at its file, line and column.
func bundleError(msgs []api.Message) error {
	var errs book.Errors
	for _, m := range msgs {
		e := &book.Error{Path: Dir + "/" + Entry, Msg: m.Text}
		if l := m.Location; l != nil {
			e.Path, e.Line, e.Col = Dir+"/"+strings.TrimPrefix(l.File, namespace+":"), l.Line, l.Column+1
		}
		errs = append(errs, e)
	}
	return errs.Err()
}
