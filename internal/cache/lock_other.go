//go:build !unix

package cache

import "os"

// lock does nothing where flock is missing: builds sharing a cache folder
// there must not run at once.
func lock(*os.File) error { return nil }
