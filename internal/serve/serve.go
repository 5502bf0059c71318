// Package serve is the preview server of `workbook serve`: it builds the
// book in memory, serves it on loopback with the production headers,
// watches content/, layouts/ and assets/, rebuilds on every save and tells
// the open pages over Server-Sent Events to reload, to swap a changed
// stylesheet, or to show a build error over the page.
//
// The server knows about the build, never the other way round: a rebuild is
// the same full site.Build as `workbook build`, made fast by the memo it is
// given (internal/memo: a file's parse and a page's minified bytes kept by
// a hash of their inputs), and the result equals a clean build.
//
// Files: serve.go starts and stops everything, http.go answers requests
// from the build in memory, watch.go turns file events into debounced
// batches, rebuild.go builds and decides what the browsers must do,
// reload.go is the event hub, overlay.go shapes build errors for the page,
// client/ holds the files the preview adds (live.js, live.css, sw.js).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/workbook-press/workbook/internal/memo"
	"github.com/workbook-press/workbook/internal/site"
)

// Config is what the preview server needs.
type Config struct {
	Site           site.Config // Out is ignored: the preview is kept in memory
	Addr           string      // host:port to listen on
	Open           bool        // open the default browser
	Quiet, Verbose bool
	Stdout, Stderr io.Writer
}

// MaxClients caps the live-reload connections (one per open tab).
const MaxClients = 256

// The server's timeouts. A connection that sends nothing between requests
// is closed after idleTimeout, so idle keep-alive connections do not pile
// up; a response must be written within writeTimeout, except the
// live-reload stream, which lifts it (hub.ServeHTTP).
const (
	readTimeout  = 10 * time.Second
	idleTimeout  = 5 * time.Second
	writeTimeout = 10 * time.Second
)

// Run serves until ctx is cancelled.
func Run(ctx context.Context, cfg Config) error {
	s, err := Start(ctx, cfg)
	if err != nil {
		return err
	}
	log := s.b.log
	log.info("Serving %q at %s (press Ctrl-C to stop)", s.title(), s.URL())
	if !isLoopback(s.ln.Addr()) {
		host, _, _ := net.SplitHostPort(s.ln.Addr().String())
		log.warn("warning: listening on %s: other machines on your network can read the book", host)
	}
	if cfg.Open {
		openBrowser(s.URL())
	}
	<-ctx.Done()
	return s.Close()
}

// Server is a running preview.
type Server struct {
	b      *builder
	ln     net.Listener
	http   *http.Server
	root   *os.Root
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start builds the book once, starts listening and watching, and returns;
// a failed first build is shown in the browser and keeps nothing from
// starting. Close stops it.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	src := cfg.Site.Src
	if src == "" {
		src = "."
	}
	root, err := os.OpenRoot(src) // symlinks cannot lead the build out of the project
	if err != nil {
		return nil, err
	}
	sc := cfg.Site
	sc.Out, sc.Preview = "", true
	if sc.Project == nil {
		sc.Project = root.FS()
	}
	if sc.Memo == nil {
		sc.Memo = memo.New()
	}
	log := &logger{stdout: cfg.Stdout, stderr: cfg.Stderr, quiet: cfg.Quiet, verbose: cfg.Verbose}
	b := &builder{cfg: sc, project: sc.Project, log: log}
	b.hub = newHub(MaxClients, b.state)
	s := &Server{b: b, root: root}
	if err := s.start(ctx, src, cfg.Addr); err != nil {
		root.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) start(ctx context.Context, src, addr string) error {
	w, err := newWatcher(src, func(err error) { s.b.log.warn("watch: %v", err) })
	if err != nil {
		return fmt.Errorf("watch %s: %w", src, err)
	}
	s.b.stale = w.waiting
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		w.fsw.Close()
		return fmt.Errorf("%w (is another preview running? --port 0 picks a free port)", err)
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.ln = ln
	s.b.rebuild(ctx, nil)
	s.http = &http.Server{
		Handler:           &handler{b: s.b, loopback: isLoopback(ln.Addr())},
		BaseContext:       func(net.Listener) context.Context { return ctx }, // ends event streams on Close
		ReadHeaderTimeout: readTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		WriteTimeout:      writeTimeout,
	}
	ready := make(chan struct{}, 1)
	s.wg.Add(3)
	go func() { defer s.wg.Done(); w.run(ctx, ready) }()
	go func() { defer s.wg.Done(); s.rebuildLoop(ctx, w, ready) }()
	go func() {
		defer s.wg.Done()
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.b.log.warn("serve: %v", err)
		}
	}()
	return nil
}

// rebuildLoop rebuilds once per batch of changes; changes made during a
// build make the next batch.
func (s *Server) rebuildLoop(ctx context.Context, w *watcher, ready <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ready:
			s.b.rebuild(ctx, w.take())
		}
	}
}

func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// URL is the address of the book's home page.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

func (s *Server) title() string {
	if cur, _ := s.b.snap(); cur != nil && cur.title != "" {
		return cur.title
	}
	return "the book"
}

// Close stops serving, watching and building, and waits for every
// goroutine the server started.
func (s *Server) Close() error {
	s.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	s.wg.Wait()
	s.root.Close()
	return err
}

// openBrowser opens url in the default browser, without waiting for it.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
