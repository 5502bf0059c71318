package cache

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBytesOutliveTheProcessOnDisk(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewKey("t").String("a").Key(), NewKey("t").String("b").Key()
	s.PutBytes(a, []byte("first"))
	if got, ok := s.GetBytes(a); !ok || string(got) != "first" {
		t.Errorf("before Close: got %q, %v; want first, true", got, ok)
	}
	s.PutBytes(b, []byte("second"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for k, want := range map[Key]string{a: "first", b: "second"} {
		if got, ok := s.GetBytes(k); !ok || string(got) != want {
			t.Errorf("after reopening: got %q, %v; want %q, true", got, ok, want)
		}
	}
	if _, ok := s.GetBytes(NewKey("t").String("c").Key()); ok {
		t.Error("got a value never put")
	}
}

// A build killed while writing leaves a cut-off record: the next build
// drops it and keeps the rest.
func TestCutOffRecordIsDropped(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	a, b := NewKey("t").String("a").Key(), NewKey("t").String("b").Key()
	s.PutBytes(a, []byte("whole"))
	s.PutBytes(b, []byte("this one is cut off"))
	s.Close()
	p := filepath.Join(dir, packName)
	st, _ := os.Stat(p)
	if err := os.Truncate(p, st.Size()-5); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := s.GetBytes(a); !ok || string(got) != "whole" {
		t.Errorf("got %q, %v; want whole, true", got, ok)
	}
	if _, ok := s.GetBytes(b); ok {
		t.Error("a cut-off record was returned")
	}
	s.PutBytes(b, []byte("again"))
	s.Close()
	s, _ = Open(dir)
	defer s.Close()
	if got, ok := s.GetBytes(b); !ok || string(got) != "again" {
		t.Errorf("after rewriting: got %q, %v; want again, true", got, ok)
	}
}

func TestMemoryStoreKeepsBytesInMemory(t *testing.T) {
	s := New()
	k := NewKey("t").Key()
	s.PutBytes(k, []byte("x"))
	if got, ok := s.GetBytes(k); !ok || string(got) != "x" || s.Persistent() {
		t.Errorf("got %q, %v, persistent %v; want x, true, false", got, ok, s.Persistent())
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
}

func TestCorruptRecordIsAMiss(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	k := NewKey("t").Key()
	s.PutBytes(k, []byte("the right bytes"))
	s.Close()
	p := filepath.Join(dir, packName)
	data, _ := os.ReadFile(p)
	data[len(data)-3] ^= 0xff
	os.WriteFile(p, data, 0o644)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, ok := s.GetBytes(k); ok {
		t.Errorf("got %q from a corrupt record, want a miss", got)
	}
}

func TestBuildsSharingTheCacheTakeTurns(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	opened := make(chan *Store)
	go func() {
		second, err := Open(dir)
		if err != nil {
			t.Error(err)
		}
		opened <- second
	}()
	select {
	case <-opened:
		t.Fatal("a second build opened the cache while the first had it")
	case <-time.After(200 * time.Millisecond):
	}
	first.PutBytes(NewKey("t").Key(), []byte("from the first"))
	first.Close()
	second := <-opened
	defer second.Close()
	if got, ok := second.GetBytes(NewKey("t").Key()); !ok || string(got) != "from the first" {
		t.Errorf("got %q, %v; want what the first build wrote", got, ok)
	}
}

// TestLocatedBytesReadBack: a value can be found without reading it, read
// later from where it lies, written in this build or an earlier one; a
// damaged one is an error that says what to do, not wrong bytes.
func TestLocatedBytesReadBack(t *testing.T) {
	dir := t.TempDir()
	k, fresh := NewKey("t").String("old").Key(), NewKey("t").String("new").Key()
	s, _ := Open(dir)
	s.PutBytes(k, []byte("written by the last build"))
	s.Close()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.PutBytes(fresh, []byte("written by this one"))
	for key, want := range map[Key]string{k: "written by the last build", fresh: "written by this one"} {
		off, n, ok := s.Locate(key)
		if !ok {
			t.Fatalf("Locate(%q) found nothing", want)
		}
		if got, err := s.Located().Get(off, n); err != nil || got != want {
			t.Errorf("Get = %q, %v; want %q", got, err, want)
		}
	}
	if _, _, ok := s.Locate(NewKey("t").String("never").Key()); ok {
		t.Error("Locate found a key never stored")
	}
	off, n, _ := s.Locate(k)
	s.Close()
	p := filepath.Join(dir, packName)
	data, _ := os.ReadFile(p)
	data[off] ^= 0xff
	os.WriteFile(p, data, 0o644)
	s, _ = Open(dir)
	defer s.Close()
	if got, err := s.Located().Get(off, n); err == nil || !strings.Contains(err.Error(), "delete the folder") {
		t.Errorf("Get of a damaged record = %q, %v; want an error saying to delete the cache", got, err)
	}
	if New().Located() != nil {
		t.Error("a store in memory has a file to read")
	}
}

// TestIndexListsRecordsForTheNextBuild: Close lists the records, the next
// Open reads the list instead of every header, finds records added after
// it by their headers, and ignores a list that does not fit the pack.
func TestIndexListsRecordsForTheNextBuild(t *testing.T) {
	dir := t.TempDir()
	a, b := NewKey("t").String("a").Key(), NewKey("t").String("b").Key()
	s, _ := Open(dir)
	s.PutBytes(a, []byte("first"))
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, indexName)); err != nil {
		t.Fatalf("no index after Close: %v", err)
	}
	s, _ = Open(dir)
	if s.disk.indexed == 0 {
		t.Error("Open did not use the index")
	}
	s.PutBytes(b, []byte("second"))
	s.disk.w.Flush() // as a build killed before Close leaves it
	s.disk.f.Close()
	check := func(what string, want map[Key]string) {
		t.Helper()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for k, v := range want {
			if got, ok := s.GetBytes(k); string(got) != v || ok != (v != "") {
				t.Errorf("%s: got %q, %v; want %q", what, got, ok, v)
			}
		}
	}
	check("a record past the index", map[Key]string{a: "first", b: "second"})
	idx := filepath.Join(dir, indexName)
	data, _ := os.ReadFile(idx)
	binary.LittleEndian.PutUint64(data[len(indexMagic):], 1<<40)
	os.WriteFile(idx, data, 0o644)
	check("an index covering more than the pack", map[Key]string{a: "first", b: "second"})
	os.WriteFile(idx, []byte("not an index"), 0o644)
	check("a damaged index", map[Key]string{a: "first", b: "second"})
	os.Truncate(filepath.Join(dir, packName), 0)
	check("an emptied pack", map[Key]string{a: "", b: ""})
}

// TestGobFilesInTheFolder: a stage's file in the store's folder reads back
// as written; a damaged one, or one in a store in memory, is a miss.
func TestGobFilesInTheFolder(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	defer s.Close()
	want := map[string]int{"a": 1, "b": 2}
	if err := s.SaveGob("stage.gob", want); err != nil {
		t.Fatal(err)
	}
	var got map[string]int
	if !s.LoadGob("stage.gob", &got) || len(got) != 2 || got["b"] != 2 {
		t.Errorf("read back %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "stage.gob.new")); !os.IsNotExist(err) {
		t.Error("the temporary file was left behind")
	}
	os.WriteFile(filepath.Join(dir, "stage.gob"), []byte("not gob"), 0o644)
	if s.LoadGob("stage.gob", &got) {
		t.Error("a damaged file decoded")
	}
	if m := New(); m.SaveGob("x", want) != nil || m.LoadGob("x", &got) {
		t.Error("a store in memory kept a file")
	}
}
