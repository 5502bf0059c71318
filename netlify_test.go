package workbook_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// netlifyConfig is the part of netlify.toml the deploy depends on.
type netlifyConfig struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Redirects []struct {
		From, To string
		Status   int
	}
	Headers []struct {
		For    string
		Values map[string]string
	}
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var cfg netlifyConfig
	md, err := toml.DecodeFile("netlify.toml", &cfg)
	if err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		t.Errorf("netlify.toml has keys this test does not know: %v", un)
	}
	return cfg
}

func TestNetlifyPinsTheGoVersionOfGoMod(t *testing.T) {
	cfg := readNetlify(t)
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	if got, want := cfg.Build.Environment["GO_VERSION"], string(m[1]); got != want {
		t.Errorf("netlify.toml GO_VERSION = %q, want %q as in go.mod", got, want)
	}
	if cfg.Build.Publish != "public" {
		t.Errorf("netlify.toml publishes %q, want public", cfg.Build.Publish)
	}
	found404 := false
	for _, r := range cfg.Redirects {
		found404 = found404 || (r.From == "/*" && r.To == "/404.html" && r.Status == 404)
	}
	if !found404 {
		t.Error("netlify.toml does not serve /404.html for unknown paths")
	}
}

func TestNetlifyHeadersAreStrict(t *testing.T) {
	cfg := readNetlify(t)
	all := map[string]map[string]string{}
	for _, h := range cfg.Headers {
		all[h.For] = h.Values
	}
	csp := all["/*"]["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy lacks %q: %s", want, csp)
		}
	}
	for _, banned := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, banned) {
			t.Errorf("Content-Security-Policy allows %q: %s", banned, csp)
		}
	}
	for k, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"} {
		if got := all["/*"][k]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(all["/*"]["Permissions-Policy"], "camera=()") {
		t.Error("Permissions-Policy does not turn off the camera")
	}
	if got := all["/assets/*"]["Cache-Control"]; !strings.Contains(got, "immutable") || !strings.Contains(got, "max-age=31536000") {
		t.Errorf("fingerprinted assets: Cache-Control = %q, want a year and immutable", got)
	}
	if got := all["/sw.js"]["Cache-Control"]; got != "no-cache" {
		t.Errorf("sw.js: Cache-Control = %q, want no-cache so updates are found", got)
	}
}

// TestNetlifyBuildCommandBuildsTheBook runs netlify.toml's build command in
// a clean copy of the repository, as Netlify does, and checks the book.
func TestNetlifyBuildCommandBuildsTheBook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole book with go run; skipped with -short")
	}
	cfg := readNetlify(t)
	files, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): no clean copy to make", err)
	}
	dir := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(name)
		if err != nil {
			continue // deleted in the work tree
		}
		dst := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("sh", "-c", cfg.Build.Command)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "URL=https://book.example")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cfg.Build.Command, err, out)
	}
	pub := filepath.Join(dir, cfg.Build.Publish)
	for _, want := range []string{"index.html", "404.html", "sw.js", "manifest.webmanifest", "print/index.html", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(pub, want)); err != nil {
			t.Errorf("%s/%s is missing after the Netlify build", cfg.Build.Publish, want)
		}
	}
	sitemap, _ := os.ReadFile(filepath.Join(pub, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "https://book.example/") {
		t.Errorf("sitemap.xml does not use Netlify's URL: %.300s", sitemap)
	}
}
