package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/workbook-press/workbook/internal/book"
)

// idPattern is the shape of book, worksheet and field ids: they end up in
// storage keys and HTML ids, so they stay plain.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

const idHint = "use lowercase letters, digits and hyphens, e.g. \"my-book\""

// siteMatter decodes the frontmatter of content/_index.md.
func (d *decoder) siteMatter(n *yaml.Node) book.Site {
	s := book.Site{Language: "en", ThemeColor: "#2f5d62", NameDate: true}
	budget := 5000
	idNode, exitNode, nameNode := n, n, n
	d.mapping(n, "book settings", fields{
		"id":              d.strAt(&s.ID, "id", &idNode),
		"title":           d.str(&s.Title, "title"),
		"subtitle":        d.str(&s.Subtitle, "subtitle"),
		"description":     d.str(&s.Description, "description"),
		"language":        d.str(&s.Language, "language"),
		"direction":       d.str(&s.Direction, "direction"),
		"author":          d.str(&s.Author, "author"),
		"unsafe_html":     d.boolean(&s.UnsafeHTML, "unsafe_html"),
		"precache_budget": d.integer(&budget, "precache_budget"),
		"theme_color":     d.str(&s.ThemeColor, "theme_color"),
		"quick_exit":      d.strAt(&s.QuickExit, "quick_exit", &exitNode),
		"backup_name":     d.strAt(&s.BackupName, "backup_name", &nameNode),
		"name_date":       d.boolean(&s.NameDate, "name_date"),
	})
	d.checkPrivacy(s, exitNode, nameNode)
	if s.Direction != "" && s.Direction != "rtl" && s.Direction != "ltr" {
		d.add(n, "write `direction: rtl` or `direction: ltr`, or leave it out to follow the language", "direction %q is neither rtl nor ltr", s.Direction)
	}
	s.PrecacheBudget = int64(budget) * 1000
	if s.ID == "" {
		d.add(n, "add `id: my-book`; it namespaces your readers' saved answers", "content/_index.md needs an id")
	} else if !idPattern.MatchString(s.ID) {
		d.add(idNode, idHint, "the book id %q is not a plain id", s.ID)
	}
	if s.Title == "" {
		d.add(n, "add `title: Your Book's Title`", "content/_index.md needs a title")
	}
	return s
}

// checkPrivacy keeps "Leave quickly" on this site (a request to another
// site is a trace) and the backup's name a plain word.
func (d *decoder) checkPrivacy(s book.Site, exitNode, nameNode *yaml.Node) {
	if s.QuickExit != "" && (!strings.HasPrefix(s.QuickExit, "/") || strings.HasPrefix(s.QuickExit, "//") || strings.ContainsAny(s.QuickExit, "\\ \"<>")) {
		d.add(exitNode, "write a path on this site, e.g. `quick_exit: /weather/`: leaving must not ask another site for anything", "quick_exit %q is not a page of this site", s.QuickExit)
	}
	if s.BackupName != "" && !idPattern.MatchString(s.BackupName) {
		d.add(nameNode, idHint, "backup_name %q is not a plain name", s.BackupName)
	}
}

// chapterMatter is a chapter's frontmatter as written.
type chapterMatter struct {
	Title, Description, Part, Slug string
	SlugLine, SlugCol              int // where slug: is written, 0 when it is not
	PartLine, PartCol              int // where part: is written
	Weight                         int
	Draft                          bool
	Worksheets                     []*book.Worksheet
}

func (d *decoder) chapterMatter(n *yaml.Node) chapterMatter {
	var m chapterMatter
	d.mapping(n, "chapter", fields{
		"title":       d.str(&m.Title, "title"),
		"description": d.str(&m.Description, "description"),
		"part":        func(v *yaml.Node) { m.PartLine, m.PartCol = d.lineBase+v.Line, v.Column; d.str(&m.Part, "part")(v) },
		"slug":        func(v *yaml.Node) { m.SlugLine, m.SlugCol = d.lineBase+v.Line, v.Column; d.str(&m.Slug, "slug")(v) },
		"weight":      d.integer(&m.Weight, "weight"),
		"draft":       d.boolean(&m.Draft, "draft"),
		"worksheets":  func(v *yaml.Node) { m.Worksheets = d.worksheets(v) },
	})
	return m
}

func (d *decoder) worksheets(n *yaml.Node) []*book.Worksheet {
	if n.Kind != yaml.SequenceNode {
		d.add(n, "start each worksheet with `- id: ...`", "worksheets must be a list")
		return nil
	}
	var list []*book.Worksheet
	for _, item := range n.Content {
		list = append(list, d.worksheet(item))
	}
	return list
}

