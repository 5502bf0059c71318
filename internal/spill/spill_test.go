package spill

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

func TestPutThenGetFromManyGoroutines(t *testing.T) {
	f, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const n = 50
	offs := make([]int64, n)
	texts := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			texts[i] = fmt.Sprintf("<p>body %d</p>", i) + string(make([]byte, i))
			off, err := f.Put(texts[i])
			if err != nil {
				t.Error(err)
			}
			offs[i] = off
		}()
	}
	wg.Wait()
	for i := range n {
		got, err := f.Get(offs[i], len(texts[i]))
		if err != nil {
			t.Fatal(err)
		}
		if got != texts[i] {
			t.Errorf("text %d: got %q, want %q", i, got, texts[i])
		}
	}
	if got, err := f.Get(0, 0); got != "" || err != nil {
		t.Errorf("empty text: got %q, %v", got, err)
	}
}

func TestLeavesNoFileBehind(t *testing.T) {
	dir := t.TempDir()
	if _, err := New(dir); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 0 {
		t.Errorf("got %d files in the folder, want none: the scratch file is removed at once", len(ents))
	}
}
