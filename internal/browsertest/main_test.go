package browsertest

import "testing"

// TestMain shares one browser among the package's tests.
func TestMain(m *testing.M) { Main(m) }
