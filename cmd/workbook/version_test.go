package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	setting := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install at a tag", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0"}},
			true, "workbook v0.3.0 go1.26.8"},
		{"built in a clone", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: setting("vcs.revision", "1a2b3c4d5e6f7a8b9c0d", "vcs.time", "2026-12-04T18:00:00Z", "vcs.modified", "false")},
			true, "workbook (devel) (revision 1a2b3c4d5e6f, 2026-12-04T18:00:00Z) go1.26.8"},
		{"built with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261204180000-1a2b3c4d5e6f+dirty"},
			Settings: setting("vcs.revision", "1a2b3c4d5e6f", "vcs.modified", "true")},
			true, "workbook v0.0.0-20261204180000-1a2b3c4d5e6f+dirty (revision 1a2b3c4d5e6f, modified) go1.26.8"},
		{"no module version", &debug.BuildInfo{GoVersion: "go1.26.8"}, true, "workbook (devel) go1.26.8"},
		{"no build information", nil, false, "workbook (no build information)"},
	}
	for _, tc := range tests {
		if got := versionLine(tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
