package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// collector returns GOGC and the memory limit as the runtime has them now.
func collector() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// waitForLimit collects until the memory limit satisfies ok (the watch runs
// after a collection, on the finalizer goroutine), for at most two seconds.
func waitForLimit(t *testing.T, what string, ok func(int64) bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		_, limit := collector()
		if ok(limit) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("memory limit is %d MiB, want %s", limit>>20, what)
		}
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCollectByBudgetFollowsTheLiveHeap(t *testing.T) {
	if collectorSetByEnv() {
		t.Skip("GOGC or GOMEMLIMIT is set: collectByBudget leaves the collector alone")
	}
	const source = 20 << 20 // a book of 20 MiB of Markdown: a budget of 60 MiB
	stop := collectByBudget(source)
	defer stop()
	if percent, limit := collector(); percent != -1 || limit != 3*source {
		t.Errorf("GOGC is %d and the limit %d MiB, want off (-1) and 60 MiB", percent, limit>>20)
	}

	// An outline larger than half the budget: 48 MiB of small live objects.
	const live = 48 << 20
	outline := make([]*[1024]byte, 0, live/1024)
	for range cap(outline) {
		outline = append(outline, new([1024]byte))
	}
	waitForLimit(t, "twice the live heap", func(l int64) bool { return l >= 2*live })

	runtime.KeepAlive(outline)
	outline = nil
	waitForLimit(t, "the first budget again", func(l int64) bool { return l == 3*source })

	stop()
	if percent, limit := collector(); percent != 100 || limit != math.MaxInt64 {
		t.Errorf("after stop GOGC is %d and the limit %d, want 100 and none", percent, limit)
	}
}

func TestBudgetOfASmallBook(t *testing.T) {
	if collectorSetByEnv() {
		t.Skip("GOGC or GOMEMLIMIT is set: collectByBudget leaves the collector alone")
	}
	stop := collectByBudget(100 << 10)
	defer stop()
	if _, limit := collector(); limit != minBudget {
		t.Errorf("the budget of a 100 KiB book is %d MiB, want %d MiB", limit>>20, minBudget>>20)
	}
}

func TestSourceSize(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"a.md": 10, "part/b.md": 20, "img/c.png": 1000, "notes.txt": 5} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := sourceSize(dir); got != 30 {
		t.Errorf("sourceSize = %d, want 30 (the .md files only)", got)
	}
}
