//go:build unix

package content

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/book"
)

// costShapes are chapters whose cost once grew faster than their size: n
// links on one line (the column of each was counted from the line's
// start), n broken links (each with its error), a list n levels deep.
var costShapes = []struct {
	name string
	body func(n int) string
}{
	{"links on one line", func(n int) string { return strings.Repeat("[a](01-start.md#section-one) ", n) + "\n" }},
	{"links one per line", func(n int) string { return strings.Repeat("[a](01-start.md#section-one)\n", n) }},
	{"broken links on one line", func(n int) string { return strings.Repeat("[b](missing.md) ", n) + "\n" }},
	{"nested list", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i%MaxNesting) + "- item\n")
		}
		return b.String()
	}},
	{"refused nested list", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i%(4*MaxNesting)) + "- item\n")
		}
		return b.String()
	}},
}

// loadTime loads a book whose second chapter has body and returns the CPU
// time it took, the best of three: on a machine shared with other builds
// the wall time says more about them than about the load.
func loadTime(body string) time.Duration {
	fsys := bookWith(map[string]string{"content/02-shape.md": "# Shape\n\n" + body})
	best := time.Hour
	for range 3 {
		start := cpuTime()
		Load(fsys, Options{})
		best = min(best, cpuTime()-start)
	}
	return best
}

// cpuTime is the CPU time the process has used, in user and system mode.
func cpuTime() time.Duration {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// TestCostIsLinear loads each shape at n and 2n and wants the time at 2n
// under 3.3 times the time at n: linear gives 2, quadratic 4.
func TestCostIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: times large inputs")
	}
	const n = 20000
	for _, s := range costShapes {
		t.Run(s.name, func(t *testing.T) {
			small, large := loadTime(s.body(n)), loadTime(s.body(2*n))
			ratio := float64(large) / float64(small)
			t.Logf("n=%d: %v, 2n: %v, ratio %.2f", n, small, large, ratio)
			if ratio > 3.3 && large > 50*time.Millisecond {
				t.Errorf("n=%d took %v, 2n took %v: %.1f times, want under 3.3 (linear)", n, small, large, ratio)
			}
		})
	}
}

// TestDeepNestingIsRefused: a list nested past MaxNesting is refused at
// its file and line, and a deep list in fenced code is not.
func TestDeepNestingIsRefused(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{strings.Repeat("  ", MaxNesting) + "- deep\n", fmt.Sprintf("content/02-shape.md:3:1: lists or quotes nested %d deep", MaxNesting+1)},
		{"text\n\n" + strings.Repeat("- ", MaxNesting+1) + "x\n", "content/02-shape.md:5:1: lists or quotes nested"},
		{strings.Repeat("> ", MaxNesting+1) + "x\n", "content/02-shape.md:3:1: lists or quotes nested"},
		{"```\n" + strings.Repeat("  ", 100) + "- code\n```\n", ""},
		{strings.Repeat("  ", MaxNesting-1) + "- just deep enough\n", ""},
	} {
		_, err := Load(bookWith(map[string]string{"content/02-shape.md": "# Shape\n\n" + tc.body}), Options{})
		var errs book.Errors
		if tc.want == "" {
			if err != nil {
				t.Errorf("%.30q: got %v, want no error", tc.body, err)
			}
			continue
		}
		if !errors.As(err, &errs) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.30q: got %v, want %q", tc.body, err, tc.want)
		}
	}
}