func (d *decoder) worksheet(n *yaml.Node) *book.Worksheet {
	ws := &book.Worksheet{Line: d.lineBase + n.Line}
	var fieldsNode *yaml.Node
	idNode := n
	ok := d.mapping(n, "worksheet", fields{
		"id":        d.strAt(&ws.ID, "id", &idNode),
		"title":     d.str(&ws.Title, "title"),
		"intro":     d.str(&ws.Intro, "intro"),
		"minutes":   d.integer(&ws.Minutes, "minutes"),
		"example":   d.str(&ws.Example, "example"),
		"repeat":    d.boolean(&ws.Repeat, "repeat"),
		"name_date": func(v *yaml.Node) { ws.NameDateSet = true; d.boolean(&ws.NameDate, "name_date")(v) },
		"fields":    func(v *yaml.Node) { fieldsNode = v },
	})
	if !ok {
		return ws
	}
	what := fmt.Sprintf("worksheet %q", ws.ID)
	switch {
	case ws.ID == "":
		d.add(n, "add `id: a-short-name`; it is the key of the readers' saved answers", "a worksheet has no id")
		what = "worksheet"
	case !idPattern.MatchString(ws.ID):
		d.add(idNode, idHint, "worksheet id %q is not a plain id", ws.ID)
	}
	if ws.Title == "" {
		d.add(n, "add `title: ...`", "%s has no title", what)
	}
	if fieldsNode == nil || fieldsNode.Kind != yaml.SequenceNode || len(fieldsNode.Content) == 0 {
		d.add(n, "add `fields:` with at least one `- {id: ..., label: ...}`", "%s has no fields", what)
		return ws
	}
	seen := map[string]int{}
	for i, item := range fieldsNode.Content {
		f := d.field(item, fmt.Sprintf("%s: field %d", what, i+1))
		if f.ID != "" {
			if prev, dup := seen[f.ID]; dup {
				d.add(item, fmt.Sprintf("field %d already uses it; give each field its own id", prev), "%s: duplicate field id %q", what, f.ID)
			}
			seen[f.ID] = i + 1
		}
		ws.Fields = append(ws.Fields, f)
	}
	d.checkWas(what, ws.Fields, seen)
	return ws
}

// checkWas checks the earlier ids of a worksheet's fields: each names one
// answer, so it may be neither a current id nor claimed by two fields.
func (d *decoder) checkWas(what string, list []book.Field, current map[string]int) {
	claimed := map[string]int{}
	for i, f := range list {
		for _, old := range f.Was {
			at, clash := current[old]
			prev, twice := claimed[old]
			switch {
			case !idPattern.MatchString(old):
				d.addAt(f.Line, 0, idHint, fmt.Sprintf("%s: field %d: was: %q is not a plain id", what, i+1, old))
			case clash:
				d.addAt(f.Line, 0, "an earlier id in `was:` must not be in use by another field", fmt.Sprintf("%s: field %d: was: %q is the id of field %d", what, i+1, old, at))
			case twice:
				d.addAt(f.Line, 0, "one old answer can move to one field only", fmt.Sprintf("%s: field %d: was: %q is also claimed by field %d", what, i+1, old, prev))
			}
			claimed[old] = i + 1
		}
	}
}

func (d *decoder) field(n *yaml.Node, what string) book.Field {
	f := book.Field{Type: book.Text, Line: d.lineBase + n.Line}
	var typ string
	typeNode, idNode := n, n
	var hasMin, hasMax bool
	ok := d.mapping(n, what, fields{
		"id":          d.strAt(&f.ID, "id", &idNode),
		"type":        d.strAt(&typ, "type", &typeNode),
		"label":       d.str(&f.Label, "label"),
		"help":        d.str(&f.Help, "help"),
		"placeholder": d.str(&f.Placeholder, "placeholder"),
		"example":     d.str(&f.Example, "example"),
		"lines":       d.integer(&f.Lines, "lines"),
		"was":         d.strings(&f.Was, "was"),
		"options":     d.options(&f),
		"min":         func(v *yaml.Node) { hasMin = true; d.integer(&f.Min, "min")(v) },
		"max":         func(v *yaml.Node) { hasMax = true; d.integer(&f.Max, "max")(v) },
		"low":         d.str(&f.Low, "low"),
		"high":        d.str(&f.High, "high"),
	})
	if !ok {
		return f
	}
	if typ != "" {
		f.Type = book.FieldType(typ)
		if !knownType(f.Type) {
			d.add(typeNode, suggest(typ, typeNames(book.FieldTypes), "known types"), "%s: unknown type %q", what, typ)
		}
	}
	switch {
	case f.ID == "":
		d.add(n, "add `id: a-short-name`", "%s has no id", what)
	case !idPattern.MatchString(f.ID):
		d.add(idNode, idHint, "%s: id %q is not a plain id", what, f.ID)
	}
	if f.Label == "" {
		d.add(n, "add `label: \"the question\"`", "%s has no label", what)
	}
	d.checkType(n, &f, what, hasMin, hasMax)
	d.checkKeysOfType(n, f.Type, what)
	d.checkOptions(n, f.Options, what)
	d.checkOptionWas(n, f, what)
	return f
}

