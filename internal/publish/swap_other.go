//go:build !linux

package publish

import "errors"

// exchangeDirs is not available here: swap renames the old site aside.
func exchangeDirs(a, b string) error { return errors.New("no atomic exchange on this system") }
