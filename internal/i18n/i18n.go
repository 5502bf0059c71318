// Package i18n is the book's interface language: the words of the theme
// (buttons, notes, dialogs, page titles) that are not the author's text.
//
// Input: the theme's tables i18n/<lang>.toml (English, the reference, and
// every language shipped with the generator) and, optionally, the book's own
// i18n/<lang>.toml, which overrides the shipped one key by key. Output: a
// Table that layouts read with {{t "key"}} and that the page hands to the
// scripts as JSON.
//
// A table has two sections, [page] for the layouts and [script] for the
// browser code; only [script] is written into every page. A value is a
// string or, for words that follow a number, a table of plural forms named
// by CLDR (zero, one, two, few, many, other), of which "other" is required:
//
//	[page]
//	skip_link = "Skip to the text"
//	worksheet_count = { one = "{n} worksheet", other = "{n} worksheets" }
//
// {name} in a value is replaced by the argument of that name; {n} is the
// number that chooses the plural form. A key the book's table lacks falls
// back to the shipped table and then to English, with a warning naming the
// key and the file; a key English does not have is an error.
package i18n

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/workbook-press/workbook/internal/book"
)

// Sections of a table.
const (
	Page   = "page"
	Script = "script"
)

// Entry is one string of the interface: Text, or plural Forms by CLDR
// category.
type Entry struct {
	Text  string
	Forms map[string]string
}

// Table is the interface strings of one language, complete: every key of
// the English table has an entry.
type Table struct {
	Lang    string // the book's language, e.g. "de"
	Dir     string // "rtl" or "ltr"
	tag     language.Tag
	entries map[string]map[string]Entry // section -> key -> entry
}

// rtlLanguages are written right to left.
var rtlLanguages = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "ckb": true, "dv": true}

// Direction returns "rtl" for a language written right to left, else "ltr";
// a book's own setting ("rtl" or "ltr") wins.
func Direction(lang, setting string) string {
	if setting != "" {
		return setting
	}
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if rtlLanguages[base] {
		return "rtl"
	}
	return "ltr"
}

// Load reads the table of lang: English from theme, then the theme's table
// of lang, then the book's (project) table of lang, each over the one
// before. It returns the warnings for keys that fell back to English.
func Load(theme, project fs.FS, lang, dir string) (*Table, book.Errors, error) {
	en, err := readFile(theme, "i18n/en.toml")
	if err != nil {
		return nil, nil, err
	}
	tag, _ := language.Parse(lang)
	t := &Table{Lang: lang, Dir: Direction(lang, dir), tag: tag, entries: en}
	english := strings.HasPrefix(strings.ToLower(lang), "en")
	var errs book.Errors
	shipped := false
	if !english {
		found, _, e := t.layer(theme, lang)
		shipped, errs = len(found) > 0, append(errs, e...)
	}
	found, own, e := t.layer(project, lang)
	errs = append(errs, e...)
	var warnings book.Errors
	switch {
	case english || shipped:
	case len(found) == 0:
		warnings = append(warnings, &book.Error{Path: "i18n/" + strings.ToLower(lang) + ".toml", Msg: fmt.Sprintf("no interface strings for %q, so the theme speaks English", lang), Hint: "copy the generator's i18n/en.toml there and translate it; see docs/translating.md"})
	default:
		warnings = t.missing(own, found[len(found)-1])
	}
	return t, warnings, errs.Err()
}

// layer merges the tables of lang found in fsys, broadest first, and
// returns their names and the keys they set, as "section.key".
func (t *Table) layer(fsys fs.FS, lang string) (found []string, own map[string]bool, errs book.Errors) {
	own = map[string]bool{}
	if fsys == nil {
		return nil, own, nil
	}
	for _, name := range fileNames(lang) {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		found = append(found, name)
		over, perr := parse(src, name)
		if perr != nil {
			errs = append(errs, perr)
			continue
		}
		errs = append(errs, t.merge(over, src, name)...)
		for sec, keys := range over {
			for k := range keys {
				own[sec+"."+k] = true
			}
		}
	}
	return found, own, errs
}

// fileNames are the tables that apply to lang, broadest first: "pt" then
// "pt-br" for "pt-BR".
func fileNames(lang string) []string {
	l := strings.ToLower(lang)
	var names []string
	if base, _, ok := strings.Cut(l, "-"); ok {
		names = append(names, "i18n/"+base+".toml")
	}
	return append(names, "i18n/"+l+".toml")
}

// missing warns of each English key that the book's own tables, for a
// language the generator does not ship, leave out.
func (t *Table) missing(own map[string]bool, name string) book.Errors {
	var out book.Errors
	for _, sec := range []string{Page, Script} {
		for _, key := range slices.Sorted(maps.Keys(t.entries[sec])) {
			if !own[sec+"."+key] {
				out = append(out, &book.Error{Path: name, Msg: fmt.Sprintf("[%s] %s is missing, so it is shown in English", sec, key)})
			}
		}
	}
	return out
}

