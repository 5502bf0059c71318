package corpus

import (
	"os"
	"path/filepath"
)

// hugoFiles is the rest of a Hugo site around the generated content: a
// configuration with goldmark set up like ours (GFM, footnotes, definition
// lists, typographer, heading ids and attributes, raw HTML escaped, chroma
// with classes) and minimal layouts printing the title, the content and
// prev/next. The worksheet shortcode prints each field's label, as the
// marker in our text asks for a worksheet there.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "/"
title = "A Generated Workbook"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]

[markup]
  [markup.goldmark]
    [markup.goldmark.extensions]
      definitionList = true
      footnote = true
      linkify = true
      strikethrough = true
      table = true
      taskList = true
      typographer = true
    [markup.goldmark.parser]
      autoHeadingID = true
      [markup.goldmark.parser.attribute]
        block = true
        title = true
    [markup.goldmark.renderer]
      unsafe = false
  [markup.highlight]
    noClasses = false
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<nav>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
{{ end }}
`,
	"layouts/404.html": `{{ define "main" }}<h1>Page not found</h1>{{ end }}
`,
	"layouts/shortcodes/worksheet.html": `{{ $id := .Get 0 }}{{ range .Page.Params.worksheets }}{{ if eq .id $id }}
<section class="worksheet" id="{{ .id }}"><h2>{{ .title }}</h2><p>{{ .intro }}</p>
{{ range .fields }}<p><label>{{ .label }} <input name="{{ .id }}"></label></p>{{ end }}
</section>{{ end }}{{ end }}
`,
}

func writeHugoFiles(dir string) error {
	for name, text := range hugoFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
