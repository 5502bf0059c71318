package content

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/xml"

	"github.com/workbook-press/workbook/internal/book"
)

// bookFileTypes are the extensions of the files content/ publishes beside
// the chapters: what a book needs, and nothing a browser runs. A page or a
// script published from content/ would run under the book's own origin,
// where the production CSP ('self') lets it read every reader's answers.
var bookFileTypes = map[string]bool{
	// images (SVG is checked for scripts, see svgScript)
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".ico": true, ".bmp": true, ".svg": true,
	// audio and video, with their captions
	".mp3": true, ".m4a": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true, ".wav": true, ".flac": true,
	".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".mov": true, ".vtt": true,
	// documents to download, fonts, plain data
	".pdf": true, ".epub": true, ".zip": true, ".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true, ".odp": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true,
	".txt": true, ".csv": true, ".tsv": true, ".json": true,
}

// checkFiles refuses the files of content/ a book does not need (HTML,
// JavaScript, XML, an SVG with a script, anything not in bookFileTypes)
// unless the book's settings say unsafe_html: true.
func checkFiles(fsys fs.FS, files []book.File, unsafe bool) book.Errors {
	if unsafe {
		return nil
	}
	var errs book.Errors
	for _, f := range files {
		ext := strings.ToLower(path.Ext(f.SourcePath))
		msg := ""
		switch {
		case !bookFileTypes[ext]:
			msg = fmt.Sprintf("%s files are not published from %s/: only images, audio, video, documents, fonts and plain data", kindOf(ext), Dir)
		case ext == ".svg":
			if what := svgScript(fsys, f.SourcePath); what != "" {
				msg = "the SVG has " + what + ": it could run script when opened"
			}
		}
		if msg != "" {
			errs = append(errs, &book.Error{Path: f.SourcePath, Msg: msg,
				Hint: "a page or script on the book's site can read every reader's answers; remove it, or set `unsafe_html: true` in " + IndexPath + " if you trust it"})
		}
	}
	return errs
}

// kindOf names a file type for a message.
func kindOf(ext string) string {
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return "HTML"
	case ".js", ".mjs", ".cjs":
		return "JavaScript"
	case "":
		return "extensionless"
	}
	return strings.ToUpper(strings.TrimPrefix(ext, "."))
}

// scriptElements are SVG (and XHTML) elements that run or load a page or
// a script; names are compared lowercased, without a namespace prefix.
var scriptElements = map[string]bool{"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true, "handler": true, "listener": true}

// svgScript returns what in the SVG at p could run script ("" if
// nothing): a script element, an on... attribute, a javascript: URL, an
// entity declaration or a stylesheet instruction. A file that does not
// parse is refused too.
func svgScript(fsys fs.FS, p string) string {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return "" // the write stage reports it
	}
	l := xml.NewLexer(parse.NewInputBytes(data))
	for {
		tt, _ := l.Next()
		name := string(bytes.ToLower(l.Text()))
		if i := strings.LastIndexByte(name, ':'); i >= 0 && tt != xml.AttributeToken {
			name = name[i+1:]
		}
		switch tt {
		case xml.ErrorToken:
			if l.Err() == io.EOF {
				return ""
			}
			return "markup that does not parse (" + l.Err().Error() + ")"
		case xml.StartTagToken:
			if scriptElements[name] {
				return "a <" + name + "> element"
			}
		case xml.AttributeToken:
			if strings.HasPrefix(name, "on") {
				return "an event attribute (" + name + ")"
			}
			if activeURL(string(l.AttrVal())) {
				return "a script URL in " + name
			}
		case xml.DOCTYPEToken:
			if bytes.ContainsAny(l.Text(), "[") {
				return "a DOCTYPE declaring entities"
			}
		case xml.StartTagPIToken:
			if name != "xml" {
				return "a <?" + name + "?> instruction"
			}
		}
	}
}

// activeURL reports whether an attribute value holds a URL a browser would
// run: javascript:, vbscript:, or a data: URL of anything but a raster image.
func activeURL(v string) bool {
	v = strings.ToLower(html.UnescapeString(strings.Trim(v, `"'`)))
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, v)
	if strings.Contains(v, "script:") {
		return true
	}
	for rest := v; ; {
		i := strings.Index(rest, "data:")
		if i < 0 {
			return false
		}
		rest = rest[i+len("data:"):]
		if !strings.HasPrefix(rest, "image/png") && !strings.HasPrefix(rest, "image/jpeg") && !strings.HasPrefix(rest, "image/gif") && !strings.HasPrefix(rest, "image/webp") {
			return true
		}
	}
}
