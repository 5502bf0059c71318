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
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	out := "revision " + rev
	if at != "" {
		out += ", " + at
	}
	if modified == "true" {
		out += ", modified"
	}
	return out
}

func runVersion(stdout io.Writer) error {
	info, ok := debug.ReadBuildInfo()
	_, err := fmt.Fprintln(stdout, versionLine(info, ok))
	return err
}
