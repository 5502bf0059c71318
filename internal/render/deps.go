package render

import (
	"html/template"
	"text/template/parse"
)

// Scope says how much of the book a kind of page can show, found by
// reading its layouts: the memo of rendered pages keys each page by
// exactly that much.
type Scope int

const (
	// Neighbours: the page shows its own chapter and its previous and next
	// chapters, nothing else of the book.
	Neighbours Scope = iota
	// WholeBook: the page reads .Book, or walks past a neighbour to
	// another chapter, so any chapter may change it.
	WholeBook
)

// Scope returns what pages of kind can show. Sitemap and robots.txt list
// the whole book.
func (r *Renderer) Scope(kind string) Scope {
	t, ok := r.pages[kind]
	if !ok {
		return WholeBook
	}
	return r.pieceScope(t, "base")
}

// scopeFrom reads the templates reachable from the template name in t.
func scopeFrom(t *template.Template, name string) Scope {
	type visit struct {
		name        string
		inNeighbour bool
	}
	seen := map[visit]bool{}
	var call func(name string, inNeighbour bool) bool
	call = func(name string, inNeighbour bool) bool {
		v := visit{name, inNeighbour}
		if seen[v] {
			return false
		}
		seen[v] = true
		tt := t.Lookup(name)
		if tt == nil || tt.Tree == nil {
			return false
		}
		return readsBook(tt.Tree.Root, inNeighbour, call)
	}
	if call(name, false) {
		return WholeBook
	}
	return Neighbours
}

// readsBook walks a template tree. inNeighbour is true below a with or
// range over a Prev or Next chapter, where any chapter field may lead
// further. call follows {{template}} calls and cached calls, with dot one
// hop away when the call passes a neighbour.
func readsBook(n parse.Node, inNeighbour bool, call func(string, bool) bool) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if readsBook(c, inNeighbour, call) {
				return true
			}
		}
	case *parse.ActionNode:
		return pipeReads(n.Pipe, inNeighbour) || cachedCalls(n.Pipe, inNeighbour, call)
	case *parse.TemplateNode:
		return pipeReads(n.Pipe, inNeighbour) || call(n.Name, inNeighbour || mentionsNeighbour(n.Pipe))
	case *parse.IfNode:
		return branchReads(&n.BranchNode, inNeighbour, false, call)
	case *parse.RangeNode:
		return branchReads(&n.BranchNode, inNeighbour, true, call)
	case *parse.WithNode:
		return branchReads(&n.BranchNode, inNeighbour, true, call)
	}
	return false
}

// cachedCalls follows the templates a pipeline runs with cached NAME DOT;
// a name that is not a constant string may be any template, so the page
// is taken to read the whole book.
func cachedCalls(p *parse.PipeNode, inNeighbour bool, call func(string, bool) bool) bool {
	if p == nil {
		return false
	}
	for _, cmd := range p.Cmds {
		if len(cmd.Args) == 0 {
			continue
		}
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "cached" {
			continue
		}
		if len(cmd.Args) != 3 {
			return true
		}
		name, ok := cmd.Args[1].(*parse.StringNode)
		if !ok {
			return true
		}
		dot := &parse.PipeNode{Cmds: []*parse.CommandNode{{Args: cmd.Args[2:]}}}
		if call(name.Text, inNeighbour || mentionsNeighbour(dot)) {
			return true
		}
	}
	return false
}

func branchReads(b *parse.BranchNode, inNeighbour, moveDot bool, call func(string, bool) bool) bool {
	if pipeReads(b.Pipe, inNeighbour) {
		return true
	}
	inner := inNeighbour || (moveDot && mentionsNeighbour(b.Pipe))
	return readsBook(b.List, inner, call) || readsBook(b.ElseList, inNeighbour, call)
}

// pipeReads reports a field path that reaches the whole book: .Book or
// $.Book, a chain through two neighbours (.Chapter.Prev.Next), or any
// neighbour's neighbour below a with or range over one.
func pipeReads(p *parse.PipeNode, inNeighbour bool) bool {
	if p == nil {
		return false
	}
	found := false
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			for _, path := range fieldPaths(arg) {
				if readsTooFar(path, inNeighbour) {
					found = true
				}
			}
		}
	}
	return found
}

// A field path starts with where it is read from: "." (dot), "$" (the
// page's data) or "$var" (a variable, which may hold a neighbour).
func readsTooFar(path []string, inNeighbour bool) bool {
	hops := 0
	switch path[0] {
	case ".":
		if inNeighbour {
			hops = 1
		}
	case "$var":
		hops = 1
	}
	for _, id := range path[1:] {
		switch id {
		case "Book":
			return true
		case "Prev", "Next":
			hops++
		}
	}
	return hops > 1
}

// fieldPaths returns the field paths an argument reads, including those
// of nested pipelines.
func fieldPaths(n parse.Node) [][]string {
	switch n := n.(type) {
	case *parse.FieldNode:
		return [][]string{append([]string{"."}, n.Ident...)}
	case *parse.VariableNode:
		if n.Ident[0] == "$" {
			return [][]string{n.Ident}
		}
		return [][]string{append([]string{"$var"}, n.Ident[1:]...)}
	case *parse.ChainNode:
		var out [][]string
		for _, p := range fieldPaths(n.Node) {
			out = append(out, append(p, n.Field...))
		}
		if len(out) == 0 { // a function's result: it may be any chapter
			out = append(out, append([]string{"$var"}, n.Field...))
		}
		return out
	case *parse.PipeNode:
		var out [][]string
		for _, cmd := range n.Cmds {
			for _, a := range cmd.Args {
				out = append(out, fieldPaths(a)...)
			}
		}
		return out
	}
	return nil
}

// mentionsNeighbour reports a pipeline that may yield a neighbour, so
// that dot below a with or range over it is one hop away.
func mentionsNeighbour(p *parse.PipeNode) bool {
	for _, path := range fieldPaths(p) {
		if path[0] == "$var" {
			return true
		}
		for _, id := range path[1:] {
			if id == "Prev" || id == "Next" {
				return true
			}
		}
	}
	return false
}
