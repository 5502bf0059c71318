package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// writeProject puts the files of project() on disk in a folder of its own.
func writeProject(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "book")
	for name, f := range project() {
		full := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// TestSymlinkOutOfTheBookIsRefused: a link in content/, layouts/ or
// assets/ to a file outside the book (the environment, /etc/passwd, a
// secret beside the book) fails the build naming the link; nothing of it
// is published. A link to a file inside the book is followed.
func TestSymlinkOutOfTheBookIsRefused(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "token.txt")
	if err := os.WriteFile(secret, []byte("DEPLOY_TOKEN=hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ link, target string }{
		{"content/env.txt", "/proc/self/environ"},
		{"content/passwd.txt", "/etc/passwd"},
		{"content/token.txt", secret},
		{"content/up.txt", "../../token.txt"},
		{"content/03-secret.md", secret},
		{"content/dir", filepath.Dir(secret)},
		{"assets/css/x.css", secret},
		{"layouts/chapter.html", secret},
	} {
		t.Run(tc.link, func(t *testing.T) {
			src := writeProject(t)
			link := filepath.Join(src, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(tc.target, link); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(src, "public")
			_, err := Build(context.Background(), Config{Src: src, Out: out})
			var errs book.Errors
			if !errors.As(err, &errs) || err.Error() != errs.Error() || !strings.Contains(err.Error(), tc.link+": the link leads outside the book") {
				t.Fatalf("got error %v, want one naming %s and saying it leads outside the book", err, tc.link)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("public/ was written: %v", err)
			}
		})
	}
	t.Run("inside", func(t *testing.T) {
		src := writeProject(t)
		if err := os.Symlink("img/dot.png", filepath.Join(src, "content/alias.png")); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(src, "public")
		if _, err := Build(context.Background(), Config{Src: src, Out: out}); err != nil {
			t.Fatal(err)
		}
		if data, err := os.ReadFile(filepath.Join(out, "alias.png")); err != nil || string(data) != "\x89PNG fake" {
			t.Errorf("public/alias.png: got %q, %v; want the linked file's bytes", data, err)
		}
	})
}
