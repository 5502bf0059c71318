package mdbook

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// directive matches an mdBook preprocessor directive: {{#include file}}.
var directive = regexp.MustCompile(`\\?\{\{#(\w+)\s*([^}]*?)\s*\}\}`)

// anchorLine is a line that marks an anchor in an included file.
var anchorLine = regexp.MustCompile(`ANCHOR(?:_END)?:\s*[\w-]+`)

// includes replaces {{#include …}} and {{#rustdoc_include …}} in a
// chapter by the lines they name, and reports what it cannot replace.
func (c *converter) includes(file string, body string) string {
	lines := strings.Split(body, "\n")
	fence := false
	for i, line := range lines {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		lines[i] = directive.ReplaceAllStringFunc(line, func(d string) string {
			if strings.HasPrefix(d, `\`) {
				return d[1:] // an escaped directive is meant as text
			}
			m := directive.FindStringSubmatch(d)
			switch m[1] {
			case "include", "rustdoc_include":
				text, err := c.include(path.Dir(file), m[2])
				if err != nil {
					c.notef(file, i+1, "%s: %v; left as it was", d, err)
					return d
				}
				return text
			}
			if !fence {
				c.notef(file, i+1, "%s: workbook has no %q; left as it was (the build will warn about it)", d, m[1])
			}
			return d
		})
	}
	return strings.Join(lines, "\n")
}

// include reads "file", "file:anchor", "file:N", "file:N:M", "file:N:" or
// "file::M", relative to dir.
func (c *converter) include(dir, arg string) (string, error) {
	name, sel, _ := strings.Cut(arg, ":")
	data, err := fs.ReadFile(c.src, path.Join(dir, name))
	if err != nil {
		return "", fmt.Errorf("cannot read %s", path.Join(dir, name))
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	switch from, to, isRange := strings.Cut(sel, ":"); {
	case sel == "":
	case isRange || isNumber(sel):
		start, end := 1, len(lines)
		if from != "" {
			start, _ = strconv.Atoi(from)
		}
		if isRange && to != "" {
			end, _ = strconv.Atoi(to)
		} else if !isRange {
			end = start
		}
		if start < 1 || end > len(lines) || start > end {
			return "", fmt.Errorf("%s has %d lines, not %s", name, len(lines), sel)
		}
		lines = lines[start-1 : end]
	default:
		if lines, err = anchored(lines, sel); err != nil {
			return "", fmt.Errorf("%s: %v", name, err)
		}
	}
	var out []string
	for _, l := range lines {
		if !anchorLine.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), nil
}

// anchored returns the lines between ANCHOR: name and ANCHOR_END: name
// (not a longer name's, like name-2).
func anchored(lines []string, name string) ([]string, error) {
	open := regexp.MustCompile(`ANCHOR: ` + regexp.QuoteMeta(name) + `(?:[^\w-]|$)`)
	closing := regexp.MustCompile(`ANCHOR_END: ` + regexp.QuoteMeta(name) + `(?:[^\w-]|$)`)
	start := -1
	for i, l := range lines {
		switch {
		case start < 0 && open.MatchString(l):
			start = i + 1
		case start >= 0 && closing.MatchString(l):
			return lines[start:i], nil
		}
	}
	return nil, fmt.Errorf("no anchor %q", name)
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
