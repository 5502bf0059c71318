package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// versionLine describes this binary in one line: the module version it was
// built from, the revision of its source when built from a checkout, and
// the Go version that built it, e.g.
//
//	workbook v0.3.0 (revision 1a2b3c4d5e6f, 2026-12-04T18:00:00Z) go1.26.8
//
// go install …@v0.3.0 records the version; go build or go install in a
// clone records the revision (with "modified" for uncommitted changes).
func versionLine(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "workbook (no build information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "workbook " + v
	if rev := vcsRevision(info); rev != "" {
		s += " (" + rev + ")"
	}
	return s + " " + info.GoVersion
}

// vcsRevision returns "revision R, TIME" with ", modified" for a build from
// a working tree with changes, or "" when the build recorded no revision.
func vcsRevision(info *debug.BuildInfo) string {
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	rev := vcs["vcs.revision"]
	if rev == "" {
		return ""
	}
	out := "revision " + rev[:min(12, len(rev))]
	if at := vcs["vcs.time"]; at != "" {
		out += ", " + at
	}
	if vcs["vcs.modified"] == "true" {
		out += ", modified"
	}
	return out
}

func runVersion(stdout io.Writer) error {
	info, ok := debug.ReadBuildInfo()
	_, err := fmt.Fprintln(stdout, versionLine(info, ok))
	return err
}
