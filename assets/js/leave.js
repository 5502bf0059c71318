// "Leave quickly": the link in the bar at the top of every page, or Escape
// pressed twice, replaces the page with a neutral one (the book's quick_exit
// setting, by default a blank search page of this site) using
// location.replace, so Back does not come back to it. Every other tab of
// the book leaves too, and with the pages go the keys of unlocked readers.
// Without JavaScript the link still opens the neutral page.

const TWICE = 1000; // ms between the two presses of Escape

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
  window.addEventListener("storage", e => {
    if (e.key !== signalKey(bookId) || !e.newValue) return;
    try { if (JSON.parse(e.newValue).do === "leave") go(false); } catch { /* not a signal */ }
  });
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
