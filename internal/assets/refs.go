package assets

import (
	"path"
	"regexp"
	"strings"
)

var (
	// jsImport matches the specifier of a static import or export-from, a
	// bare import and a dynamic import() whose argument is a string literal.
	jsImport = regexp.MustCompile(`(?m)(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}/[^"'\n]+)(["'])`)
	// cssURL matches url(...) with or without quotes and @import "...".
	cssURL = regexp.MustCompile(`(url\(\s*["']?|@import\s+["'])([^"')\s]+)`)
)

// rewriteRefs replaces every relative reference in a .js or .css file by
// what resolve returns for it. Other files are returned unchanged.
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
	var firstErr error
	out := re.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := re.FindSubmatchIndex(m)
		ref := string(m[sub[2*group]:sub[2*group+1]])
		if !isRelative(ref) {
			return m
		}
		clean, suffix := splitSuffix(ref)
		got, err := resolve(clean)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return m
		}
		return []byte(string(m[:sub[2*group]]) + got + suffix + string(m[sub[2*group+1]:]))
	})
	return out, firstErr
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
