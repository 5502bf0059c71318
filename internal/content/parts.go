package content

import (
	"fmt"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

// checkParts reports a part whose chapters do not follow each other, and
// a part named like another but for case or spaces: both would show the
// part twice on the home page. parsed is in reading order.
func checkParts(parsed []*Parsed) book.Errors {
	var errs book.Errors
	closed := map[string]string{} // part -> the chapter that ended it
	names := map[string]string{}  // folded name -> name as first written
	prev := ""
	for i, p := range parsed {
		part := p.Matter.Part
		at := &book.Error{Path: p.Path, Line: p.Matter.PartLine, Col: p.Matter.PartCol}
		if part != prev && i > 0 && prev != "" {
			closed[prev] = p.Path
		}
		switch folded := strings.Join(strings.Fields(strings.ToLower(part)), " "); {
		case part == "" || part == prev:
		case names[folded] != "" && names[folded] != part:
			at.Msg, at.Hint = fmt.Sprintf("part %q is written %q elsewhere", part, names[folded]), "write the part's name the same way in every chapter"
			errs = append(errs, at)
		case closed[part] != "":
			at.Msg = fmt.Sprintf("part %q continues after %s, which is not in it", part, closed[part])
			at.Hint = "a part's chapters must follow each other: check their `weight:` or file names"
			errs = append(errs, at)
		default:
			names[folded] = part
		}
		prev = part
	}
	return errs
}
