package cache

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
)

// Besides its records, a store opened on a directory keeps a few small
// files there for the stages (what the last build published, what it read):
// written whole through a temporary file, so a build killed while writing
// leaves the previous file, and read back as a miss when damaged.

// LoadGob decodes the file name of the store's folder into v, and reports
// whether there was one that decoded. A store in memory has none.
func (s *Store) LoadGob(name string, v any) bool {
	dir := s.Dir()
	if dir == "" {
		return false
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && gob.NewDecoder(bytes.NewReader(b)).Decode(v) == nil
}

// SaveGob writes v, gob-encoded, to the file name of the store's folder;
// a store in memory keeps nothing.
func (s *Store) SaveGob(name string, v any) error {
	dir := s.Dir()
	if dir == "" {
		return nil
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return err
	}
	return replaceFile(filepath.Join(dir, name), b.Bytes())
}

// replaceFile writes data to path through a temporary file renamed over it.
func replaceFile(path string, data []byte) error {
	tmp := path + ".new"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
