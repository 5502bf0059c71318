package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// siteURL checks a base URL and returns it without a trailing slash: the
// address of the site, http or https, at the root of its host
// (https://book.example.org) or in a folder of it
// (https://alice.github.io/mybook), whose path then starts every link.
func siteURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not the address of a web site: write it like https://book.example.org", raw)
	}
	root := u.Scheme + "://" + u.Host
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	if p != "" && !folderPath.MatchString(p) {
		return "", fmt.Errorf("%q is in a folder (%s) whose name the book cannot link from: use folder names of letters, digits, \".\", \"_\", \"~\" and \"-\", like %s/mybook", raw, p, root)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("%q has more than a site's address: give it alone, like %s", raw, root+p)
	}
	return root + p, nil
}

// folderPath is a site's folder on its host, as links can start with it.
var folderPath = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+$`)

// checkSiteURL checks the base URL of a build, from --base-url or, when the
// flag is not given, from $URL: a bad flag is a usage error, a bad $URL an
// error that says where the value came from.
func checkSiteURL(fs *flag.FlagSet, raw string, stderr io.Writer) (string, error) {
	root, err := siteURL(raw)
	if err == nil {
		return root, nil
	}
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "base-url" })
	if given {
		return "", usageError(stderr, fs.Name(), fmt.Errorf("--base-url %w", err))
	}
	return "", fmt.Errorf("the URL environment variable, used as the base URL: %w (or pass --base-url)", err)
}
