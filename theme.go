// Package workbook holds the default theme compiled into the generator: the
// top-level layouts/ and assets/ of this repository are both the shipped
// book's theme and the defaults every new book starts from. A book's own
// layouts/x.html or assets/x replaces the embedded file of the same name.
package workbook

import (
	"embed"
	"strings"
)

// Theme holds layouts/, assets/ and the interface strings i18n/ as shipped.
//
//go:embed layouts assets i18n
var Theme embed.FS

// Netlify is the shipped netlify.toml: its [[headers]] are what the preview
// server sends for a book that has no netlify.toml of its own.
//
//go:embed netlify.toml
var Netlify []byte

// Ignored reports the files no stage reads and the preview server does not
// watch: hidden files and folders (".git", ".DS_Store") and editors'
// droppings (backups "x~", Vim's swap files and its "4913" probe).
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || name == "4913"
}
