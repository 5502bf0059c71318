package assets

import (
	"errors"
	"path"
	"regexp"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

var (
	// jsImport matches the specifier of a static import or export-from, a
	// bare import and a dynamic import() whose argument is a string literal.
	jsImport = regexp.MustCompile(`(?m)(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}/[^"'\n]+)(["'])`)
	// cssURL matches url(...) with or without quotes and @import "...".
	cssURL = regexp.MustCompile(`(url\(\s*["']?|@import\s+["'])([^"')\s]+)`)
)

// rewriteRefs replaces every relative reference in a .js or .css file by
// what resolve returns for it. Other files are returned unchanged. A
// *book.Error of resolve's without a place is placed at the reference.
func rewriteRefs(name string, data []byte, resolve func(ref string) (string, error)) ([]byte, error) {
	var re *regexp.Regexp
	var group int
	switch path.Ext(name) {
	case ".js", ".mjs":
		re, group = jsImport, 3
	case ".css":
		re, group = cssURL, 2
	default:
		return data, nil
	}
	var out []byte
	last := 0
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		start, end := m[2*group], m[2*group+1]
		ref := string(data[start:end])
		if !isRelative(ref) {
			continue
		}
		clean, suffix := splitSuffix(ref)
		got, err := resolve(clean)
		if err != nil {
			return nil, refError(name, data, start, err)
		}
		out = append(append(append(out, data[last:start]...), got...), suffix...)
		last = end
	}
	if out == nil {
		return data, nil
	}
	return append(out, data[last:]...), nil
}

// refError places err, a problem resolve found with the reference at
// byte at of assets/name, at that reference's line and column, unless it
// is placed already (in a file further down).
func refError(name string, data []byte, at int, err error) error {
	var e *book.Error
	if !errors.As(err, &e) {
		return err
	}
	if e.Path == "" {
		e.Path = Dir + "/" + name
		e.Line, e.Col = book.Position(data, at)
	}
	return e
}

// isRelative reports whether ref names another file of assets/ by a
// relative path, as opposed to a URL, a data: URI or a fragment.
func isRelative(ref string) bool {
	return ref != "" && !strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "#") && !strings.Contains(ref, ":")
}

// splitSuffix separates a ?query or #fragment from a reference.
func splitSuffix(ref string) (clean, suffix string) {
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		return ref[:i], ref[i:]
	}
	return ref, ""
}
