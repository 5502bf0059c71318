package render

import (
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

// layoutTypes are the types a layout's dot can hold, by the name Go's
// template errors give them, so a misspelt field gets a "did you mean".
var layoutTypes = map[string]reflect.Type{}

func init() {
	for _, v := range []any{Data{}, book.Site{}, book.Book{}, book.Page{}, book.Chapter{}, book.Heading{}, book.Part{},
		book.File{}, book.Worksheet{}, book.Field{}, book.Segment{}, ProgressSheet{}, TOCEntry{}} {
		t := reflect.TypeOf(v)
		layoutTypes[t.String()] = t
		layoutTypes[reflect.PointerTo(t).String()] = t
	}
}

// missingField matches html/template's error for a field a type lacks.
var missingField = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: can't evaluate field (\w+) in type (\S+)$`)

// missingFunc matches the parser's error for an unknown function.
var missingFunc = regexp.MustCompile(`^function "(\w+)" not defined$`)

// explain rewrites a template error's message for an author: the
// expression, what is missing, the nearest name that exists, and where the
// names are listed, never Go's type names.
func explain(msg string, funcs []string) (string, string) {
	const where = "the fields and functions a layout can use are listed in docs/theme.md"
	if m := missingField.FindStringSubmatch(msg); m != nil {
		expr, field := m[1], m[2]
		out := "<" + expr + ">: there is no field " + field + " here"
		if t, ok := layoutTypes[m[3]]; ok {
			if near := book.Nearest(field, names(t)); near != "" {
				return out + " (did you mean " + strings.TrimSuffix(expr, field) + near + "?)", where
			}
		}
		return out, where
	}
	if m := missingFunc.FindStringSubmatch(msg); m != nil {
		out := "there is no function " + m[1]
		if near := book.Nearest(m[1], funcs); near != "" {
			out += " (did you mean " + near + "?)"
		}
		return out, where
	}
	return msg, ""
}

// names are the exported fields and methods of t a template can read.
func names(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		out = append(out, pt.Method(i).Name)
	}
	slices.Sort(out)
	return out
}
