// Package serve is the preview server: it builds the book in memory, serves
// it on loopback, watches the sources and rebuilds and reloads the browser.
package serve

import (
	"context"
	"errors"
	"io"

	"workbook/internal/site"
)

// Config is what the preview server needs.
type Config struct {
	Site           site.Config // Out is ignored: the preview is kept in memory
	Addr           string      // host:port to listen on
	Open           bool        // open the default browser
	Quiet, Verbose bool
	Stdout, Stderr io.Writer
}

// Run serves until ctx is cancelled.
func Run(ctx context.Context, cfg Config) error {
	return errors.New("serve: not written yet")
}
