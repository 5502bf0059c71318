// Search: the book's text, from the index the build made (fetched the first
// time the box is used, and kept offline by the service worker like every
// page), and, separately, the reader's own answers, read from their record
// in this browser at the moment they search. Nothing typed in the box,
// found or shown is written anywhere: not to storage, a cache or the URL.
// A locked reader's answers are searched only while unlocked.

import { later } from "./later.js";

// setupSearch shows the box and its shortcut "/"; the search itself
// (search.js) is loaded when the box is first focused or typed in. answers returns the
// reader's store, null before there is one, or "locked" while their
// answers are locked.
export function setupSearch(answers) {
  const form = document.querySelector("[data-search]");
  const toggle = document.querySelector("[data-nav-toggle]");
  if (!form || !window.fetch) return;
  const input = form.querySelector("input");
  form.hidden = false;
  form.addEventListener("submit", e => e.preventDefault());
  let started = null;
  const start = () => { started ||= later(() => import("./search.js")).then(m => m.startSearch(form, answers)); };
  input.addEventListener("focus", start, { once: true });
  input.addEventListener("input", start, { once: true });
  document.addEventListener("keydown", e => {
    if (e.key !== "/" || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target instanceof Element ? e.target : document.body;
    if (t.isContentEditable || t.closest("input, textarea, select, dialog")) return;
    e.preventDefault();
    // On a phone the box sits in the contents, which open first.
    if (!input.offsetParent && toggle && !toggle.hidden) toggle.click();
    input.focus();
  });
}
