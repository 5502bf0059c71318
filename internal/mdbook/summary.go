package mdbook

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
)

// entry is one chapter of SUMMARY.md, in reading order.
type entry struct {
	Title string // the link text
	Path  string // the chapter's file, relative to src/
	Part  string // the part heading it is under, "" for none
	Depth int    // 0 for a top-level chapter, 1 for one nested under it, …
	Line  int    // in SUMMARY.md
}

var (
	summaryItem  = regexp.MustCompile(`^(\s*)[-*]\s+\[(.*)\]\((.*)\)\s*$`)
	summaryPlain = regexp.MustCompile(`^\[(.*)\]\((.*)\)\s*$`) // a prefix or suffix chapter
	summaryPart  = regexp.MustCompile(`^#+\s+(.*?)\s*#*\s*$`)
)

// parseSummary reads SUMMARY.md: its chapters in order, with their part
// and depth, and the lines it could not read.
func parseSummary(src []byte) (entries []entry, drafts, skipped []entry) {
	var indents []int // the indentation of each open level
	part, seenTitle := "", false
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t")
		t := strings.TrimSpace(line)
		switch m := summaryItem.FindStringSubmatch(line); {
		case t == "" || t == "---" || strings.HasPrefix(t, "<!--"):
		case m != nil:
			indent := len(strings.ReplaceAll(m[1], "\t", "    "))
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			e := entry{Title: m[2], Path: strings.TrimPrefix(m[3], "./"), Part: part, Depth: len(indents), Line: n}
			indents = append(indents, indent)
			if e.Path == "" {
				drafts = append(drafts, e)
			} else {
				entries = append(entries, e)
			}
		case summaryPlain.MatchString(t):
			m := summaryPlain.FindStringSubmatch(t)
			indents = nil
			if m[2] != "" {
				entries = append(entries, entry{Title: m[1], Path: strings.TrimPrefix(m[2], "./"), Line: n}) // prefix and suffix chapters are in no part
			}
		case summaryPart.MatchString(t):
			if seenTitle { // the first heading is the summary's own title
				part = summaryPart.FindStringSubmatch(t)[1]
			}
			seenTitle, indents = true, nil
		default:
			skipped = append(skipped, entry{Title: t, Line: n})
		}
	}
	return entries, drafts, skipped
}