// options reads a choice's or checklist's options: each is its words, or
// a mapping {label: ..., was: [...]} for one reworded since readers may
// have chosen it.
func (d *decoder) options(f *book.Field) func(*yaml.Node) {
	return func(v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.add(v, "for example `options: [one, two]`", "options must be a list")
			return
		}
		for _, item := range v.Content {
			switch item.Kind {
			case yaml.ScalarNode:
				f.Options = append(f.Options, item.Value)
			case yaml.MappingNode:
				var o book.OptionWas
				labelNode := item
				before := len(d.errs)
				d.mapping(item, "option", fields{
					"label": d.strAt(&o.Label, "label", &labelNode),
					"was":   d.strings(&o.Was, "was"),
				})
				if o.Label == "" {
					if len(d.errs) == before {
						d.add(item, "add `label: \"the option's words\"`", "an option has no label")
					}
					continue
				}
				f.Options = append(f.Options, o.Label)
				if len(o.Was) > 0 {
					f.OptionWas = append(f.OptionWas, o)
				}
			default:
				d.add(item, "write an option as text, or as `{label: \"New words\", was: [\"Old words\"]}`", "options: each entry must be text or a {label, was} mapping")
			}
		}
	}
}

// checkOptionWas checks the earlier words of reworded options: each names
// one saved answer, so it may be neither a current option nor claimed by
// two options.
func (d *decoder) checkOptionWas(n *yaml.Node, f book.Field, what string) {
	current := map[string]bool{}
	for _, o := range f.Options {
		current[o] = true
	}
	claimed := map[string]string{}
	for _, o := range f.OptionWas {
		for _, old := range o.Was {
			prev, twice := claimed[old]
			switch {
			case strings.TrimSpace(old) == "":
				d.add(n, "remove the empty entry, or put the option's earlier words in its quotes", "%s: option %q: an earlier option in was: is empty", what, o.Label)
			case current[old]:
				d.add(n, "an option's earlier words in `was:` must not be an option still offered", "%s: option %q: was: %q is still an option", what, o.Label, old)
			case twice:
				d.add(n, "one old answer can move to one option only", "%s: option %q: was: %q is also claimed by option %q", what, o.Label, old, prev)
			}
			claimed[old] = o.Label
		}
	}
}

// keysOfType lists the keys that only some field types use.
var keysOfType = map[string][]book.FieldType{
	"options": {book.Choice, book.Checklist},
	"min":     {book.Scale, book.List},
	"max":     {book.Scale},
	"low":     {book.Scale},
	"high":    {book.Scale},
}

// checkKeysOfType reports a key the field's type does not use: it is most
// likely a forgotten or mistyped `type:`.
func (d *decoder) checkKeysOfType(n *yaml.Node, t book.FieldType, what string) {
	if !knownType(t) {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		types, special := keysOfType[k.Value]
		if special && !slices.Contains(types, t) {
			d.add(k, "remove it, or set the field's type to "+strings.Join(typeNames(types), " or "), "%s: a %s field has no use for %s", what, t, k.Value)
		}
	}
}

// checkOptions reports empty and repeated options of a choice or checklist.
func (d *decoder) checkOptions(n *yaml.Node, options []string, what string) {
	seen := map[string]bool{}
	for _, o := range options {
		switch {
		case strings.TrimSpace(o) == "":
			d.add(n, "remove the empty option, or put text in its quotes", "%s: an option is empty", what)
		case seen[o]:
			d.add(n, "remove one of them", "%s: the option %q is given twice", what, o)
		}
		seen[o] = true
	}
}

// checkType checks the keys each field type needs.
func (d *decoder) checkType(n *yaml.Node, f *book.Field, what string, hasMin, hasMax bool) {
	switch f.Type {
	case book.Choice, book.Checklist:
		if len(f.Options) == 0 {
			d.add(n, "add `options: [First, Second]`", "%s: a %s needs options", what, f.Type)
		}
	case book.Scale:
		if !hasMin || !hasMax {
			d.add(n, "add `min: 0` and `max: 10`", "%s: a scale needs min and max", what)
		} else if f.Min >= f.Max {
			d.add(n, "min must be smaller than max", "%s: scale min %d is not below max %d", what, f.Min, f.Max)
		} else if f.Max-f.Min > 20 {
			d.add(n, "use at most 21 points", "%s: scale of %d points is too long to choose from", what, f.Max-f.Min+1)
		}
	case book.List:
		if f.Min < 0 || f.Min > 50 {
			d.add(n, "min is the number of empty entries shown at first", "%s: list min %d is out of range", what, f.Min)
		}
	}
	if f.Lines < 0 || f.Lines > 60 {
		d.add(n, "lines is the writing space when printed, e.g. 5", "%s: lines %d is out of range", what, f.Lines)
	}
}

func knownType(t book.FieldType) bool { return slices.Contains(book.FieldTypes, t) }

func typeNames(types []book.FieldType) []string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return names
}
