// Package assets is the fingerprint stage: it reads every file of a theme's
// assets/ tree and gives each a name carrying a hash of its bytes
// (css/app.css becomes assets/css/app.3f9a1c2e07.css), so browsers may cache
// them forever and a new deployment never serves a stale one.
//
// Fingerprinting runs before templates, so templates ask for the final URL
// by the source name. References between assets are rewritten too: relative
// ES module imports in .js files (outside the bundle, see Entry) and relative url(...) in .css files point
// at the fingerprinted names, and a file's hash covers those rewritten
// references, so changing a module changes the name of every module that
// imports it.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/memo"
)

// HashLen is how many hex digits of its hash a fingerprinted name holds,
// as in "css/app.3f9a1c2e07.css".
const HashLen = 10

// Fingerprinted matches the fingerprint and extension at the end of a
// fingerprinted name: ".3f9a1c2e07.css".
var Fingerprinted = regexp.MustCompile(`\.[0-9a-f]{` + strconv.Itoa(HashLen) + `}(\.[^./]+)$`)

// Dir is the folder of the output directory that holds fingerprinted assets.
const Dir = "assets"

// File is one fingerprinted asset.
type File struct {
	Name string // source name relative to assets/, e.g. "css/app.css"
	Path string // output path relative to the site root, e.g. "assets/css/app.3f9a1c2e07.css"
	Hash string // hex SHA-256 of Data
	Data []byte // the bytes to publish, references already rewritten
}

// Set is every asset of a build, looked up by source name.
type Set struct {
	byName map[string]*File
	files  []*File // sorted by Name
}

// Build reads every file below fsys (the assets/ tree) and fingerprints it.
// When there is a js/app.js (Entry), it is replaced by the bundle of every
// module it imports, the modules it loads with import() by theirs, and the
// modules bundled into them are not published: no page loads them. With
// a memo (the preview server), the bundle is made again only when an
// asset changed.
func Build(fsys fs.FS, m *memo.Memo) (*Set, error) {
	src := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || workbook.Ignored(d.Name()) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		src[p] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	var bundled []string
	if _, ok := src[Entry]; ok {
		b, err := memo.Do(m, sourcesKey(src), func() (bundleOut, error) {
			scripts, inputs, err := bundle(fsys)
			return bundleOut{scripts, inputs}, err
		})
		if err != nil {
			return nil, err
		}
		maps.Copy(src, b.scripts)
		bundled = b.inputs
	}
	return fingerprint(src, bundled)
}

// bundleOut is what bundle makes: the published scripts by name, and the
// modules they hold.
type bundleOut struct {
	scripts map[string][]byte
	inputs  []string
}

// sourcesKey is a hash of every asset's name and bytes: the bundle's inputs.
func sourcesKey(src map[string][]byte) memo.Key {
	parts := [][]byte{[]byte("bundle")}
	for _, name := range slices.Sorted(maps.Keys(src)) {
		parts = append(parts, []byte(name), src[name])
	}
	return memo.KeyOf(parts...)
}

// URL returns the root-relative URL of the named asset, e.g.
// "/assets/css/app.3f9a1c2e07.css".
func (s *Set) URL(name string) (string, error) {
	f, ok := s.byName[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/ (the names are relative to assets/, e.g. \"css/app.css\")", name)
	}
	return "/" + f.Path, nil
}

// Lookup returns the named asset.
func (s *Set) Lookup(name string) (*File, bool) {
	f, ok := s.byName[name]
	return f, ok
}

// Replace gives an asset new contents, fingerprinted anew: the build's
// version of a theme file made for the book (the neutral page "Leave
// quickly" opens, in the book's language). Like Add's, it may not refer to
// other assets.
func (s *Set) Replace(name string, data []byte) error {
	old, ok := s.byName[name]
	if !ok {
		return fmt.Errorf("assets/%s: no such asset to replace", name)
	}
	f := newFile(name, data)
	s.byName[name] = f
	for i, g := range s.files {
		if g == old {
			s.files[i] = f
		}
	}
	return nil
}

// Add fingerprints a file the build generates rather than reads from
// assets/ (a stylesheet made from the book, say), so templates can ask for
// it by name like any other asset. It may not replace an existing asset and
// may not refer to other assets.
func (s *Set) Add(name string, data []byte) error {
	if _, ok := s.byName[name]; ok {
		return &book.Error{Path: Dir + "/" + name, Msg: "the build makes a file of this name itself", Hint: "rename yours, and where a layout names it in {{asset}}"}
	}
	f := newFile(name, data)
	s.byName[name] = f
	i := sort.Search(len(s.files), func(i int) bool { return s.files[i].Name > name })
	s.files = slices.Insert(s.files, i, f)
	return nil
}

// Files returns every asset, sorted by source name.
func (s *Set) Files() []*File { return s.files }

// fingerprint names every file by its hash, rewriting references first so
// that a file is named after what it will really contain. The files in
// bundled (inside the bundle of Entry) are published only when another
// file refers to them.
func fingerprint(src map[string][]byte, bundled []string) (*Set, error) {
	s := &Set{byName: make(map[string]*File, len(src))}
	visiting := map[string]bool{}
	var visit func(name string) (*File, error)
	visit = func(name string) (*File, error) {
		if f, ok := s.byName[name]; ok {
			return f, nil
		}
		if visiting[name] {
			return nil, &book.Error{Msg: fmt.Sprintf("importing assets/%s closes a cycle of imports", name), Hint: "a module may not import, through others, a module that imports it"}
		}
		visiting[name] = true
		data, err := rewriteRefs(name, src[name], func(ref string) (string, error) {
			target := path.Join(path.Dir(name), ref)
			if _, ok := src[target]; !ok {
				return "", &book.Error{Msg: fmt.Sprintf("%q is not in assets/", ref), Hint: fmt.Sprintf("a reference is relative to the file it is in: add assets/%s, or correct the path", target)}
			}
			dep, err := visit(target)
			if err != nil {
				return "", err
			}
			return relativeTo(name, dep.Path), nil
		})
		if err != nil {
			return nil, err
		}
		f := newFile(name, data)
		s.byName[name] = f
		s.files = append(s.files, f)
		return f, nil
	}
	for _, name := range slices.Sorted(maps.Keys(src)) {
		if name != Entry && slices.Contains(bundled, name) {
			continue
		}
		if _, err := visit(name); err != nil {
			return nil, err
		}
	}
	sort.Slice(s.files, func(i, j int) bool { return s.files[i].Name < s.files[j].Name })
	return s, nil
}

func newFile(name string, data []byte) *File {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	ext := path.Ext(name)
	out := path.Join(Dir, strings.TrimSuffix(name, ext)+"."+hash[:HashLen]+ext)
	return &File{Name: name, Path: out, Hash: hash, Data: data}
}

// relativeTo returns the path of target (relative to the site root) as seen
// from the fingerprinted folder of the asset named from.
func relativeTo(from, target string) string {
	common, up := path.Dir(path.Join(Dir, from)), ""
	for common != "." && !strings.HasPrefix(target, common+"/") {
		common, up = path.Dir(common), up+"../"
	}
	if common != "." {
		target = strings.TrimPrefix(target, common+"/")
	}
	if up == "" {
		return "./" + target
	}
	return up + target
}