// merge lays over onto t key by key, reporting keys English does not have.
func (t *Table) merge(over map[string]map[string]Entry, src []byte, name string) book.Errors {
	var errs book.Errors
	for sec, keys := range over {
		known, ok := t.entries[sec]
		if !ok {
			errs = append(errs, &book.Error{Path: name, Line: lineOf(src, sec, ""), Msg: fmt.Sprintf("unknown section [%s]", sec), Hint: book.Suggest(sec, []string{Page, Script}, "the sections")})
			continue
		}
		for key, e := range keys {
			if _, ok := known[key]; !ok {
				errs = append(errs, &book.Error{Path: name, Line: lineOf(src, sec, key), Msg: fmt.Sprintf("[%s] unknown key %q", sec, key), Hint: book.Suggest(key, slices.Sorted(maps.Keys(known)), "keys of ["+sec+"]")})
				continue
			}
			if e.Forms != nil && e.Forms["other"] == "" {
				errs = append(errs, &book.Error{Path: name, Line: lineOf(src, sec, key), Msg: fmt.Sprintf("[%s] %s has no \"other\" form", sec, key), Hint: "every plural table needs other = \"…\", the form for any number the others do not name"})
				continue
			}
			known[key] = e
		}
	}
	return errs
}

// lineOf finds the line that sets key of section sec (with key "", the
// line of the section itself), for an error's position: a key line, as
// `key =`, `"key" =` or `key.form =` under [sec], or `sec.key =`; a
// header, [sec], [[sec]] or [sec.key]; or a line whose inline table
// holds it, `sec = {key = …}`. Comments and the lines of multi-line
// strings are passed over. It is 0 when no line says it.
func lineOf(src []byte, sec, key string) int {
	want := []string{sec}
	if key != "" {
		want = append(want, key)
	}
	var section []string
	inString := "" // the delimiter that ends the multi-line string being read
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if inString != "" {
			if strings.Count(t, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		var name []string
		value := ""
		if h, ok := strings.CutPrefix(t, "["); ok {
			h, _, _ = cutUnquoted(strings.TrimPrefix(h, "["), ']')
			section = keyParts(h)
			name = section
		} else if k, v, ok := cutUnquoted(t, '='); ok && !strings.HasPrefix(t, "#") {
			name, value = append(slices.Clip(section), keyParts(k)...), strings.TrimSpace(v)
			for _, q := range []string{`"""`, "'''"} {
				if strings.Count(value, q)%2 == 1 {
					inString = q
				}
			}
		}
		switch {
		case len(name) >= len(want) && slices.Equal(name[:len(want)], want):
			return i + 1
		case len(name) > 0 && len(name) < len(want) && slices.Equal(name, want[:len(name)]) && strings.HasPrefix(value, "{"):
			return i + 1
		}
	}
	return 0
}

// cutUnquoted cuts s around the first sep outside quotes.
func cutUnquoted(s string, sep byte) (before, after string, found bool) {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == sep:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// keyParts splits a TOML key at its dots, each part without its quotes
// and spaces: ` "a.b" . c ` is "a.b" and "c".
func keyParts(k string) []string {
	var parts []string
	for {
		part, rest, more := cutUnquoted(k, '.')
		parts = append(parts, unquoteKey(strings.TrimSpace(part)))
		if !more {
			return parts
		}
		k = rest
	}
}

// unquoteKey is a part of a key without its quotes: "a\"b" is a"b, 'a' is a.
func unquoteKey(p string) string {
	if u, err := strconv.Unquote(p); err == nil && strings.HasPrefix(p, `"`) {
		return u
	}
	if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
		return p[1 : len(p)-1]
	}
	return p
}

// T returns the string of key with args (name, value pairs) filled in; a
// plural entry takes its form from the argument "n".
func (t *Table) T(key string, args ...any) (string, error) {
	e, ok := t.lookup(key)
	if !ok {
		return "", fmt.Errorf("no interface string %q (%s)", key, book.Suggest(key, t.Keys(), "the keys are in i18n/en.toml"))
	}
	if len(args)%2 != 0 {
		return "", fmt.Errorf("t %q: arguments come in pairs, a name then its value", key)
	}
	vars := map[string]string{}
	text := e.Text
	for i := 0; i < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		vars[name] = fmt.Sprint(args[i+1])
	}
	if e.Forms != nil {
		n, err := strconv.Atoi(vars["n"])
		if err != nil {
			return "", fmt.Errorf("t %q: a plural string needs \"n\" and a whole number", key)
		}
		text = e.Forms[t.form(n)]
		if text == "" {
			text = e.Forms["other"]
		}
	}
	return fill(text, vars), nil
}

// form is the CLDR plural category of n in the table's language.
func (t *Table) form(n int) string {
	f := plural.Cardinal.MatchPlural(t.tag, n, 0, 0, 0, 0)
	return [...]string{"other", "zero", "one", "two", "few", "many"}[f]
}

func fill(text string, vars map[string]string) string {
	for name, v := range vars {
		text = strings.ReplaceAll(text, "{"+name+"}", v)
	}
	return text
}

func (t *Table) lookup(key string) (Entry, bool) {
	for _, sec := range []string{Page, Script} {
		if e, ok := t.entries[sec][key]; ok {
			return e, true
		}
	}
	return Entry{}, false
}

// Keys lists every key, sorted.
func (t *Table) Keys() []string {
	var keys []string
	for _, sec := range t.entries {
		keys = append(keys, slices.Collect(maps.Keys(sec))...)
	}
	slices.Sort(keys)
	return keys
}

// Section returns the strings of one section as the scripts read them: a
// string, or an object of plural forms.
func (t *Table) Section(sec string) map[string]any {
	out := map[string]any{}
	for k, e := range t.entries[sec] {
		if e.Forms != nil {
			out[k] = e.Forms
		} else {
			out[k] = e.Text
		}
	}
	return out
}
