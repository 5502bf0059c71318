package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent returns GOGC as the runtime has it now.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// waitForGCPercent collects until GOGC is want (the watch runs after a
// collection, on the finalizer goroutine), for at most two seconds.
func waitForGCPercent(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for gcPercent() != want {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d, want %d", gcPercent(), want)
		}
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCollectForLiveHeapFollowsTheLiveHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: collectForLiveHeap leaves the collector alone")
	}
	stop := collectForLiveHeap()
	defer stop()
	runtime.GC()
	waitForGCPercent(t, 100)

	// A large book's outline: many small live objects, over the threshold.
	outline := make([]*[1024]byte, 0, liveHeapForLargeBook/1024+4096)
	for range cap(outline) {
		outline = append(outline, new([1024]byte))
	}
	waitForGCPercent(t, largeBookGOGC)

	runtime.KeepAlive(outline)
	outline = nil
	waitForGCPercent(t, 100)

	outline = make([]*[1024]byte, 0, liveHeapForLargeBook/1024+4096)
	for range cap(outline) {
		outline = append(outline, new([1024]byte))
	}
	waitForGCPercent(t, largeBookGOGC)
	runtime.KeepAlive(outline)
	stop()
	if p := gcPercent(); p != 100 {
		t.Errorf("after stop GOGC is %d, want 100", p)
	}
}
