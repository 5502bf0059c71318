package offlinetest

import (
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// On a connection that hangs (a train between stations), a saved page is
// shown after a few seconds instead of a blank screen until the network
// gives up.
func TestHangingNetworkFallsBackToTheSavedPage(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, book("The opening."), out)
	var hang atomic.Bool
	site := host(t, out)
	srv := browsertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() && !strings.HasPrefix(r.URL.Path, "/assets/") {
			select {
			case <-time.After(time.Minute):
			case <-r.Context().Done():
				return
			}
		}
		site.ServeHTTP(w, r)
	}))
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	visitUntilControlled(t, tab, srv.URL+"/")

	hang.Store(true)
	start := time.Now()
	h1, fromWorker := open(t, tab, srv.URL+"/second/")
	if took := time.Since(start); h1 != "Second thoughts" || !fromWorker || took > 15*time.Second {
		t.Errorf("with the network hanging: got h1 %q (from the worker: %v) after %v, want the saved chapter within seconds", h1, fromWorker, took.Round(time.Millisecond))
	}
	srv.Close() // drops the hanging requests
	if caught := tab.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine (from a page or the service worker): %v", caught)
	}
}
