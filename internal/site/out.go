package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// checkOut refuses an output directory whose replacement would delete the
// book itself: the project folder or a folder holding it, a folder inside
// content/, layouts/ or assets/, or any folder that holds a content/.
// A successful build removes the previous output directory entirely, so it
// must also be empty or look like a site built before.
func (cfg Config) checkOut() error {
	out, err := filepath.Abs(cfg.Out)
	if err != nil {
		return err
	}
	src, err := filepath.Abs(cfg.Src)
	if err != nil {
		return err
	}
	hint := "choose another --out, e.g. public"
	if within(src, out) {
		return fmt.Errorf("refusing to write the site to %s: replacing it would delete the book in %s (%s)", cfg.Out, src, hint)
	}
	for _, dir := range []string{"content", "layouts", "assets", "i18n"} {
		if within(out, filepath.Join(src, dir)) {
			return fmt.Errorf("refusing to write the site to %s: it is inside the book's %s/ folder (%s)", cfg.Out, dir, hint)
		}
	}
	if st, err := os.Stat(filepath.Join(out, "content")); err == nil && st.IsDir() {
		return fmt.Errorf("refusing to replace %s: it holds a content/ folder, so it looks like a book, not a built site (%s)", cfg.Out, hint)
	}
	return checkLooksBuilt(cfg.Out, hint)
}

// checkLooksBuilt refuses to replace anything but nothing, an empty folder
// or a folder with an index.html: a previous build always has one.
func checkLooksBuilt(out, hint string) error {
	st, err := os.Stat(out)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("refusing to replace %s: it is a file, not a folder (%s)", out, hint)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		return nil
	}
	if ents, err := os.ReadDir(out); err != nil || len(ents) > 0 {
		return fmt.Errorf("refusing to replace %s: it has files but no index.html, so it does not look like a built site (%s, or empty it)", out, hint)
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
