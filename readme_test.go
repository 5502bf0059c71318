package workbook

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeBlock is one ```sh block of README.md and what the comment line
// before it asks of the test.
type readmeBlock struct {
	line    int    // the line of the opening fence
	script  string // the commands
	skip    string // why it is not run, or ""
	inClone bool   // run in this repository rather than the reader's folder
}

// readmeBlocks returns the sh blocks of a Markdown file. A line
// "<!-- readme-test: skip (reason) -->" or "<!-- readme-test: run in the
// clone -->" right before a block's fence applies to that block.
func readmeBlocks(t *testing.T, path string) []readmeBlock {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []readmeBlock
	var cur *readmeBlock
	var note string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.script += line + "\n"
		case line == "```sh":
			cur = &readmeBlock{line: n}
			if reason, ok := strings.CutPrefix(note, "skip "); ok {
				cur.skip = reason
			}
			cur.inClone = note == "run in the clone"
			if note != "" && cur.skip == "" && !cur.inClone {
				t.Fatalf("%s:%d: unknown readme-test note %q", path, n-1, note)
			}
		}
		note = ""
		if rest, ok := strings.CutPrefix(line, "<!-- readme-test: "); ok {
			note = strings.TrimSuffix(rest, " -->")
		}
	}
	if cur != nil {
		t.Fatalf("%s:%d: code block never closed", path, cur.line)
	}
	return blocks
}

// TestReadmeCommands runs the README's shell blocks in order, as a new
// author would in one terminal: in a fresh folder, with the generator
// installed from this clone on PATH; each block starts where the one
// before it left off.
func TestReadmeCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: installs the generator and builds a book")
	}
	repo, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	install := exec.Command("go", "install", "./cmd/workbook")
	install.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./cmd/workbook: %v\n%s", err, out)
	}
	env := append(os.Environ(), "GOBIN="+bin, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir := home
	ran := 0
	for _, b := range readmeBlocks(t, "README.md") {
		if b.skip != "" {
			t.Logf("README.md:%d: not run: %s", b.line, b.skip)
			continue
		}
		start := dir
		if b.inClone {
			start = repo
		}
		end := filepath.Join(home, ".pwd")
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", b.script+"pwd > "+end+"\n")
		cmd.Dir, cmd.Env = start, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("README.md:%d: the block fails: %v\n--- commands\n%s--- output\n%s", b.line, err, b.script, out)
		}
		ran++
		if !b.inClone {
			last, err := os.ReadFile(end)
			if err != nil {
				t.Fatal(err)
			}
			dir = strings.TrimSpace(string(last))
		}
	}
	if ran == 0 {
		t.Fatal("README.md has no sh block to run")
	}
}
