package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"

	"github.com/workbook-press/workbook/internal/serve"
	"github.com/workbook-press/workbook/internal/site"
)

type serveOptions struct {
	commonFlags
	port int
	bind string
	open bool
}

func serveFlags(out io.Writer) (*flag.FlagSet, *serveOptions) {
	opts := &serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(out)
	opts.register(fs)
	fs.IntVar(&opts.port, "port", 1313, "TCP `port` to listen on (0 picks a free one)")
	fs.StringVar(&opts.bind, "bind", "127.0.0.1", "`address` to listen on; only this machine can connect unless you change it")
	fs.BoolVar(&opts.open, "open", false, "open the book in the default browser")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: workbook serve [flags]\n\nBuilds the book in memory, serves it, and rebuilds and reloads the browser\nwhen content/, layouts/ or assets/ change. Your public/ is not touched.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs, opts
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, opts := serveFlags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := needContent(opts.src); err != nil {
		return err
	}
	return serve.Run(ctx, serve.Config{
		Site: site.Config{
			Src:     opts.src,
			Drafts:  opts.drafts,
			Minify:  true,
			Preview: true,
		},
		Addr:    net.JoinHostPort(opts.bind, strconv.Itoa(opts.port)),
		Open:    opts.open,
		Quiet:   opts.quiet,
		Verbose: opts.verbose,
		Stdout:  stdout,
		Stderr:  stderr,
	})
}
