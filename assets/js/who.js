// "Who is writing?": the control in the bar at the top of every page names
// the reader writing now, quietly, once there are two; it opens the
// switcher (switcher.js, which app.js loads then).

import { registryKey } from "./readers.js";

// askedKey marks, for this tab only (sessionStorage), that the person at
// the device said who they are: a new tab or window asks again.
const askedKey = bookId => `workbook:${bookId}/asked`;

export function asked(bookId) {
  try { return sessionStorage.getItem(askedKey(bookId)) !== null; } catch { return true; }
}

export function markAsked(bookId) {
  try { sessionStorage.setItem(askedKey(bookId), "1"); } catch { /* asked again next time */ }
}

// showWho puts the current reader's name in the bar.
export function showWho(page) {
  const button = document.querySelector("[data-who]");
  if (!button) return;
  const r = page.reader;
  const named = page.readers.many || r.name;
  button.hidden = false;
  const name = button.querySelector("[data-who-name]");
  name.textContent = named ? page.readers.name(r) + (page.locked ? " · locked" : "") : "";
  name.hidden = !named;
  button.classList.toggle("who-named", Boolean(named));
}

export function setupWho(page, openSwitcher) {
  showWho(page);
  const button = document.querySelector("[data-who]");
  if (button) button.addEventListener("click", openSwitcher);
  window.addEventListener("storage", e => {
    if (e.key !== registryKey(page.readers.bookId)) return;
    const was = page.reader.id;
    page.readers.data = page.readers.load() || page.readers.data;
    // Someone else writes now, in another tab: this page must not go on
    // showing (or saving) the other reader's answers.
    if (page.readers.current.id !== was || !page.readers.byId(was)) return page.restart();
    showWho(page);
  });
}
