package memo

import (
	"errors"
	"testing"
)

func TestDoKeepsWhatABuildUses(t *testing.T) {
	m := New()
	calls := 0
	f := func() (string, error) { calls++; return "v", nil }
	a, b := KeyOf([]byte("step"), []byte("a")), KeyOf([]byte("step"), []byte("b"))
	Do(m, a, f)
	Do(m, a, f)
	if calls != 1 {
		t.Errorf("got %d calls for one key, want 1", calls)
	}
	m.Sweep() // a was used by the first build
	Do(m, b, f)
	if n := m.Sweep(); n != 1 {
		t.Errorf("Sweep dropped %d results, want 1 (a, unused by the second build)", n)
	}
	Do(m, a, f)
	if calls != 3 {
		t.Errorf("got %d calls, want 3: a was dropped", calls)
	}
}

func TestDoKeepsNoFailureAndNilRemembersNothing(t *testing.T) {
	m := New()
	k := KeyOf([]byte("x"))
	if _, err := Do(m, k, func() (int, error) { return 0, errors.New("no") }); err == nil {
		t.Fatal("got no error")
	}
	if v, _ := Do(m, k, func() (int, error) { return 7, nil }); v != 7 {
		t.Errorf("got %d, want 7: a failure must not be kept", v)
	}
	calls := 0
	for range 2 {
		Do(nil, k, func() (int, error) { calls++; return 1, nil })
	}
	if calls != 2 {
		t.Errorf("a nil memo: got %d calls, want 2", calls)
	}
	if KeyOf([]byte("ab"), []byte("c")) == KeyOf([]byte("a"), []byte("bc")) {
		t.Error("KeyOf: parts run together")
	}
}
