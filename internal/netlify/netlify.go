// Package netlify reads the part of a project's netlify.toml that the
// generator honours outside Netlify: the [[headers]] rules. The preview
// server sends them with every response, so what the production
// Content-Security-Policy breaks, the preview breaks too.
package netlify

import (
	"maps"
	"strings"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] block: a path pattern and its headers.
type HeaderRule struct {
	For    string
	Values map[string]string
}

// ParseHeaders reads the [[headers]] rules of a netlify.toml.
func ParseHeaders(data []byte) ([]HeaderRule, error) {
	var cfg struct{ Headers []HeaderRule }
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, err
	}
	return cfg.Headers, nil
}

// HeadersFor returns the headers the rules give a URL path, later rules
// overriding earlier ones, as Netlify applies them. A rule's "for" is a path
// or a prefix ending in "*".
func HeadersFor(rules []HeaderRule, urlPath string) map[string]string {
	out := map[string]string{}
	for _, r := range rules {
		if !matches(r.For, urlPath) {
			continue
		}
		maps.Copy(out, r.Values)
	}
	return out
}

func matches(pattern, urlPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return pattern == urlPath
}
