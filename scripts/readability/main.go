// Command readability prints, for every chapter of a book, its words,
// sentences and Flesch reading ease, and exits with status 1 when a
// chapter reads harder than Flesch 80 or is shorter than 600 or longer than
// 1,800 words. The home page (_index.md) is scored but has no length limit.
//
//	go run ./scripts/readability content
//
// Only the Markdown body counts: the frontmatter (worksheet prompts), link
// targets, worksheet markers and heading attributes are left out. Headings
// and list items count as sentences of their own. Chapters marked
// `draft: true` are listed but not held to the limits.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

const (
	minFlesch = 80
	minWords  = 600
	maxWords  = 1800
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: readability [content-dir]")
	}
	flag.Parse()
	dir := "content"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "readability: no Markdown files in %s\n", dir)
		os.Exit(2)
	}
	sort.Strings(files)
	failed := false
	fmt.Printf("%-40s %6s %9s %7s\n", "chapter", "words", "sentences", "Flesch")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "readability:", err)
			os.Exit(2)
		}
		matter, body := split(data)
		s := measure(body)
		name := filepath.Base(f)
		var problems []string
		draft := regexp.MustCompile(`(?m)^draft:\s*true\s*$`).Match(matter)
		if !draft {
			if s.flesch < minFlesch {
				problems = append(problems, fmt.Sprintf("Flesch below %d", minFlesch))
			}
			if name != "_index.md" && (s.words < minWords || s.words > maxWords) {
				problems = append(problems, fmt.Sprintf("want %d to %d words", minWords, maxWords))
			}
		}
		note := ""
		if draft {
			note = "  (draft)"
		}
		if len(problems) > 0 {
			failed = true
			note = "  <- " + strings.Join(problems, "; ")
		}
		fmt.Printf("%-40s %6d %9d %7.1f%s\n", name, s.words, s.sentences, s.flesch, note)
	}
	if failed {
		os.Exit(1)
	}
}

// split returns a file's YAML frontmatter and its Markdown body.
func split(data []byte) (matter, body []byte) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, data
	}
	rest := data[4:]
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[:i], rest[i+5:]
	}
	if bytes.HasSuffix(rest, []byte("\n---")) {
		return rest[:len(rest)-4], nil
	}
	return nil, data
}

type stats struct {
	words, sentences int
	flesch           float64
}

var (
	shortcode   = regexp.MustCompile(`\{\{<[^>]*>\}\}`)
	attrs       = regexp.MustCompile(`\s*\{[#.][^}]*\}`)
	link        = regexp.MustCompile(`\]\([^)]*\)`)
	word        = regexp.MustCompile(`[\p{L}\p{N}']+`)
	sentenceEnd = regexp.MustCompile(`[.!?…]+["”’)*_]*(\s|$)|\n\s*\n|\n\s*([-*#>]|\d+\.)`)
	vowelGroup  = regexp.MustCompile(`[aeiouy]+`)
)

func measure(body []byte) stats {
	text := string(body)
	text = shortcode.ReplaceAllString(text, "")
	text = attrs.ReplaceAllString(text, "")
	text = link.ReplaceAllString(text, "]")
	text = strings.NewReplacer("’", "'", "‘", "'").Replace(text)
	words := word.FindAllString(strings.ToLower(text), -1)
	n := len(sentenceEnd.FindAllString(strings.TrimSpace(text)+"\n", -1))
	s := stats{words: len(words), sentences: n}
	if len(words) == 0 || n == 0 {
		return s
	}
	syl := 0
	for _, w := range words {
		syl += syllables(w)
	}
	s.flesch = 206.835 - 1.015*float64(len(words))/float64(n) - 84.6*float64(syl)/float64(len(words))
	return s
}

// syllables estimates the syllables of a lowercase English word: vowel
// groups, less a silent final e.
func syllables(w string) int {
	w = strings.Trim(w, "'")
	n := len(vowelGroup.FindAllString(w, -1))
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && n > 1 {
		n--
	}
	return max(n, 1)
}
