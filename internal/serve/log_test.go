package serve

import (
	"bytes"
	"strings"
	"testing"
)

func TestFailedBuildSaysWhatIsServed(t *testing.T) {
	for _, serving := range []bool{false, true} {
		var out bytes.Buffer
		l := &logger{stderr: &out}
		l.problems([]problem{{Path: "content/_index.md", Line: 2, Msg: "oops"}}, serving)
		if got := strings.Contains(out.String(), "still serving the last good build"); got != serving {
			t.Errorf("with a good build %v, the terminal says %q", serving, out.String())
		}
	}
}
