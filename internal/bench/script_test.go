package bench

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBenchScriptSmoke runs scripts/bench.sh on a tiny book, so the script
// that produces the README's numbers keeps working. The real sizes take
// minutes and are run by hand.
func TestBenchScriptSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: builds three binaries")
	}
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		t.Skip("SKIPPED: scripts/bench.sh needs GNU time at /usr/bin/time")
	}
	out, err := exec.Command("bash", "../../scripts/bench.sh", "--smoke", "-w", t.TempDir()).CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/bench.sh --smoke: %v\n%s", err, out)
	}
	for _, want := range []string{"N = 20 chapters", "workbook build (cold)", "floor", "workbook/floor:", "one chapter changed"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
}
