package render

import "workbook/internal/book"

// TOCEntry is a level-2 heading of a chapter's table of contents with the
// level-3 headings under it.
type TOCEntry struct {
	book.Heading
	Children []book.Heading
}

// tocTree nests each level-3 heading under the level-2 heading before it,
// so the chapter's contents are a list of sections, each with its own
// list; a level-3 heading before any level-2 one stands on its own.
func tocTree(headings []book.Heading) []TOCEntry {
	var tree []TOCEntry
	for _, h := range headings {
		if n := len(tree); h.Level > 2 && n > 0 && tree[n-1].Level == 2 {
			tree[n-1].Children = append(tree[n-1].Children, h)
			continue
		}
		tree = append(tree, TOCEntry{Heading: h})
	}
	return tree
}
