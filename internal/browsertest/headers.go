package browsertest

import "github.com/workbook-press/workbook/internal/netlify"

// HeaderRule is one [[headers]] block of netlify.toml.
type HeaderRule = netlify.HeaderRule

// NetlifyHeaders reads the [[headers]] rules of a netlify.toml.
func NetlifyHeaders(path string) ([]HeaderRule, error) { return netlify.ReadHeaders(path) }

// HeadersFor returns the headers the rules give a URL path.
func HeadersFor(rules []HeaderRule, urlPath string) map[string]string {
	return netlify.HeadersFor(rules, urlPath)
}
