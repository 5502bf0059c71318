package book

import (
	"net/url"
	"strings"
)

// BasePath is the folder of a site on its host, taken from its base URL:
// "/mybook" for https://alice.github.io/mybook, "" for a site at the root
// of its host or without a base URL. Every URL of the book starts with it.
func BasePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.EscapedPath(), "/")
}
