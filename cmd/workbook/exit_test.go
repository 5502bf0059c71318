package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets the tests run this test binary as the real command, so
// exit statuses and what main itself prints are checked too.
func TestMain(m *testing.M) {
	if os.Getenv("WORKBOOK_TEST_MAIN") == "1" {
		os.Args = append([]string{"workbook"}, os.Args[1:]...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runMain(t *testing.T, dir string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WORKBOOK_TEST_MAIN=1", "URL=")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), status
}

func TestProcessExitStatus(t *testing.T) {
	good := writeBook(t, goodBook())
	bad := goodBook()
	bad["content/02-x.md"] = "---\ntitel: X\n---\n"
	broken := writeBook(t, bad)
	for _, tc := range []struct {
		dir    string
		args   []string
		status int
		stderr string // a line main printed, or "" for none
	}{
		{good, []string{"version"}, 0, ""},
		{good, []string{"build", "-q"}, 0, ""},
		{good, []string{"build", "-h"}, 0, "Usage: workbook build [flags]\n"},
		{good, []string{"build", "--nope"}, 2, "usage: workbook build [flags]"},
		{good, []string{"bogus"}, 2, `workbook: usage: unknown command "bogus"`},
		{broken, []string{"check"}, 1, "content/02-x.md:2:1: chapter: unknown key \"titel\" (did you mean \"title\"?)\n1 problem found\n"},
		{t.TempDir(), []string{"build"}, 1, "workbook: no content/ folder in ."},
	} {
		_, stderr, status := runMain(t, tc.dir, tc.args...)
		name := strings.Join(tc.args, " ")
		if status != tc.status {
			t.Errorf("workbook %s: exit status %d, want %d; stderr:\n%s", name, status, tc.status, stderr)
		}
		if tc.stderr == "" && stderr != "" || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("workbook %s: stderr %q, want it to contain %q", name, stderr, tc.stderr)
		}
		if strings.Count(stderr, "flag provided but not defined") > 1 {
			t.Errorf("workbook %s: the problem is printed twice:\n%s", name, stderr)
		}
	}
}
