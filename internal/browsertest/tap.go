package browsertest

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// Tap clicks sel as a reader taps it: brought to the middle of the screen
// first, clear of a banner floating at its foot. A plain click on a field
// just in view at the bottom edge once landed on the "saved for offline
// use" note, which came up between the moment the click's place was worked
// out and the press. It waits, as a click does, for sel to be visible, so
// that one which comes later (a dialog's button) is centred too.
func Tap[S ~string](sel S) chromedp.Action[chromedp.Void] {
	center := chromedp.Evaluate[bool](fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({block: "center"}), true)`, string(sel)))
	return chromedp.Steps(chromedp.WaitVisible(sel), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := center(ctx, t)
		return err
	}), chromedp.Click(sel))
}

// Press taps the button of the open dialog whose data-choice is choice.
func Press(choice string) chromedp.Action[chromedp.Void] {
	return Tap(chromedp.CSS(fmt.Sprintf(`dialog[open] button[data-choice=%q]`, choice)))
}
