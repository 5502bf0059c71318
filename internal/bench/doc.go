// Package bench holds the benchmarks of each build stage (load, markdown,
// render, minify, write) and of a whole build, run on a generated book of
// 200 chapters, so a regression shows in the stage where it happened:
//
//	go test -run X -bench . -benchmem ./internal/bench
package bench
