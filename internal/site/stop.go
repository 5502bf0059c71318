package site

import (
	"context"
	"fmt"
	"sync"

	"github.com/workbook-press/workbook/internal/publish"
)

// stopper lets a build be stopped from outside. Stages do not all look at
// the context (goldmark has no way to), so on a signal Build does not wait
// for them: it aborts the output, which removes the fresh folder and
// refuses every later write, and returns. The stage still running finds
// its work refused and ends; in a command the process ends first.
type stopper struct {
	mu      sync.Mutex
	stopped bool
	out     *publish.Output
}

// begin makes the build's output with start and registers it, holding
// the stopper's lock: a stop that comes while the fresh folder is being
// made waits for it, and removes it. (Registered afterwards, a folder made
// just before the signal was left behind when the process ended first.)
func (s *stopper) begin(ctx context.Context, start func() (*publish.Output, error)) (*publish.Output, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil, ctx.Err()
	}
	out, err := start()
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	s.out = out
	return out, nil
}

// stop aborts the output, if the build has one; it returns when no file
// of the build is left on disk.
func (s *stopper) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	if s.out != nil {
		s.out.Abort()
	}
}

// stoppable runs build, returning as soon as ctx ends.
func stoppable(ctx context.Context, cfg Config, build func(context.Context, Config, *stopper) (*Result, error)) (*Result, error) {
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	s := &stopper{}
	go func() {
		res, err := build(ctx, cfg, s)
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-ctx.Done():
	}
	s.stop()
	select {
	case r := <-done: // it had just finished
		return r.res, r.err
	default:
		return nil, ctx.Err()
	}
}
