package i18n

import (
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook"
)

// TestShippedTablesAreComplete: every language the generator ships has
// every key of the English table, each plural table its "other" form, and
// each string the same {names} as English, so no shipped book falls back.
func TestShippedTablesAreComplete(t *testing.T) {
	en, err := readFile(workbook.Theme, "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(workbook.Theme, "i18n/*.toml")
	if len(files) < 4 {
		t.Fatalf("got tables %q, want at least en, de, fr and es", files)
	}
	for _, name := range files {
		lang := strings.TrimSuffix(strings.TrimPrefix(name, "i18n/"), ".toml")
		tab, warnings, err := Load(workbook.Theme, nil, lang, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(warnings) > 0 {
			t.Errorf("%s: got warnings %q, want none", name, warnings)
		}
		own, _ := readFile(workbook.Theme, name)
		for sec, keys := range en {
			for key, e := range keys {
				got, ok := own[sec][key]
				if !ok {
					t.Errorf("%s: [%s] %s is missing", name, sec, key)
					continue
				}
				if want, have := names(e), names(got); !slices.Equal(want, have) {
					t.Errorf("%s: [%s] %s: got placeholders %q, want %q", name, sec, key, have, want)
				}
			}
		}
		_ = tab
	}
}

// names lists the {placeholders} of an entry, sorted, without {n} of plurals
// (a language may leave the number out of a form, as in "one worksheet").
func names(e Entry) []string {
	texts := []string{e.Text}
	if e.Forms != nil {
		texts = []string{e.Forms["other"]}
	}
	set := map[string]bool{}
	for _, s := range texts {
		for _, part := range strings.Split(s, "{")[1:] {
			if name, _, ok := strings.Cut(part, "}"); ok {
				set[name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func bookFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestBookTables(t *testing.T) {
	for _, tc := range []struct {
		name, lang string
		files      map[string]string
		key, want  string
		warn, err  string
	}{
		{name: "English needs nothing", lang: "en", key: "print_blank", want: "Print blank"},
		{name: "a shipped language", lang: "de", key: "print_blank", want: "Leer drucken"},
		{name: "a region falls back to its language", lang: "de-AT", key: "print_blank", want: "Leer drucken"},
		{name: "a book overrides one key", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nprint_blank = \"Ohne Antworten drucken\"\n"}, key: "print_blank", want: "Ohne Antworten drucken"},
		{name: "a book's own language falls back to English, with a warning per key", lang: "nl", files: map[string]string{"i18n/nl.toml": "[page]\nprint_blank = \"Leeg afdrukken\"\n"}, key: "print_answers", want: "Print with my answers", warn: "i18n/nl.toml: [page] print_answers is missing, so it is shown in English"},
		{name: "a language nobody wrote", lang: "it", key: "print_blank", want: "Print blank", warn: `no interface strings for "it"`},
		{name: "an unknown key", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\n\nprint_blnak = \"x\"\n"}, err: `i18n/de.toml:3: [page] unknown key "print_blnak" (did you mean "print_blank"?)`},
		{name: "an unknown section", lang: "de", files: map[string]string{"i18n/de.toml": "[pages]\nprint_blank = \"x\"\n"}, err: `i18n/de.toml:1: unknown section [pages] (did you mean "page"?)`},
		{name: "a key outside a section", lang: "de", files: map[string]string{"i18n/de.toml": "print_blank = \"x\"\n"}, err: "i18n/de.toml:1: print_blank is outside a section"},
		{name: "a plural without other", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nworksheet_count = { one = \"ein Blatt\" }\n"}, err: `i18n/de.toml:2: [page] worksheet_count has no "other" form`},
		{name: "an unknown key whose name starts a known one's", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nprint_blank = \"x\"\nprint_blan = \"y\"\n"}, err: `i18n/de.toml:3: [page] unknown key "print_blan"`},
		{name: "an unknown key in quotes", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\n\n\"print_blnak\" = \"x\"\n"}, err: `i18n/de.toml:3: [page] unknown key "print_blnak"`},
		{name: "an unknown key written section.key", lang: "de", files: map[string]string{"i18n/de.toml": "\npage.print_blnak = \"x\"\n"}, err: `i18n/de.toml:2: [page] unknown key "print_blnak"`},
		{name: "an unknown key under the second section", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nprint_blank = \"x\"\n[script]\nprint_blank = \"y\"\n"}, err: `i18n/de.toml:4: [script] unknown key "print_blank"`},
		{name: "an unknown section with spaces", lang: "de", files: map[string]string{"i18n/de.toml": "\n[ pages ]\nx = \"y\"\n"}, err: `i18n/de.toml:2: unknown section [pages]`},
		{name: "a plural table as a section", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\n[page.worksheet_count]\none = \"x\"\n"}, err: `i18n/de.toml:2: [page] worksheet_count has no "other" form`},
		{name: "an array of tables", lang: "de", files: map[string]string{"i18n/de.toml": "[[page]]\nx = \"y\"\n"}, err: `i18n/de.toml:1: page is outside a section`},
		{name: "a section as an inline table", lang: "de", files: map[string]string{"i18n/de.toml": "\npage = { print_blnak = \"x\" }\n"}, err: `i18n/de.toml:2: [page] unknown key "print_blnak"`},
		{name: "a header inside a multi-line string", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nskip_link = \"\"\"\n[script]\n\"\"\"\nprint_blnak = \"x\"\n"}, err: `i18n/de.toml:5: [page] unknown key "print_blnak"`},
		{name: "a key inside a multi-line string", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nskip_link = '''\nprint_blnak = here\n'''\nprint_blnak = \"x\"\n"}, err: `i18n/de.toml:5: [page] unknown key "print_blnak"`},
		{name: "a quoted key with = in it", lang: "de", files: map[string]string{"i18n/de.toml": "# a = b\n\"a=b\" = \"x\"\n"}, err: `i18n/de.toml:2: a=b is outside a section`},
		{name: "a bad escape at the end of the file", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nprint_blank = \"x\"\n\n\"\\"}, err: `i18n/de.toml:4:`},
		{name: "an unterminated section", lang: "de", files: map[string]string{"i18n/de.toml": "\n[page\n"}, err: `i18n/de.toml:2:6: expected '.' or ']'`},
		{name: "a plural form CLDR lacks", lang: "de", files: map[string]string{"i18n/de.toml": "[page]\nworksheet_count = { single = \"x\", other = \"y\" }\n"}, err: `plural form "single"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, warnings, err := Load(workbook.Theme, bookFS(tc.files), tc.lang, "")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := tab.T(tc.key); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			joined := warnings.Error()
			if tc.warn == "" && joined != "" || !strings.Contains(joined, tc.warn) {
				t.Errorf("got warnings %q, want %q", joined, tc.warn)
			}
		})
	}
}

func TestPlurals(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 worksheet"}, {"en", 0, "0 worksheets"}, {"en", 2, "2 worksheets"},
		{"de", 1, "1 Arbeitsblatt"}, {"de", 3, "3 Arbeitsblätter"},
		{"fr", 0, "0 fiche"}, {"fr", 1, "1 fiche"}, {"fr", 2, "2 fiches"},
		{"es", 1, "1 hoja de trabajo"}, {"es", 5, "5 hojas de trabajo"},
	} {
		tab, _, err := Load(workbook.Theme, nil, tc.lang, "")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := tab.T("worksheet_count", "n", tc.n); got != tc.want {
			t.Errorf("%s, %d: got %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestArguments(t *testing.T) {
	tab, _, err := Load(workbook.Theme, nil, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := tab.T("printbook_worksheet", "title", "Plans"); got != "Worksheet: Plans" {
		t.Errorf("got %q, want %q", got, "Worksheet: Plans")
	}
	if _, err := tab.T("print_blnak"); err == nil || !strings.Contains(err.Error(), `did you mean "print_blank"?`) {
		t.Errorf("got %v, want a did-you-mean", err)
	}
	if _, err := tab.T("worksheet_count"); err == nil {
		t.Errorf("a plural string without n: got no error")
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "he-IL": "rtl", "de": "ltr", "en": "ltr"} {
		if got := Direction(lang, ""); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
	if got := Direction("en", "rtl"); got != "rtl" {
		t.Errorf("direction: rtl: got %q", got)
	}
}

// TestTranslatingDocListsEveryKey: docs/translating.md is where a
// translator finds each key, with its English and where it is seen.
func TestTranslatingDocListsEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../../docs/translating.md")
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := Load(workbook.Theme, nil, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range tab.Keys() {
		if !strings.Contains(string(doc), "| `"+key+"` |") {
			t.Errorf("docs/translating.md does not list %s; add its row (key, English) under the group where the reader meets it", key)
		}
	}
}
