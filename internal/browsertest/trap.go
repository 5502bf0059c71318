package browsertest

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Trap is a proxy that lets nothing through: a browser started with
// Options.Trap sends it every request for another host than loopback, from
// any of its parts (pages, service workers, the browser itself), and the
// trap records it and answers 403. A tab's own request log only sees what
// its page asks for; the trap also sees what a service worker fetches.
type Trap struct {
	addr string
	mu   sync.Mutex
	seen []string
}

func startTrap(t testing.TB) *Trap {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trap{addr: ln.Addr().String()}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tr.mu.Lock()
		tr.seen = append(tr.seen, r.Method+" "+r.Host+r.URL.Path)
		tr.mu.Unlock()
		http.Error(w, "this test allows no request to another host", http.StatusForbidden)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return tr
}

// browserOwn are hosts Chromium itself calls (component and extension
// updates and their download servers, account checks) even on a blank
// loopback page, whatever the flags; no web page asks for them.
var browserOwn = []string{"update.googleapis.com", "accounts.google.com", "clients2.google.com", "gvt1.com"}

// Caught returns every request that tried to leave the machine so far, as
// "METHOD host/path" ("CONNECT host:443" for HTTPS), except the browser's
// own calls to browserOwn hosts.
func (tr *Trap) Caught() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []string
	for _, s := range tr.seen {
		if !slices.ContainsFunc(browserOwn, func(h string) bool { return isHost(s, h) }) {
			out = append(out, s)
		}
	}
	return out
}

// isHost reports whether a caught request ("METHOD host/path" or "METHOD
// host:port") went to host or one of its subdomains.
func isHost(caught, host string) bool {
	_, rest, _ := strings.Cut(caught, " ")
	name, _, _ := strings.Cut(rest, "/")
	if h, _, err := net.SplitHostPort(name); err == nil {
		name = h
	}
	return name == host || strings.HasSuffix(name, "."+host)
}
