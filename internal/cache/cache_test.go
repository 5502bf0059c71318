package cache

import (
	"sync"
	"testing"
)

func TestGetReturnsWhatWasPut(t *testing.T) {
	s := New()
	k := NewKey("page").String("index.html").Key()
	if _, ok := s.Get(k); ok {
		t.Fatal("got a value from an empty store")
	}
	s.Put(k, []byte("<p>hi"))
	v, ok := s.Get(k)
	if !ok || string(v.([]byte)) != "<p>hi" {
		t.Errorf("got %q, %v; want <p>hi, true", v, ok)
	}
}

func TestKeysSeparateParts(t *testing.T) {
	a := NewKey("x").String("ab").String("c").Key()
	b := NewKey("x").String("a").String("bc").Key()
	c := NewKey("y").String("ab").String("c").Key()
	if a == b || a == c {
		t.Error("different inputs gave the same key")
	}
	if a != NewKey("x").String("ab").String("c").Key() {
		t.Error("the same inputs gave different keys")
	}
}

func TestSweepDropsWhatTheLastBuildDidNotUse(t *testing.T) {
	s := New()
	old, kept, fresh := NewKey("a").Key(), NewKey("b").Key(), NewKey("c").Key()
	s.Put(old, 1)
	s.Put(kept, 2)
	s.Sweep() // end of build 1
	s.Get(kept)
	s.Put(fresh, 3)
	if n := s.Sweep(); n != 1 { // end of build 2
		t.Errorf("swept %d entries, want 1", n)
	}
	if _, ok := s.Get(old); ok {
		t.Error("an entry unused by the last build survived")
	}
	for _, k := range []Key{kept, fresh} {
		if _, ok := s.Get(k); !ok {
			t.Error("an entry used by the last build was dropped")
		}
	}
}

func TestNilStoreHoldsNothing(t *testing.T) {
	var s *Store
	s.Put(NewKey("a").Key(), 1)
	if _, ok := s.Get(NewKey("a").Key()); ok {
		t.Error("a nil store returned a value")
	}
}

func TestConcurrentUse(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				k := NewKey("n").String(string(rune('a' + (i+j)%26))).Key()
				s.Put(k, j)
				s.Get(k)
			}
		}()
	}
	wg.Wait()
	if s.Len() != 26 {
		t.Errorf("got %d entries, want 26", s.Len())
	}
}
