package content

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/workbook-press/workbook/internal/book"
)

// decoder reads a frontmatter tree into typed values, collecting problems
// with their positions instead of stopping at the first.
type decoder struct {
	path     string
	lineBase int // file line of the frontmatter's first line, minus one
	errs     book.Errors
}

// add reports a problem at the node n of the frontmatter.
func (d *decoder) add(n *yaml.Node, hint, format string, args ...any) {
	d.addAt(d.lineBase+n.Line, n.Column, hint, fmt.Sprintf(format, args...))
}

// addAt reports a problem at a line and column of the file.
func (d *decoder) addAt(line, col int, hint, msg string) {
	d.errs = append(d.errs, &book.Error{Path: d.path, Line: line, Col: col, Msg: msg, Hint: hint})
}

// parseFrontmatter parses YAML or TOML into a yaml.Node mapping.
func (d *decoder) parseFrontmatter(s Split) *yaml.Node {
	d.lineBase = s.FrontLine - 1
	if s.Format == TOML {
		return d.parseTOML(s.Frontmatter)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(s.Frontmatter, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		e := yamlProblem(s.Frontmatter, line, msg)
		d.addAt(d.lineBase+e.Line, e.Col, e.Hint, e.Msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.add(root, "write one `key: value` per line", "the frontmatter must be a list of keys and values")
		return nil
	}
	return root
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = "yaml: " + te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 1, strings.TrimPrefix(msg, "yaml: ")
}

// parseTOML decodes TOML and rebuilds it as a yaml.Node tree, so one
// validator serves both. The TOML decoder keeps no positions, so placeTOML
// finds the line each key is written on.
func (d *decoder) parseTOML(src []byte) *yaml.Node {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		line, col, msg := 1, 0, err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			line, col, msg = pe.Position.Line, pe.Position.Col, pe.Message
		}
		d.addAt(d.lineBase+line, col, "write one `key = value` per line, with text in double quotes", "TOML: "+msg)
		return nil
	}
	var n yaml.Node
	if err := n.Encode(m); err != nil {
		d.addAt(d.lineBase+1, 0, "", "TOML: "+err.Error())
		return nil
	}
	placeTOML(&n, strings.Split(string(src), "\n"), 1, 1)
	return &n
}

// placeTOML sets the line of every node below n to where its key is written,
// searching forward from the line of its parent (from); floor is where to
// search again when a key is not found ahead. It returns the first line of
// n's keys.
func placeTOML(n *yaml.Node, lines []string, from, floor int) int {
	n.Line, n.Column = from, 1
	first := 0
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			k.Line, k.Column = findTOMLKey(lines, k.Value, from, floor)
			placeTOML(v, lines, k.Line, from)
			if first == 0 || k.Line < first {
				first = k.Line
			}
		}
		if first > 0 {
			n.Line = first
		}
	case yaml.SequenceNode:
		next := from
		for _, item := range n.Content {
			if l := placeTOML(item, lines, next, from); l > 0 {
				next = l + 1
			}
		}
	}
	return first
}

// findTOMLKey returns the line and column of `key =`, `[key]` or `[[key]]`
// at or after line from (1-based), else at or after floor, else from.
func findTOMLKey(lines []string, key string, from, floor int) (int, int) {
	pat := regexp.MustCompile(`(?:^\s*|[{,]\s*|\[\[?\s*(?:[\w-]+\.)*)"?(` + regexp.QuoteMeta(key) + `)"?\s*(?:=|\]\]?\s*$|\])`)
	for _, start := range []int{from, floor} {
		for i := max(start, 1); i <= len(lines); i++ {
			if m := pat.FindStringSubmatchIndex(lines[i-1]); m != nil {
				return i, 1 + utf8.RuneCountInString(lines[i-1][:m[2]])
			}
		}
	}
	return from, 1
}

// fields maps each known key of a mapping to the function that decodes it.
type fields map[string]func(v *yaml.Node)

// mapping decodes a mapping node with the known keys, reporting unknown and
// repeated keys with a suggestion. It reports false when n is no mapping
// at all, so the caller can skip checks that would only repeat the problem.
func (d *decoder) mapping(n *yaml.Node, what string, known fields) bool {
	if n.Kind != yaml.MappingNode {
		d.add(n, "write `key: value` pairs, e.g. `{id: name, label: \"Your name\"}`", "%s must be a set of `key: value` pairs", what)
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		set, ok := known[k.Value]
		switch {
		case !ok:
			d.add(k, suggest(k.Value, slices.Sorted(maps.Keys(known)), "known keys"), "%s: unknown key %q", what, k.Value)
		case seen[k.Value]:
			d.add(k, "remove one of them", "%s: the key %q is given twice", what, k.Value)
		default:
			seen[k.Value] = true
			set(v)
		}
	}
	return true
}

// str decodes text; a key with no value (`description:`) is empty text.
func (d *decoder) str(dst *string, key string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			return
		}
		if v.Kind != yaml.ScalarNode {
			d.add(v, "write it as text, in quotes if it has special characters", "%s must be text", key)
			return
		}
		*dst = v.Value
	}
}

// strAt is str that also keeps the value's node, so a later check of the
// value can point at it.
func (d *decoder) strAt(dst *string, key string, at **yaml.Node) func(*yaml.Node) {
	return func(v *yaml.Node) {
		*at = v
		d.str(dst, key)(v)
	}
}

func (d *decoder) integer(dst *int, key string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			d.add(v, "for example `"+key+": 3`", "%s must be a whole number, not %q", key, v.Value)
			return
		}
		*dst = n
	}
}

func (d *decoder) boolean(dst *bool, key string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			d.add(v, "write true or false", "%s must be true or false, not a list or a set of keys", key)
			return
		}
		switch strings.ToLower(v.Value) {
		case "true", "yes":
			*dst = true
		case "false", "no":
			*dst = false
		default:
			d.add(v, "write true or false", "%s must be true or false, not %q", key, v.Value)
		}
	}
}

func (d *decoder) strings(dst *[]string, key string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.add(v, "for example `"+key+": [one, two]`", "%s must be a list", key)
			return
		}
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				d.add(item, "put quotes around an entry with a comma or colon", "%s: each entry must be text", key)
				continue
			}
			*dst = append(*dst, item.Value)
		}
	}
}

// suggest returns a "did you mean" hint for the known word nearest to got,
// or else lists the known words, introduced by what ("known keys").
func suggest(got string, known []string, what string) string {
	return book.Suggest(got, known, what+": "+strings.Join(known, ", "))
}
