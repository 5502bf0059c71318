package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// generatorID names the running binary by its path, size and modification
// time: it changes whenever workbook is rebuilt (go run keeps its binary
// in Go's build cache, so it stays the same between runs of one version).
// Reading the path and size costs nothing, unlike hashing the binary.
func generatorID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "unknown"
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, st.Size(), st.ModTime().UnixNano()))
	return hex.EncodeToString(sum[:8])
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
