package publish

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// killFiles is how many files the helper's site holds: enough that a
// build takes a while, so kills land while writing and while swapping.
const killFiles = 300

// TestHelperBuild is not a test: run by TestKilledBuildLeavesASiteWhole
// in a process of its own, it builds the site named by WORKBOOK_KILL_VERSION
// into WORKBOOK_KILL_DIR.
func TestHelperBuild(t *testing.T) {
	dir, version := os.Getenv("WORKBOOK_KILL_DIR"), os.Getenv("WORKBOOK_KILL_VERSION")
	if dir == "" {
		t.Skip("a helper of TestKilledBuildLeavesASiteWhole")
	}
	if err := buildVersion(dir, version); err != nil {
		t.Fatal(err)
	}
}

// buildVersion publishes killFiles files that all say version.
func buildVersion(dir, version string) error {
	o, err := Begin(dir, Options{})
	if err != nil {
		return err
	}
	for i := range killFiles {
		if err := o.Write(fmt.Sprintf("c%03d/index.html", i), []byte(version)); err != nil {
			return err
		}
	}
	return o.Commit()
}

// TestKilledBuildLeavesASiteWhole kills builds at moments spread over
// their whole run, the swap included, and finds the output folder always
// holding one whole site: the previous one or the new one, never a mix,
// never missing.
func TestKilledBuildLeavesASiteWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: starts 24 processes")
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := buildVersion(dir, "v0"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := runHelper(dir, "timing", 0); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	for i := 1; i <= 24; i++ {
		version := "v" + strconv.Itoa(i)
		runHelper(dir, version, whole*time.Duration(i)/24)
		got := readTree(t, dir)
		first := got["c000/index.html"]
		if len(got) != killFiles {
			t.Fatalf("kill %d: the output holds %d files, want %d", i, len(got), killFiles)
		}
		for p, v := range got {
			if v != first {
				t.Fatalf("kill %d: %s says %s, c000/index.html says %s: a mixed site", i, p, v, first)
			}
		}
	}
}

// runHelper builds version into dir in another process, killed after
// wait when wait is not zero.
func runHelper(dir, version string, wait time.Duration) error {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
	cmd.Env = append(os.Environ(), "WORKBOOK_KILL_DIR="+dir, "WORKBOOK_KILL_VERSION="+version)
	if err := cmd.Start(); err != nil {
		return err
	}
	if wait > 0 {
		time.Sleep(wait)
		cmd.Process.Kill()
	}
	return cmd.Wait()
}
