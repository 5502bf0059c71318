package browsertest

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// shared holds the browsers of a package whose TestMain calls Main, one
// for each set of Options that needs different flags. Starting Chromium
// costs about a second a test on a busy machine; a browser context, a
// fraction of that, and it is just as fresh.
var shared struct {
	mu       sync.Mutex
	on       bool
	browsers map[Options]*browser
}

// Main runs a package's tests on shared browsers and closes them when the
// tests end. Each test still gets a browser context of its own (storage,
// caches, service workers, downloads), and the browser it shares has the
// same flags it would have had alone. Without Main, each New starts and
// closes a browser of its own.
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
func Main(m *testing.M) {
	shared.mu.Lock()
	shared.on = true
	shared.mu.Unlock()
	code := m.Run()
	shared.mu.Lock()
	for _, b := range shared.browsers {
		b.stop()
	}
	shared.mu.Unlock()
	os.Exit(code)
}

// browser is one headless Chromium. With Options.Trap it hands the workers
// of each browser context to the trap of the test that owns the context.
type browser struct {
	ctx    context.Context // the browser's first tab: each test's tab is its child
	stop   func()
	mu     sync.Mutex
	tabs   map[cdp.BrowserContextID]*Tab // the trapped tab of each browser context
	paused []target.SessionID            // the sessions that paused a worker at start
}

// browserFor returns the shared browser for o, or, without Main, a new one
// that closes when the test ends.
func browserFor(t testing.TB, o Options) *browser {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	b := shared.browsers[o]
	if b != nil && b.ctx.Err() == nil {
		return b
	}
	if b != nil {
		b.stop() // it crashed: its proxy is still open
	}
	b, err := start(o)
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if !shared.on {
		t.Cleanup(b.stop)
		return b
	}
	if shared.browsers == nil {
		shared.browsers = map[Options]*browser{}
	}
	shared.browsers[o] = b
	return b
}

func start(o Options) (*browser, error) {
	proxy, stopProxy, err := noNetwork()
	if err != nil {
		return nil, err
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags(o, proxy)...)
	b := &browser{tabs: map[cdp.BrowserContextID]*Tab{}}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithBrowserOption(chromedp.WithBrowserErrorf(b.logError)))
	b.ctx = ctx
	b.stop = func() {
		cancel()
		cancelAlloc()
		stopProxy()
	}
	err = chromedp.Do(ctx)
	if err == nil && o.Trap {
		err = b.watchWorkers()
	}
	if err != nil {
		b.stop()
		return nil, err
	}
	return b, nil
}

// flags are the command line of a test's Chromium (without a user data
// dir, chromedp makes a temporary one). Those that quiet the browser's own
// calls home are hygiene: the trap does not rely on them. The proxy keeps
// every request for another host on the machine (Chromium never proxies
// loopback, so the site under test is reached directly).
func flags(o Options, proxy string) []chromedp.ExecAllocatorOption {
	f := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"+
			"AutofillServerCommunication,CertificateTransparencyComponentUpdater"),
		chromedp.ProxyServer("http://" + proxy),
		chromedp.WindowSize(o.Width, o.Height),
	}
	if o.Dark {
		f = append(f, chromedp.Flag("blink-settings", "preferredColorScheme=0"), chromedp.Flag("force-dark-mode", true))
	}
	return f
}

// noNetwork starts a proxy that answers every request 403.
func noNetwork() (addr string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "a test sends nothing to another host", http.StatusForbidden)
	})}
	go srv.Serve(ln)
	return ln.Addr().String(), func() { srv.Close() }, nil
}

// trap hands the workers of tab's browser context to tab.Trap until the
// test ends.
func (b *browser) trap(t testing.TB, tab *Tab) {
	id := chromedp.FromContext(tab.Ctx).BrowserContextID
	b.mu.Lock()
	b.tabs[id] = tab
	b.mu.Unlock()
	t.Cleanup(func() {
		b.mu.Lock()
		delete(b.tabs, id)
		b.mu.Unlock()
	})
}

// watchWorkers makes the browser pause each service or shared worker it
// starts, and hands the worker to the trap of its browser context. A
// dedicated worker belongs to its page, whose Fetch holds its requests too.
func (b *browser) watchWorkers() error {
	// Subscribe before auto-attach: it reports the workers running already.
	attached := cdp.Events(b.ctx, chromedp.FromContext(b.ctx).Browser, target.AttachedToTarget)
	go func() {
		for ev, err := range attached {
			if err != nil {
				return
			}
			// A session the trap or chromedp attached itself is not paused.
			if !ev.WaitingForDebugger {
				continue
			}
			b.mu.Lock()
			b.paused = append(b.paused, ev.SessionID)
			tab := b.tabs[ev.TargetInfo.BrowserContextID]
			b.mu.Unlock()
			if tab != nil {
				go tab.Trap.watchWorker(tab.Ctx, ev.TargetInfo)
			} else {
				go resume(b.ctx, ev.TargetInfo) // a context being closed
			}
		}
	}()
	flat := true
	_, err := chromedp.CallBrowser(b.ctx, target.SetAutoAttach, target.SetAutoAttachParams{
		AutoAttach:             true,
		WaitForDebuggerOnStart: true,
		Flatten:                &flat,
		Filter:                 target.Filter{{Type: "service_worker"}, {Type: "shared_worker"}},
	})
	return err
}

// logError is the browser's error log. The sessions in which the browser
// paused the workers stay attached, unknown to chromedp, which complains
// when they end: that is no error.
func (b *browser) logError(format string, args ...any) {
	if format == "executor for %q doesn't exist" && len(args) == 1 {
		id, _ := args[0].(target.SessionID)
		b.mu.Lock()
		ours := slices.Contains(b.paused, id)
		b.mu.Unlock()
		if ours {
			return
		}
	}
	log.Print("ERROR: " + fmt.Sprintf(format, args...))
}
