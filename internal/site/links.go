package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

// checkLinks refuses every symbolic link in content/, layouts/ and assets/
// that leads out of the book: a build publishes what these folders hold,
// and a link to /proc/self/environ or ~/.netrc would put the deploy's
// secrets on the web. The project is read through an os.Root as well, so
// a link missed here still cannot be read; this names the file and why.
func checkLinks(project fs.FS) book.Errors {
	var errs book.Errors
	for _, dir := range []string{"content", "layouts", "assets"} {
		fs.WalkDir(project, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, linkError(project, p, err))
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if _, err := fs.Stat(project, p); err != nil {
				errs = append(errs, linkError(project, p, err))
			}
			return nil
		})
	}
	return errs
}

// linkError says why the link at p cannot be read.
func linkError(project fs.FS, p string, err error) *book.Error {
	target, lerr := fs.ReadLink(project, p)
	if lerr != nil {
		return &book.Error{Path: p, Msg: "cannot read it: " + err.Error(), Hint: "check that it exists and that you may read it"}
	}
	inside := !path.IsAbs(target) && !strings.HasPrefix(path.Join(path.Dir(p), target), "../")
	if errors.Is(err, fs.ErrNotExist) && inside {
		return &book.Error{Path: p, Msg: fmt.Sprintf("the link leads to nothing (%q)", target), Hint: "point it at a file of the book, or remove it"}
	}
	return &book.Error{Path: p, Msg: fmt.Sprintf("the link leads outside the book (to %q)", target),
		Hint: "a build publishes only the book's own files: copy the file into the book, or remove the link"}
}
