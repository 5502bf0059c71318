package browsertest

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Trap records every request that the pages of a browser (Options.Trap)
// and their service and shared workers make, and fails each one for another
// machine before it is sent.
//
// It tells the book's requests from the browser's own by who made them, not
// by host: it listens, through the DevTools protocol, to each page target
// and to each worker target, where Network reports what the target asks for
// and Fetch, with a pattern that matches every URL, holds each request until
// the trap lets it go on or fails it. The browser's own calls (updates,
// safe browsing, the clock) belong to no page or worker, so they never reach
// the trap, whatever host the next Chromium calls.
//
// A worker is paused when it starts, before the first line of its script,
// and runs only once the trap listens to it.
type Trap struct {
	mu     sync.Mutex
	seen   []string // "METHOD URL (who)", each once, in order
	urls   []string // the URL of each entry of seen
	errs   []string // a target the trap could not listen to
	paused []target.SessionID
}

// Caught returns the requests that the pages and workers made for anything
// but origin (e.g. "http://127.0.0.1:41234"), as "METHOD URL (who)", each
// once; and a line for any worker the trap failed to listen to, since its
// requests went unseen. data: and blob: URLs stay on the device and are not
// counted.
func (tr *Trap) Caught(origin string) []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []string
	for i, u := range tr.urls {
		if !onOrigin(u, origin) {
			out = append(out, tr.seen[i])
		}
	}
	return append(out, tr.errs...)
}

// listen returns the listener of one target, named who in what the trap
// records. ctx points to the context of the target; it is set before the
// target is attached, so before the first event.
func (tr *Trap) listen(ctx *context.Context, who string) func(ev any) {
	return func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			// Also a request that the page's service worker answers,
			// which never reaches the page's Fetch.
			tr.note(e.Request.Method, e.Request.URL, who)
		case *fetch.EventRequestPaused:
			tr.note(e.Request.Method, e.Request.URL, who)
			// The listener runs in the target's event loop, which the
			// answer to a command needs: answer from another goroutine.
			go answer(*ctx, e.RequestID, e.Request.URL)
		}
	}
}

func (tr *Trap) note(method, u, who string) {
	entry := method + " " + u + " (" + who + ")"
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if !slices.Contains(tr.seen, entry) {
		tr.seen = append(tr.seen, entry)
		tr.urls = append(tr.urls, u)
	}
}

func (tr *Trap) fail(format string, args ...any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.errs = append(tr.errs, fmt.Sprintf(format, args...))
}

// answer lets a paused request for this machine go on and fails any other.
// An error means the target is gone, and its request with it.
func answer(ctx context.Context, id fetch.RequestID, u string) {
	if onMachine(u) {
		chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
		return
	}
	chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
}

// intercept holds every request of the target of ctx for the trap.
func intercept(ctx context.Context) error {
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	return err
}

// watchWorkers makes the browser of ctx pause each service or shared worker
// it starts, and hands the worker to the trap. A dedicated worker belongs
// to its page, whose Fetch holds its requests too.
func (tr *Trap) watchWorkers(ctx context.Context) error {
	b := chromedp.FromContext(ctx).Browser
	// Subscribe before auto-attach: it reports the workers running already.
	attached := cdp.Events(ctx, b, target.AttachedToTarget)
	go func() {
		for ev, err := range attached {
			if err != nil {
				return
			}
			// A session the trap or chromedp attached itself is not paused.
			if ev.WaitingForDebugger {
				tr.mu.Lock()
				tr.paused = append(tr.paused, ev.SessionID)
				tr.mu.Unlock()
				go tr.watchWorker(ctx, ev.TargetInfo)
			}
		}
	}()
	flat := true
	_, err := cdp.Call(ctx, b, target.SetAutoAttach, target.SetAutoAttachParams{
		AutoAttach:             true,
		WaitForDebuggerOnStart: true,
		Flatten:                &flat,
		Filter:                 target.Filter{{Type: "service_worker"}, {Type: "shared_worker"}},
	})
	return err
}

// watchWorker listens to a paused worker in a session of its own, then lets
// it run.
func (tr *Trap) watchWorker(parent context.Context, info *target.Info) {
	who := info.Type + " " + info.URL
	var ctx context.Context
	// The session ends with parent, the tab's context, and leaves the
	// worker running.
	ctx, _ = chromedp.NewContext(parent, chromedp.WithTargetID(info.TargetID),
		chromedp.WithDetachOnCancel(), chromedp.WithListener(tr.listen(&ctx, who)))
	err := chromedp.Do(ctx) // attaches, and enables Network
	if err == nil {
		err = intercept(ctx)
	}
	if err == nil {
		_, err = chromedp.Call(ctx, runtime.RunIfWaitingForDebugger, cdp.Empty{})
	}
	if err != nil && parent.Err() == nil {
		tr.fail("the trap could not listen to %s: %v", who, err)
	}
}

// logError is the browser's error log. The sessions in which the browser
// paused the workers are left attached, unknown to chromedp, which
// complains when they end: that is no error.
func (tr *Trap) logError(format string, args ...any) {
	if format == "executor for %q doesn't exist" && len(args) == 1 {
		id, _ := args[0].(target.SessionID)
		tr.mu.Lock()
		ours := slices.Contains(tr.paused, id)
		tr.mu.Unlock()
		if ours {
			return
		}
	}
	log.Printf("ERROR: "+format, args...)
}

// onOrigin reports whether u is on origin, or stays on the device.
func onOrigin(u, origin string) bool {
	return u == origin || strings.HasPrefix(u, origin+"/") || localScheme(u)
}

// onMachine reports whether a request for u stays on this machine.
func onMachine(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	if localScheme(u) {
		return true
	}
	host := p.Hostname()
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

func localScheme(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "data" || p.Scheme == "blob")
}
