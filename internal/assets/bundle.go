package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Entry is the page's script. It is published as one ES module holding
// every module it imports (bundled by esbuild), so a page loads one script
// in one round trip instead of some 30 modules; the modules stay as they
// are in assets/js/, with no build step for authors.
const Entry = "js/app.js"

// namespace is esbuild's name for files read from the assets fs.FS.
const namespace = "assets"

// bundle joins Entry and every module it imports, read from fsys, into one
// ES module. It returns the bundle and the names of the files it holds.
//
// The bundle is not minified here: publish minifies it with every other
// script when the build minifies, so an asset's name is the same in a
// minified build and a plain one.
func bundle(fsys fs.FS) ([]byte, []string, error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{Entry},
		Outfile:       "app.js",
		Bundle:        true,
		Write:         false,
		Format:        api.FormatESModule,
		Target:        api.ES2020,
		Charset:       api.CharsetUTF8,
		Sourcemap:     api.SourceMapNone,
		LegalComments: api.LegalCommentsNone,
		Metafile:      true,
		LogLevel:      api.LogLevelSilent,
		Plugins:       []api.Plugin{fsPlugin(fsys)},
	})
	if len(res.Errors) > 0 {
		return nil, nil, bundleError(res.Errors)
	}
	if len(res.OutputFiles) != 1 {
		return nil, nil, fmt.Errorf("assets/%s: bundling made %d files, want 1", Entry, len(res.OutputFiles))
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
	return res.OutputFiles[0].Contents, inputs, nil
}

// fsPlugin makes esbuild resolve and read modules from fsys, never the
// disk: a book's own assets/js/x.js replaces the theme's through the
// overlay fsys is.
func fsPlugin(fsys fs.FS) api.Plugin {
	return api.Plugin{Name: "fs", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if a.Kind == api.ResolveEntryPoint {
				return api.OnResolveResult{Path: a.Path, Namespace: namespace}, nil
			}
			if !isRelative(a.Path) {
				return api.OnResolveResult{}, fmt.Errorf("only relative imports of files in assets/ are bundled, like \"./store.js\"")
			}
			clean, _ := splitSuffix(a.Path)
			return api.OnResolveResult{Path: path.Join(path.Dir(a.Importer), clean), Namespace: namespace}, nil
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

// bundleError reports esbuild's messages as path:line:col: text.
func bundleError(msgs []api.Message) error {
	var lines []string
	for _, m := range msgs {
		where := "assets/" + Entry
		if l := m.Location; l != nil {
			where = fmt.Sprintf("assets/%s:%d:%d", strings.TrimPrefix(l.File, namespace+":"), l.Line, l.Column+1)
		}
		lines = append(lines, where+": "+m.Text)
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n"))
}
