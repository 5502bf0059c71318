package publish

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// freshPrefix starts the name of a build's fresh folder beside dir; the
// id of the process writing it follows, so a later build can tell the
// folder of a running build from one a killed build left behind.
func freshPrefix(dir string) string { return "." + filepath.Base(dir) + "-new-" }

// removeStale removes the fresh folders (and the "-old" folders of an
// interrupted swap) that builds killed before they could clean up left
// beside dir: each can be as big as the site. A folder whose process is
// still running is left alone.
func removeStale(dir string) {
	ents, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return
	}
	prefix := freshPrefix(dir)
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pid, _, _ := strings.Cut(rest, "-")
		if n, err := strconv.Atoi(pid); err == nil && running(n) {
			continue
		}
		os.RemoveAll(filepath.Join(filepath.Dir(dir), e.Name()))
	}
}

// running reports whether process pid is alive.
func running(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil || pid <= 0 {
		return false
	}
	if runtime.GOOS == "windows" { // FindProcess fails there for a process that is gone
		p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
