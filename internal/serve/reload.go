package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is one Server-Sent Event: "reload", "css" (stylesheets to swap),
// "error" (the overlay) or "hello" (the current build, sent on connect).
type event struct {
	Name string
	Data string // JSON, on one line
}

// hub fans events out to the connected browsers. Connections are capped so
// a runaway tab cannot exhaust the server, and each one is removed as soon
// as its client leaves or the server stops.
type hub struct {
	max       int
	keepAlive time.Duration
	mu        sync.Mutex
	clients   map[chan event]bool
	state     func() []event // what a new client is told first
}

func newHub(max int, state func() []event) *hub {
	return &hub{max: max, keepAlive: 20 * time.Second, clients: map[chan event]bool{}, state: state}
}

// join registers a client, or returns false when the hub is full.
func (h *hub) join() (chan event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.clients) >= h.max {
		return nil, false
	}
	ch := make(chan event, 8)
	h.clients[ch] = true
	return ch, true
}

func (h *hub) leave(ch chan event) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

// count is the number of connected clients.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// broadcast sends ev to every client. A client too slow to take it misses
// it and is disconnected: its EventSource reconnects and is told the
// current state, which is all a reload needs.
func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- ev:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// ServeHTTP streams events to one client until it leaves or ctx (the
// server's) ends.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, ok := h.join()
	if !ok {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many live-reload connections", http.StatusServiceUnavailable)
		return
	}
	defer h.leave(ch)
	// The stream stays open as long as its tab: no write deadline.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	for _, ev := range h.state() {
		writeEvent(w, ev)
	}
	flusher.Flush()
	h.stream(r.Context(), w, flusher, ch)
}

func (h *hub) stream(ctx context.Context, w http.ResponseWriter, flusher http.Flusher, ch chan event) {
	tick := time.NewTicker(h.keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, ev)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Name, ev.Data)
}
