package site

import (
	"fmt"
	"strings"

	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/render"
)

// checkPaths reports a chapter or a file of content/ that would land on a
// path the build writes itself (print/index.html, robots.txt, an asset),
// naming the author's file rather than failing half-way through the write.
func checkPaths(b *book.Book, set *assets.Set) book.Errors {
	taken := map[string]string{ // output path -> what writes it
		"sw.js":                "the service worker",
		"manifest.webmanifest": "the web app manifest",
	}
	for _, j := range render.Plan(b) {
		if j.Kind != render.Chapter {
			taken[j.Path] = "the page /" + j.Path
		}
	}
	for _, f := range set.Files() {
		taken[f.Path] = "the asset " + f.Name
	}
	folders := reservedFolders(taken)
	var errs book.Errors
	for _, f := range b.Files {
		if dir := folderOf(f.OutputPath); folders[dir] {
			errs = append(errs, &book.Error{Path: f.SourcePath, Msg: fmt.Sprintf("the file would be published inside the folder /%s/, which the build writes itself", dir),
				Hint: "move it to another folder of content/"})
			continue
		}
		if what, ok := taken[f.OutputPath]; ok {
			errs = append(errs, &book.Error{Path: f.SourcePath, Msg: fmt.Sprintf("the file would replace %s", what),
				Hint: "rename or move it; the build writes " + f.OutputPath + " itself"})
		}
		taken[f.OutputPath] = f.SourcePath
	}
	for _, c := range b.Chapters {
		if dir := folderOf(c.OutputPath()); folders[dir] && taken[c.OutputPath()] == "" {
			errs = append(errs, &book.Error{Path: c.SourcePath, Line: 1, Msg: fmt.Sprintf("the URL %s is inside the folder /%s/, which the build writes itself", c.URL(), dir),
				Hint: "give the chapter another `slug:` or file name"})
			continue
		}
		if what, ok := taken[c.OutputPath()]; ok {
			errs = append(errs, &book.Error{Path: c.SourcePath, Line: 1, Msg: fmt.Sprintf("the URL %s is already used by %s", c.URL(), what),
				Hint: "give the chapter another `slug:` or file name"})
		}
	}
	return errs
}

// reservedFolders are the top folders of the paths the build writes
// itself (assets/, print/, offline/): a chapter or a file put inside one
// would be taken for the build's own (pages under /assets/ are cached for
// a year and served offline first).
func reservedFolders(taken map[string]string) map[string]bool {
	folders := map[string]bool{}
	for p := range taken {
		if dir := folderOf(p); dir != "" {
			folders[dir] = true
		}
	}
	return folders
}

// folderOf returns the top folder of an output path, "" for a file at the
// root.
func folderOf(p string) string {
	dir, _, ok := strings.Cut(p, "/")
	if !ok {
		return ""
	}
	return dir
}
