// Command workbook builds a self-guided workbook web site from Markdown
// chapters and worksheet frontmatter, checks a book for errors, scaffolds
// chapters, and serves a live preview while you write.
//
//	workbook init    [DIR]            start a book
//	workbook import  mdbook SRC [DEST]
//	workbook build   [flags]          content/ + layouts/ + assets/ -> public/
//	workbook check   [flags]          the same validation, writes nothing
//	workbook serve   [flags]          preview server with live reload
//	workbook new chapter "Title"      scaffold content/NN-title.md
//	workbook theme   export [DIR]     copy the default theme out
//	workbook version | help
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, errReported) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "workbook:", err)
	}
	os.Exit(exitCode(err))
}

// exitCode maps run's error to the process status: 0 for success and asked
// for help, 2 for a wrong command line, 1 for everything else.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	return 1
}

var (
	// errReported means the details were already printed.
	errReported = errors.New("reported")
	// errUsage means the command line was wrong.
	errUsage = errors.New("usage")
)

const usage = `workbook builds a self-guided workbook web site from Markdown.

Usage:
  workbook init [DIR]                  start a book in DIR (default: here)
  workbook import mdbook SRC [DEST]    turn an mdBook into a workbook book
  workbook build [flags]               build content/ into public/
  workbook check [flags]               validate the book, write nothing
  workbook serve [flags]               preview with live reload (http://127.0.0.1:1313)
  workbook new chapter "Title"         create content/NN-title.md
  workbook theme export [DIR]          copy the default layouts/ and assets/ out
  workbook version                     print the version and the Go that built it
  workbook help [command]              show help

Run 'workbook help build' or 'workbook help serve' for the flags.
`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return wrongUsage(stderr, usage, "no command given")
	}
	cmd, rest := args[0], args[1:]
	if text, ok := wordUsage[cmd]; ok && slices.ContainsFunc(rest, isHelp) {
		fmt.Fprint(stdout, text)
		return nil
	}
	switch cmd {
	case "build", "check":
		return runBuild(ctx, cmd, rest, stdout, stderr)
	case "serve", "server":
		return runServe(ctx, rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "import":
		return runImport(rest, stdout, stderr)
	case "theme":
		return runTheme(rest, stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(stdout)
	case "help", "-h", "-help", "--help":
		return runHelp(rest, stdout, stderr)
	}
	return wrongUsage(stderr, usage, fmt.Sprintf("unknown command %q", cmd))
}

func runHelp(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return nil
	}
	switch args[0] {
	case "build", "check":
		fs, _ := buildFlags(args[0], stdout)
		fs.Usage()
	case "serve":
		fs, _ := serveFlags(stdout)
		fs.Usage()
	default:
		text, ok := wordUsage[args[0]]
		if !ok {
			return wrongUsage(stderr, usage, fmt.Sprintf("no help for %q", args[0]))
		}
		fmt.Fprint(stdout, text)
	}
	return nil
}

// wordUsage is the help of the commands that take words rather than flags;
// run prints it for -h, -help or --help anywhere in their arguments.
var wordUsage = map[string]string{"new": newUsage, "init": initUsage, "import": importUsage, "theme": themeUsage}

// wrongUsage prints the usage text and says what is wrong with the command
// line; main then exits with status 2.
func wrongUsage(stderr io.Writer, text, problem string) error {
	fmt.Fprint(stderr, text)
	return fmt.Errorf("%w: %s", errUsage, problem)
}
