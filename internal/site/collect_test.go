package site

import (
	"errors"
	"fmt"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// A stage may wrap several of the author's problems at once ("assets: "
// around a joined list): every one of them is reported, each at its file.
func TestCollectKeepsEveryProblem(t *testing.T) {
	a := &book.Error{Path: "assets/css/app.css", Line: 3, Msg: "first"}
	b := &book.Error{Path: "assets/css/app.css", Line: 9, Msg: "second"}
	c := &book.Error{Path: "content/01-a.md", Line: 1, Msg: "third"}
	err := collect(fmt.Errorf("assets: %w", errors.Join(a, b)), nil, c)
	var list book.Errors
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("collect gave %v; want the three problems in one book.Errors", err)
	}
	if collect(nil, nil) != nil {
		t.Errorf("collect of no errors is not nil")
	}
}
