// Package printtest checks printing the way a reader meets it: a small book
// (testdata/book) is built with site.Build and served on loopback, headless
// Chromium prints its pages to PDF on A4 and US Letter paper, and poppler's
// pdftotext reads the text back, page by page. The tests assert what a
// reader holding the paper would check: every word of a long answer is
// there, a blank worksheet has no answers, each worksheet starts a page,
// the running head and the page number are on every page, the printed
// book's contents give the page each chapter and worksheet is printed on,
// and none of the site's navigation is.
//
// Run `go test ./internal/printtest -pdfdir DIR` to keep the PDFs and look
// at them (pdftoppm -png -r 60 DIR/x.pdf x).
package printtest
