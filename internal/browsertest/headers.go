package browsertest

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] block of netlify.toml.
type HeaderRule struct {
	For    string
	Values map[string]string
}

// NetlifyHeaders reads the [[headers]] rules of a netlify.toml.
func NetlifyHeaders(path string) ([]HeaderRule, error) {
	var cfg struct{ Headers []HeaderRule }
	if _, err := toml.DecodeFile(path, &cfg); err != nil {
		return nil, err
	}
	return cfg.Headers, nil
}

// HeadersFor returns the headers the rules give a URL path, later rules
// overriding earlier ones, as Netlify applies them. A rule's "for" is a path
// or a prefix ending in "/*".
func HeadersFor(rules []HeaderRule, urlPath string) map[string]string {
	out := map[string]string{}
	for _, r := range rules {
		if !matches(r.For, urlPath) {
			continue
		}
		for k, v := range r.Values {
			out[k] = v
		}
	}
	return out
}

func matches(pattern, urlPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return pattern == urlPath
}
