package book

import "testing"

func TestPosition(t *testing.T) {
	src := []byte("ab\ncafé x\n\nz")
	for _, tc := range []struct{ at, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {9, 2, 6}, {11, 3, 1}, {12, 4, 1}, {13, 4, 2},
	} {
		if line, col := Position(src, tc.at); line != tc.line || col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.at, line, col, tc.line, tc.col)
		}
	}
}
