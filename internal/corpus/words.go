package corpus

import (
	"math/rand/v2"
	"strings"
)

// The vocabulary of the generated prose: a workbook about everyday life
// together, so the text reads roughly like the real thing.
var (
	nouns = strings.Fields(`trust promise evening kitchen letter habit question answer silence morning
		weekend plan budget holiday argument apology boundary routine conversation friend family
		memory garden walk dinner message phone calendar list notebook decision change feeling
		worry hope mistake reason story habit choice moment week year house window door table
		chair child parent neighbour colleague meeting journey journal pattern signal detail`)
	adjectives = strings.Fields(`quiet honest small careful open difficult gentle clear patient steady
		ordinary hidden shared early late simple tired hopeful brave awkward slow warm calm
		real first last useful kind fair new old`)
	verbs = strings.Fields(`notice remember listen answer explain repeat change keep share plan write
		wait ask agree forget forgive return decide try name check choose carry hold`)
	adverbs = strings.Fields(`slowly often rarely gently honestly quietly carefully together again
		openly patiently finally`)
	openers = []string{"Most of the time", "Before you start", "In the evening", "After a hard day",
		"When it matters", "On a good week", "For a while", "Little by little", "Sooner or later",
		"At the kitchen table", "Without a plan", "Once a week"}
	languages = []string{"go", "python", "javascript", "bash", "yaml", "json"}
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// third is the third person of a verb: "ask" "asks", "try" "tries".
func third(v string) string {
	if strings.HasSuffix(v, "y") {
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// gerund is the -ing form of a verb: "ask" "asking", "write" "writing",
// "agree" "agreeing".
func gerund(v string) string {
	if strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") {
		v = v[:len(v)-1]
	}
	return v + "ing"
}

func chapterTitle(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return capitalize(pick(r, adjectives)) + " " + pick(r, nouns) + "s"
	case 1:
		return "The " + pick(r, adjectives) + " " + pick(r, nouns)
	case 2:
		return capitalize(gerund(pick(r, verbs))) + " the " + pick(r, nouns)
	}
	return capitalize(pick(r, nouns)) + " and " + pick(r, nouns)
}

func headingText(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return "Why we " + pick(r, verbs) + " the " + pick(r, nouns)
	case 1:
		return capitalize(pick(r, adjectives)) + " " + pick(r, nouns) + "s and " + pick(r, adjectives) + " " + pick(r, nouns) + "s"
	}
	return "When to " + pick(r, verbs) + " " + pick(r, adverbs)
}

// sentence writes one sentence of 8 to 20 words, now and then with
// emphasis, a code span, quotes, an apostrophe or a dash for the
// typographer.
func (w *writer) sentence() string {
	r := w.r
	var parts []string
	if r.IntN(3) == 0 {
		parts = append(parts, pick(r, openers)+", the")
	} else {
		parts = append(parts, "The")
	}
	parts = append(parts, pick(r, adjectives), pick(r, nouns), third(pick(r, verbs)), pick(r, adverbs))
	switch r.IntN(7) {
	case 0:
		parts = append(parts, "*"+pick(r, adjectives)+"*", pick(r, nouns))
	case 1:
		parts = append(parts, "**"+pick(r, nouns)+"** -- and the", pick(r, nouns))
	case 2:
		parts = append(parts, `"`+capitalize(pick(r, verbs)), "the", pick(r, nouns)+`,"`, "she said")
	case 3:
		parts = append(parts, "because it's the", pick(r, nouns), "we don't", pick(r, verbs))
	case 4:
		parts = append(parts, "with the `"+pick(r, nouns)+"`", pick(r, nouns))
	default:
		parts = append(parts, "when the", pick(r, nouns), "is", pick(r, adjectives))
	}
	for range r.IntN(3) {
		parts = append(parts, "and the", pick(r, nouns), third(pick(r, verbs)), "the", pick(r, nouns))
	}
	s := strings.Join(parts, " ") + "."
	w.count += len(strings.Fields(s))
	return s
}
