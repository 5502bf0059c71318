package content

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// problem is an error at a line and column of the file being decoded.
type problem struct {
	line, col int
	msg, hint string
}

// decoder reads a frontmatter tree into typed values, collecting problems
// with their positions instead of stopping at the first.
type decoder struct {
	lineBase int // file line of the frontmatter's first line, minus one
	problems []problem
}

func (d *decoder) add(n *yaml.Node, hint, format string, args ...any) {
	d.problems = append(d.problems, problem{line: d.lineBase + n.Line, col: n.Column, msg: fmt.Sprintf(format, args...), hint: hint})
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
		d.problems = append(d.problems, problem{line: d.lineBase + line, msg: "YAML: " + msg,
			hint: "check the indentation, and put quotes around text with a colon, a # or a leading quote"})
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
// validator serves both. TOML values carry no positions here: problems point
// at the frontmatter's first line.
func (d *decoder) parseTOML(src []byte) *yaml.Node {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		line := 1
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		d.problems = append(d.problems, problem{line: d.lineBase + line, msg: "TOML: " + err.Error()})
		return nil
	}
	var n yaml.Node
	if err := n.Encode(m); err != nil {
		d.problems = append(d.problems, problem{line: d.lineBase + 1, msg: "TOML: " + err.Error()})
		return nil
	}
	setLine(&n, 1)
	return &n
}

func setLine(n *yaml.Node, line int) {
	n.Line, n.Column = line, 1
	for _, c := range n.Content {
		setLine(c, line)
	}
}

// fields maps each known key of a mapping to the function that decodes it.
type fields map[string]func(v *yaml.Node)

// mapping decodes a mapping node with the known keys, reporting unknown and
// repeated keys with a suggestion.
func (d *decoder) mapping(n *yaml.Node, what string, known fields) {
	if n.Kind != yaml.MappingNode {
		d.add(n, "", "%s must be a set of `key: value` pairs", what)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		set, ok := known[k.Value]
		switch {
		case !ok:
			d.add(k, suggest(k.Value, keysOf(known)), "%s: unknown key %q", what, k.Value)
		case seen[k.Value]:
			d.add(k, "remove one of them", "%s: the key %q is given twice", what, k.Value)
		default:
			seen[k.Value] = true
			set(v)
		}
	}
}

func keysOf(f fields) []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *decoder) str(dst *string, key string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			d.add(v, "write it as text, in quotes if it has special characters", "%s must be text", key)
			return
		}
		*dst = v.Value
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

// suggest returns a "did you mean" hint for the known word nearest to got.
func suggest(got string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(strings.ToLower(got), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "known keys: " + strings.Join(known, ", ")
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
