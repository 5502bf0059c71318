package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// generatorID names the running version of workbook by the Go build ID
// the linker writes into the binary: it changes with any change to the
// code and stays the same when go run links the same code again. Without
// one, the binary's bytes are hashed.
func generatorID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	id := goBuildID(exe)
	if id == nil {
		f, err := os.Open(exe)
		if err != nil {
			return "unknown"
		}
		defer f.Close()
		h := sha256.New()
		io.Copy(h, f)
		id = h.Sum(nil)
	}
	sum := sha256.Sum256(id)
	return hex.EncodeToString(sum[:8])
}

// goBuildID reads the build ID from an ELF note, or from the start of the
// text where Go puts it on other systems; nil when there is none.
func goBuildID(exe string) []byte {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 16 {
				return data[16:] // after the note's header and its "Go\0\0" name
			}
		}
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return nil
	}
	rest := head[i+len(marker):]
	if j := bytes.IndexByte(rest, '"'); j > 0 {
		return rest[:j]
	}
	return nil
}

// versionDir returns the folder of this version inside the cache folder
// and removes what other versions left there (their v-* folders, and the
// pack of the unversioned layout), so the cache never grows with each
// upgrade. Nothing else is touched: --cache may name any folder.
func versionDir(dir, id string) string {
	keep := "v-" + id
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			old := strings.HasPrefix(e.Name(), "v-") || e.Name() == "entries.pack"
			if old && e.Name() != keep {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
	return filepath.Join(dir, keep)
}
