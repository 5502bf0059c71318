package mdbook

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// linkDest matches the destination of an inline link or image, "](dest",
// and of a reference definition, "[x]: dest".
var linkDest = regexp.MustCompile(`(\]\(\s*<?|^\s*\[[^\]]+\]:\s*)([^)\s>]+)`)

// links rewrites the links of a chapter (file, below src/) to the new
// chapter files, copies the other files it links to, and notes the ones
// it cannot follow. Code is left alone.
func (c *converter) links(file, body string) string {
	lines := strings.Split(body, "\n")
	fence := false
	for i, line := range lines {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence {
			continue
		}
		lines[i] = linkDest.ReplaceAllStringFunc(line, func(s string) string {
			m := linkDest.FindStringSubmatch(s)
			return m[1] + c.rewrite(file, i+1, m[2])
		})
	}
	return strings.Join(lines, "\n")
}

// rewrite returns the new destination of a link of file.
func (c *converter) rewrite(file string, line int, dest string) string {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":") {
		return dest
	}
	target, frag, _ := strings.Cut(dest, "#")
	if frag != "" {
		frag = "#" + frag
	}
	p := path.Join(path.Dir(file), target)
	for _, cand := range chapterCandidates(p) {
		if name, ok := c.names[cand]; ok {
			return name + frag
		}
	}
	src := path.Join(c.srcDir, p)
	if st, err := fs.Stat(c.src, src); err == nil && !st.IsDir() && !strings.HasSuffix(p, ".md") {
		if _, done := c.files["content/"+p]; !done && !strings.HasPrefix(p, "../") {
			data, _ := fs.ReadFile(c.src, src)
			c.files["content/"+p] = data
		}
		if !strings.HasPrefix(p, "../") {
			return p + frag
		}
	}
	c.notef(path.Join(c.srcDir, file), line, "the link to %s leads to no chapter of SUMMARY.md or file of %s: left as it was", dest, c.srcDir)
	return dest
}

// chapterCandidates are the chapter files a link may mean: x.md itself,
// x.md for x.html, and README.md or index.md for a folder's index.html.
func chapterCandidates(p string) []string {
	base, ok := strings.CutSuffix(p, ".html")
	if !ok {
		return []string{p}
	}
	out := []string{base + ".md"}
	if path.Base(base) == "index" {
		dir := path.Dir(base)
		out = append(out, path.Join(dir, "README.md"), path.Join(dir, "index.md"))
	}
	return out
}
