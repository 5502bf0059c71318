package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// siteURL checks a base URL and returns it without a trailing slash. It
// must be the address of a site's root, http or https: the book's links
// start at the root (/chapter/, /assets/…), so a book published in a
// folder of its host (https://host/book/) would link out of it.
func siteURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not the address of a web site: write it like https://book.example.org", raw)
	}
	root := u.Scheme + "://" + u.Host
	if p := strings.TrimSuffix(u.EscapedPath(), "/"); p != "" {
		return "", fmt.Errorf("%q is a folder (%s) of its site, but a book is published at the root of a domain or subdomain "+
			"(its links start at /): give the site's address alone, like %s", raw, p, root)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("%q has more than a site's address: give it alone, like %s", raw, root)
	}
	return root, nil
}

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
