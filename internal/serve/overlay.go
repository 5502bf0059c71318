package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

// problem is one build error as the browser overlay shows it.
type problem struct {
	Path   string       `json:"path,omitempty"`
	Line   int          `json:"line,omitempty"`
	Col    int          `json:"col,omitempty"`
	Msg    string       `json:"msg"`
	Hint   string       `json:"hint,omitempty"`
	Source []sourceLine `json:"source,omitempty"`
}

// sourceLine is a line of the offending file, numbered from 1.
type sourceLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Here bool   `json:"here,omitempty"`
}

// contextLines is how many lines around the offending one the overlay shows.
const contextLines = 2

// problemsOf turns a build error into the overlay's problems, with the
// source lines read from the project. A build may fail in several ways at
// once (errors joined): each becomes a problem.
func problemsOf(err error, project fs.FS) []problem {
	list, others := book.Split(err)
	var out []problem
	for _, e := range list {
		p := problem{Path: e.Path, Line: e.Line, Col: e.Col, Msg: e.Msg, Hint: e.Hint}
		p.Source = excerpt(project, p.Path, p.Line)
		out = append(out, p)
	}
	for _, e := range others {
		out = append(out, templateProblem(e))
	}
	return out
}

// templateErr matches html/template's "template: chapter.html:12:3: ..." errors.
var templateErr = regexp.MustCompile(`(?:template: |layouts/)([\w./-]+\.html):(\d+):(?:(\d+):)? (.*)`)

// templateProblem locates an error of the layouts when it names one.
func templateProblem(err error) problem {
	msg := err.Error()
	m := templateErr.FindStringSubmatch(msg)
	if m == nil {
		return problem{Msg: msg}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return problem{Path: "layouts/" + m[1], Line: line, Col: col, Msg: m[4]}
}

// excerpt returns the lines around line of the file at p, or nil.
func excerpt(project fs.FS, p string, line int) []sourceLine {
	if p == "" || line <= 0 || project == nil {
		return nil
	}
	src, err := fs.ReadFile(project, p)
	if err != nil {
		return nil
	}
	var out []sourceLine
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan() && n <= line+contextLines; n++ {
		if n >= line-contextLines {
			text := strings.TrimRight(sc.Text(), "\r")
			out = append(out, sourceLine{N: n, Text: text, Here: n == line})
		}
	}
	return out
}

// terminalText formats problems for the terminal, one located message
// each, followed by the offending line.
func terminalText(ps []problem) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Path == "" {
			b.WriteString(p.Msg + "\n")
		} else {
			b.WriteString((&book.Error{Path: p.Path, Line: p.Line, Col: p.Col, Msg: p.Msg, Hint: p.Hint}).Error() + "\n")
		}
		for _, l := range p.Source {
			if l.Here {
				b.WriteString("    " + strconv.Itoa(l.N) + " | " + l.Text + "\n")
			}
		}
	}
	return b.String()
}

// errorEvent is the overlay's event.
func errorEvent(ps []problem) event {
	data, _ := json.Marshal(map[string]any{"problems": ps})
	return event{Name: "broken", Data: string(data)}
}
