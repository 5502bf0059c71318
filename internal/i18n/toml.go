package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/workbook-press/workbook/internal/book"
)

// readFile reads and parses the table at name in fsys.
func readFile(fsys fs.FS, name string) (map[string]map[string]Entry, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	table, perr := parse(src, name)
	if perr != nil {
		return nil, perr
	}
	return table, nil
}

// parse decodes a table: sections of keys, each a string or a table of
// plural forms.
func parse(src []byte, name string) (map[string]map[string]Entry, *book.Error) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		e := &book.Error{Path: name, Msg: err.Error(), Hint: "a line is key = \"text\", under [page] or [script]"}
		var perr toml.ParseError
		if errors.As(err, &perr) {
			e.Line, e.Col, e.Msg = perr.Position.Line, perr.Position.Col, perr.Message
			if at := perr.Position.Start; at >= 0 && at <= len(src) { // its Line is one short when the error is at a line's end or the file's
				e.Line, _ = book.Position(src, at)
			}
		}
		return nil, e
	}
	out := map[string]map[string]Entry{}
	for sec, v := range raw {
		keys, ok := v.(map[string]any)
		if !ok {
			return nil, &book.Error{Path: name, Line: lineOf(src, sec, ""), Msg: fmt.Sprintf("%s is outside a section", sec), Hint: "put each key under [page] or [script]"}
		}
		out[sec] = map[string]Entry{}
		for key, v := range keys {
			e, err := entry(v)
			if err != nil {
				return nil, &book.Error{Path: name, Line: lineOf(src, sec, key), Msg: fmt.Sprintf("[%s] %s: %v", sec, key, err)}
			}
			out[sec][key] = e
		}
	}
	return out, nil
}

// pluralForms are the CLDR categories a plural table may name.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

func entry(v any) (Entry, error) {
	switch v := v.(type) {
	case string:
		return Entry{Text: v}, nil
	case map[string]any:
		forms := map[string]string{}
		for f, text := range v {
			s, ok := text.(string)
			if !ok || !slices.Contains(pluralForms, f) {
				return Entry{}, fmt.Errorf("plural form %q is not one of zero, one, two, few, many, other with a text", f)
			}
			forms[f] = s
		}
		return Entry{Forms: forms}, nil
	}
	return Entry{}, fmt.Errorf("want a text in quotes or a table of plural forms")
}
