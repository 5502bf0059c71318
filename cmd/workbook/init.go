package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	workbook "github.com/workbook-press/workbook"
)

const initUsage = `Usage: workbook init [--language CODE] [DIR]

Starts a book in DIR (default: the current folder): content/_index.md with
every setting, a first chapter with a worksheet, a .gitignore and a
netlify.toml that installs this version of workbook to build it. It refuses
a folder that already holds a book (a content/ folder); a .gitignore or
netlify.toml already there is kept as it was. The .gitignore lists /public/;
the netlify.toml builds with
  go install github.com/workbook-press/workbook/cmd/workbook@VERSION
and sends the Content-Security-Policy and other headers the book needs.
--language sets the book's language (de, fr, es, or any BCP 47 tag; see
docs/translating.md): the theme's words then come from that language.
`

// skeleton is the book init writes; "gitignore" becomes ".gitignore"
// (go:embed leaves dot files out).
//
//go:embed all:skeleton
var skeleton embed.FS

// modulePath is the generator's module: netlify.toml installs it.
const modulePath = "github.com/workbook-press/workbook"

func runInit(args []string, stdout, stderr io.Writer) error {
	dir, lang := ".", ""
	args, lang = valueFlag(args, "language")
	switch {
	case len(args) == 1 && !strings.HasPrefix(args[0], "-"):
		dir = args[0]
	case len(args) > 0:
		return wrongUsage(stderr, initUsage, "want: workbook init [--language CODE] [DIR]")
	}
	if err := refuseBook(dir); err != nil {
		return err
	}
	files, err := skeletonFiles(dir, lang)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil && !strings.HasPrefix(name, "content/") {
			fmt.Fprintf(stdout, "kept %s as it was (see %s for what init would write)\n", p, "workbook help init")
			continue
		}
		if err := writeNew(p, files[name]); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "created", p)
	}
	fmt.Fprintln(stdout, "\nNext:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", dir)
	}
	fmt.Fprintln(stdout, "  workbook serve                   # preview at http://127.0.0.1:1313, reloads on save")
	fmt.Fprintln(stdout, "  workbook new chapter \"Title\"     # add a chapter")
	fmt.Fprintln(stdout, "  workbook build                   # the site, in public/")
	return nil
}

// refuseBook fails when dir already holds a book: a content/ folder.
func refuseBook(dir string) error {
	p := filepath.Join(dir, "content")
	_, err := os.Lstat(p)
	switch {
	case err == nil:
		return fmt.Errorf("%s already exists: %s holds a book already, and init changes nothing in it (start the new book in another folder: workbook init DIR)", p, dir)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// skeletonFiles returns the files of a new book in dir, by slash path; a
// language other than "" is set in content/_index.md.
func skeletonFiles(dir, lang string) (map[string][]byte, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	title := titleOf(filepath.Base(abs))
	id := slugify(title)
	if id == "" {
		id, title = "my-book", "My Book"
	}
	files := map[string][]byte{}
	err = fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := skeleton.ReadFile(p)
		name := strings.TrimPrefix(p, "skeleton/")
		if name == "gitignore" {
			name = ".gitignore"
		}
		text := strings.NewReplacer("{{ID}}", id, "{{TITLE}}", strconv.Quote(title)).Replace(string(data))
		if lang != "" && name == "content/_index.md" {
			text = strings.Replace(text, "# language: en                       #", fmt.Sprintf("%-37s#", "language: "+lang), 1)
		}
		files[name] = []byte(text)
		return err
	})
	files["netlify.toml"] = netlifyTOML(buildVersion())
	return files, err
}

// titleOf makes a title from a folder name: "my-first_book" is "My first book".
func titleOf(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' })
	t := strings.Join(words, " ")
	if t == "" {
		return ""
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// buildVersion is the module version of this binary, "" for a devel build
// (go build or go install in a clone).
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return ""
	}
	return info.Main.Version
}

// netlifyTOML is the shipped netlify.toml (its headers, redirects and Go
// version) with a build command that works in the book's own repository:
// it installs the generator at this binary's version, or the latest one
// when this binary was not installed from a version.
func netlifyTOML(version string) []byte {
	pin, note := version, ""
	if pin == "" {
		pin = "latest"
		note = "  # This netlify.toml was written by a development build of workbook, so\n" +
			"  # it installs the latest release: replace @latest by the version you use.\n"
	}
	cmd := fmt.Sprintf("go install %s/cmd/workbook@%s && \"$(go env GOPATH)/bin/workbook\" build", modulePath, pin)
	s := string(workbook.Netlify)
	_, rest, _ := strings.Cut(s, "[build]")
	head := "# Netlify installs workbook, builds the book and publishes public/.\n" +
		"# workbook serve sends the [[headers]] below too, so what the\n" +
		"# Content-Security-Policy breaks in production breaks in preview.\n\n"
	rest = strings.Replace(rest, `  command = "go run ./cmd/workbook build"`, note+"  command = "+strconv.Quote(cmd), 1)
	rest = strings.Replace(rest, "  # Keep in step with the go line of go.mod (a test checks it).\n", "  # The Go that builds workbook: at least the one its go.mod names.\n", 1)
	return []byte(head + "[build]" + rest)
}

// writeNew creates path and its folders, never overwriting a file.
func writeNew(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w (nothing was overwritten)", p, err)
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}
