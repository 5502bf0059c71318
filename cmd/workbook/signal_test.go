package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/corpus"
)

// TestSignalStopsBuild starts `workbook build` of a large generated book,
// signals it while it writes, and wants it gone within a second with a
// non-zero status, its fresh folder removed, a killed build's stale folder
// removed too, and the previous public/ as it was.
func TestSignalStopsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: builds a book of 1,000 chapters")
	}
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Chapters: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sig     syscall.Signal
		writing bool // signal once the build writes, else while it loads
	}{{syscall.SIGINT, false}, {syscall.SIGINT, true}, {syscall.SIGTERM, true}} {
		sig := tc.sig
		t.Run(fmt.Sprintf("%v/writing=%v", sig, tc.writing), func(t *testing.T) {
			public := filepath.Join(dir, "public")
			os.RemoveAll(public)
			os.MkdirAll(public, 0o755)
			os.WriteFile(filepath.Join(public, "index.html"), []byte("the previous site"), 0o644)
			stale := filepath.Join(dir, ".public-new-999999999-1") // as a killed build leaves it
			if tc.writing {
				os.MkdirAll(filepath.Join(stale, "a"), 0o755)
			} else {
				// A chapter that is a named pipe nobody writes to: reading it
				// blocks, so the build is surely still loading when the
				// signal comes, however fast the machine (1,000 chapters
				// load in under a second on an idle one).
				pipe := filepath.Join(dir, "content", "zz-still-loading.md")
				if err := syscall.Mkfifo(pipe, 0o644); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(pipe)
			}

			cmd := exec.Command(os.Args[0], "build", "-q")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "WORKBOOK_TEST_MAIN=1", "URL=")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if tc.writing {
				waitForFreshFolder(t, dir, stale)
			} else {
				time.Sleep(300 * time.Millisecond)
			}
			sent := time.Now()
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			took := time.Since(sent)
			t.Logf("%v: exited %v after the signal: %v; stderr: %s", sig, took.Round(time.Millisecond), err, stderr.String())
			if limit := browsertest.Scaled(time.Second); took > limit {
				t.Errorf("the build took %v to stop, want at most 1 s on an idle machine (%v at this load)", took, limit)
			}
			if err == nil {
				t.Errorf("the build exited with status 0, want non-zero")
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("%s was left beside public/", e.Name())
				}
			}
			if data, err := os.ReadFile(filepath.Join(public, "index.html")); string(data) != "the previous site" {
				t.Errorf("public/index.html: got %.40q, %v; want the previous site", data, err)
			}
		})
	}
}

// waitForFreshFolder waits until a build's fresh folder (not stale)
// appears beside public/: the build is then writing.
func waitForFreshFolder(t *testing.T, dir, stale string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".public-new-") && filepath.Join(dir, e.Name()) != stale {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no fresh folder appeared within 60s")
}
