package offlinetest

import (
	"testing"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestMain shares one browser among the package's browser tests.
func TestMain(m *testing.M) { browsertest.Main(m) }
