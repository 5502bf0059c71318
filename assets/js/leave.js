// "Leave quickly": the link in the bar at the top of every page, or Escape
// pressed twice, replaces the page with a neutral one (the book's quick_exit
// setting, by default a blank search page of this site) using
// location.replace, so Back does not come back to it. Every other tab of
// the book leaves too, and with the pages go the keys of unlocked readers.
// A page of the book reached again with Back or Forward soon after (an
// earlier page of the same tab) leaves at once too, whether the browser
// kept it in memory or loads it again. Without JavaScript the link still
// opens the neutral page.

const TWICE = 1000; // ms between the two presses of Escape
const SOON = 30 * 60 * 1000; // ms after leaving in which Back leaves again

export function signalKey(bookId) { return `workbook:${bookId}/signal`; }

// exitURL is the link's address when it stays on this site, else the
// site's own neutral page: leaving must not ask another site for anything.
function exitURL(link) {
  const url = new URL(link.getAttribute("href"), location.href);
  return url.origin === location.origin ? url.href : new URL(link.dataset.fallback || "/", location.href).href;
}

// setupLeave wires the link and the keys; beforeLeave runs first (it saves
// what was typed a moment ago).
export function setupLeave(bookId, beforeLeave = () => {}) {
  const link = document.querySelector("[data-leave]");
  if (!link) return;
  const go = signal => {
    document.documentElement.dataset.leaving = "";
    try { beforeLeave(); } catch { /* leaving matters more */ }
    if (signal) {
      try { localStorage.setItem(signalKey(bookId), JSON.stringify({ do: "leave", at: Date.now() })); } catch { /* this tab still leaves */ }
    }
    location.replace(exitURL(link));
  };
  // Dialogs carry a copy of the link (see inDialog): one listener serves all.
  document.addEventListener("click", e => {
    if (!e.target.closest || !e.target.closest("[data-leave]")) return;
    e.preventDefault();
    go(true);
  }, true);
  let last = 0;
  document.addEventListener("keydown", e => {
    if (e.key !== "Escape") return;
    const now = Date.now();
    if (now - last < TWICE) go(true);
    last = now;
  }, true);
  bounceBack(bookId, () => go(false));
  window.addEventListener("storage", e => {
    if (e.key !== signalKey(bookId) || !e.newValue) return;
    try { if (JSON.parse(e.newValue).do === "leave") go(false); } catch { /* not a signal */ }
  });
}

// leftSince reports whether the reader left quickly after the time since
// (and not long ago).
function leftSince(bookId, since) {
  try {
    const s = JSON.parse(localStorage.getItem(signalKey(bookId)));
    return Boolean(s) && s.do === "leave" && s.at > since && Date.now() - s.at < SOON;
  } catch {
    return false;
  }
}

// bounceBack leaves again when Back or Forward brings up a page of the book
// after the reader left: a page loaded again, or one the browser kept in
// memory (then only when the leaving came after it was put away).
function bounceBack(bookId, leave) {
  const nav = performance.getEntriesByType("navigation")[0];
  if (nav && nav.type === "back_forward" && leftSince(bookId, 0)) return leave();
  // Opened on purpose (a link, the address, a reload): the reader is back,
  // and Back between the book's pages works as usual again.
  if (nav && nav.type !== "back_forward" && leftSince(bookId, 0)) {
    try { localStorage.removeItem(signalKey(bookId)); } catch { /* nothing to forget */ }
  }
  let hidden = Date.now();
  window.addEventListener("pagehide", () => { hidden = Date.now(); });
  window.addEventListener("pageshow", e => { if (e.persisted && leftSince(bookId, hidden)) leave(); });
}

// inDialog gives a dialog its own "Leave quickly": while a dialog is open
// the rest of the page can't be tapped, and a phone has no Escape key.
export function inDialog(d) {
  const link = document.querySelector(".reader-bar [data-leave]");
  if (!link) return;
  const copy = link.cloneNode(true);
  copy.classList.add("leave-in-dialog");
  d.append(copy);
}
