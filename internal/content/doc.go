// Package content is the load stage: it reads content/ from an fs.FS and
// returns a validated book.Book, or every error it found, each naming
// file:line:column with a hint on how to fix it.
//
// # Files
//
// content/_index.md is the home page; its frontmatter holds the book's
// settings. Every other content/**/*.md file is a chapter. Other files
// (images) are copied to the same path below the output directory. Files and
// folders whose names start with "_" (other than _index.md) are ignored, as
// are those every stage ignores (workbook.Ignored: hidden files, editors'
// backups and swap files).
//
// # Frontmatter
//
// A file may start with YAML between "---" lines, or TOML between "+++"
// lines. A UTF-8 byte order mark and CRLF line endings are accepted. Unknown
// keys are errors, so a typo never passes silently.
//
// Book settings, in content/_index.md:
//
//	id:              stable id that namespaces saved answers (required; letters, digits, "-"; never change it once readers use the book)
//	title:           the book's title (required)
//	subtitle:        a line under the title
//	description:     one or two sentences for search engines and link previews
//	language:        BCP 47 tag, default "en"
//	author:          who wrote it
//	unsafe_html:     true passes raw HTML in Markdown through; default false shows it as text and drops HTML comments
//	precache_budget: kilobytes the service worker saves on a reader's first visit, default 5000; past it, the shell first and chapters as they are read
//	theme_color:     CSS colour of the browser bar and the installed app, default "#2f5d62"
//	quick_exit:      the page of this site "Leave quickly" opens (a root-relative path), default a blank search page
//	backup_name:     how a backup file's name starts, default "workbook-answers" (never the book's subject)
//	name_date:       false leaves out the Name and Date lines of blank printed worksheets, default true
//
// Chapter keys:
//
//	title:       the chapter title; default: the first "# " heading of the body
//	description: one sentence shown on the home page under the title
//	weight:      orders chapters (lower first); ties and absent weights fall back to the file name
//	part:        the part of the book this chapter belongs to; consecutive chapters with the same part are grouped
//	slug:        the URL segment; default: the file name without its "NN-" prefix and ".md"
//	draft:       true leaves the chapter out unless building with --drafts
//	worksheets:  a list of worksheets, see below
//
// A "NN-" numeric prefix on a file name orders the chapter and is stripped
// from its URL: content/03-talking.md becomes /talking/.
//
// # Worksheets
//
//	worksheets:
//	  - id: agreements              # unique in the whole book; the key of the saved answers
//	    title: The agreements nobody said out loud
//	    intro: Take ten quiet minutes. There are no wrong answers.
//	    minutes: 10                 # time estimate, optional
//	    example: "..."              # an example answer, optional
//	    repeat: true                # a journal: dated entries, see below
//	    name_date: false            # no Name and Date lines printed blank; default the book's name_date
//	    fields:
//	      - {id: spoken, type: textarea, label: "Agreements we said out loud", lines: 6}
//	      - {id: unspoken, type: list, label: "Agreements I assumed", min: 3}
//	      - {id: aware, type: choice, label: "Does my partner know?", options: [Yes, Some, No]}
//	      - {id: hurt, type: scale, label: "How much does it hurt?", min: 0, max: 10, low: "not at all", high: "very much"}
//	      - {id: steps, type: checklist, label: "This week I will", options: [Listen, Wait]}
//	      - {id: when, type: date, label: "When we'll talk"}
//	      - {id: feeling, type: text, label: "One word for how I feel", was: [mood]}
//
// Field keys: id and label (required), type (default text), help,
// placeholder, example, lines (writing lines when printed blank), was (earlier
// ids whose answers the field keeps; each old id may move to one field only),
// options (choice and checklist, required, each given once), min and max
// (scale, required, min < max; a list's min is the entries shown at first),
// low and high (scale end labels). A key the field's type has no use for
// (options on a text field, max on a list) is an error: it usually means
// the type is missing or mistyped.
//
// A worksheet with repeat: true is a journal the reader fills in again and
// again: besides the fields, which save as the reader types, it has a "Save
// this entry" button that files the answers as a dated entry and empties
// the fields for the next one; earlier entries are listed below the form,
// newest first, and print with it. repeat is true or false (default false).
//
// A worksheet is placed in the text by a marker on a line of its own:
//
//	{{< worksheet agreements >}}
//
// Worksheets without a marker follow the chapter's text. A marker naming no
// worksheet of its chapter is an error.
//
// # Links
//
// Links to other chapters are written as file links, relative to the file:
// [next](02-talk.md#heading). They are rewritten to page URLs; a link to a
// missing file, heading or image is an error.
package content
