package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/site"
)

// commonFlags are the flags build, check and serve share.
type commonFlags struct {
	src            string
	drafts         bool
	quiet, verbose bool
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.src, "src", ".", "project `dir` holding content/ (and optionally layouts/, assets/)")
	fs.BoolVar(&c.drafts, "drafts", false, "include chapters marked draft: true")
	fs.BoolVar(&c.quiet, "q", false, "print only errors")
	fs.BoolVar(&c.verbose, "v", false, "print the time of each build stage")
}

type buildOptions struct {
	commonFlags
	baseURL string
	out     string
	minify  bool
	metaCSP bool
	strict  bool
	cpuProf string
	memProf string
}

func buildFlags(name string, out io.Writer) (*flag.FlagSet, *buildOptions) {
	opts := &buildOptions{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	opts.register(fs)
	// The preview server has no use for it: its pages link from its root.
	fs.StringVar(&opts.baseURL, "base-url", os.Getenv("URL"), "absolute `URL` of the root of the published site, like https://book.example.org (default: $URL, as Netlify sets it; empty gives root-relative links)")
	fs.BoolVar(&opts.strict, "strict", false, "treat warnings as errors: nothing is written while there is one (for a book's CI)")
	fs.BoolVar(&opts.metaCSP, "csp-meta", false, "put the Content-Security-Policy in every page as <meta http-equiv>, for hosts that cannot send headers (docs/deploy.md)")
	if name == "build" { // check writes nothing
		fs.StringVar(&opts.out, "out", "public", "output `dir`, replaced only when the whole build succeeds; a relative dir is inside --src")
		fs.StringVar(&opts.cpuProf, "cpuprofile", "", "write a CPU profile of the build to `file` (read it with go tool pprof)")
		fs.StringVar(&opts.memProf, "memprofile", "", "write a heap profile, taken when the build ends, to `file`")
	}
	fs.BoolVar(&opts.minify, "minify", true, "minify HTML, CSS, JS, SVG, JSON and XML (-minify=false to debug)")
	fs.Usage = func() {
		what := "Builds the book into the output directory."
		if name == "check" {
			what = "Validates the book (content, layouts, assets) like a build, writing nothing."
		}
		fmt.Fprintf(out, "Usage: workbook %s [flags]\n\n%s\n\nFlags:\n", name, what)
		fs.PrintDefaults()
	}
	return fs, opts
}

// runBuild runs build or check (name), which writes nothing.
func runBuild(ctx context.Context, name string, args []string, stdout, stderr io.Writer) error {
	checkOnly := name == "check"
	fs, opts := buildFlags(name, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	baseURL, err := checkSiteURL(fs, opts.baseURL, stderr)
	if err != nil {
		return err
	}
	cfg := opts.siteConfig(baseURL, checkOnly)
	if err := needContent(opts.src); err != nil {
		return err
	}
	stop, err := startProfiles(opts.cpuProf, opts.memProf)
	if err != nil {
		return err
	}
	res, err := site.Build(ctx, cfg)
	if perr := stop(); perr != nil && err == nil {
		return perr
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(stderr, "workbook %s: stopped by a signal", name)
		if cfg.Out != "" {
			fmt.Fprintf(stderr, "; %s was left as it was", cfg.Out)
		}
		fmt.Fprintln(stderr)
		return errReported
	}
	if err != nil {
		reportBuildError(stderr, err, cfg.Out)
		return errReported
	}
	reportWarnings(stderr, res.Warnings)
	if !opts.quiet {
		reportBuild(stdout, res, cfg.Out, opts.verbose, checkOnly)
	}
	return nil
}

// siteConfig is the build the flags ask for; a relative --out is inside
// --src, and check writes nothing.
func (opts *buildOptions) siteConfig(baseURL string, checkOnly bool) site.Config {
	cfg := site.Config{
		Src:     opts.src,
		BaseURL: baseURL,
		Drafts:  opts.drafts,
		Minify:  opts.minify,
		MetaCSP: opts.metaCSP,
		Strict:  opts.strict,
	}
	if !checkOnly {
		cfg.Out = opts.out
		if !filepath.IsAbs(cfg.Out) {
			cfg.Out = filepath.Join(opts.src, cfg.Out)
		}
	}
	return cfg
}

// reportBuild tells what a successful build made, its notes, and with -v
// the time of each stage.
func reportBuild(stdout io.Writer, res *site.Result, out string, verbose, checkOnly bool) {
	b := res.Book
	if checkOnly {
		fmt.Fprintf(stdout, "ok: %s, %s, %s\n", plural(len(b.Chapters), "chapter"), plural(len(b.Worksheets()), "worksheet"), plural(res.Pages, "page"))
	} else {
		fmt.Fprintf(stdout, "built %s: %s, %s, %s, %s, %s in %s\n", out, plural(len(b.Chapters), "chapter"),
			plural(len(b.Worksheets()), "worksheet"), plural(res.Pages, "page"), plural(len(res.Output.Entries()), "file"), sizeString(res.Bytes), roundDuration(res.Elapsed))
	}
	for _, line := range res.Notes {
		fmt.Fprintln(stdout, line)
	}
	if verbose {
		for _, s := range res.Stages {
			fmt.Fprintf(stdout, "  %-10s %s\n", s.Name, roundDuration(s.Elapsed))
		}
	}
}

// reportBuildError prints every problem of a failed build, one per line:
// the author's problems as file:line:col, then any other error.
func reportBuildError(w io.Writer, err error, out string) {
	list, others := book.Split(err)
	for _, e := range list {
		fmt.Fprintln(w, e.Error())
	}
	for _, e := range others {
		fmt.Fprintln(w, "error:", escapeControls(e.Error()))
	}
	fmt.Fprint(w, plural(len(list)+len(others), "problem")+" found")
	if out != "" {
		fmt.Fprintf(w, "; %s was left as it was", out)
	}
	fmt.Fprintln(w)
}

// escapeControls shows every control or invisible format character of s
// but the line break as a Go escape: a file name in an error must not
// drive the terminal (book.Error quotes its own path).
func escapeControls(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || unicode.IsPrint(r) {
			b.WriteRune(r)
		} else {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// parseFlags parses a subcommand's flags and refuses stray arguments. A
// wrong flag gets one line saying what is wrong and one usage line, not the
// whole flag list; -h prints the full help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out, help := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = help
	switch {
	case errors.Is(err, flag.ErrHelp):
		help()
		return err
	case err != nil:
		return usageError(out, fs.Name(), err)
	case fs.NArg() > 0:
		return usageError(out, fs.Name(), fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	return nil
}

// usageError prints a command line problem with the usage line of the
// subcommand; main then exits with status 2.
func usageError(w io.Writer, name string, err error) error {
	fmt.Fprintf(w, "workbook %s: %v\nusage: workbook %s [flags]   (run 'workbook help %s' for the flags)\n", name, err, name, name)
	return fmt.Errorf("%w: %w", errUsage, errReported)
}

// plural returns "1 chapter" or "3 chapters".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func roundDuration(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(100 * time.Microsecond)
}
