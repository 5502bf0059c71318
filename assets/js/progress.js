// Progress, computed from this browser's storage only: a chapter counts as
// read once its end came into view, and the home page marks each chapter
// read and its worksheets started or complete.

import { t } from "./strings.js";
import { answered } from "./store.js";

export function markChapterRead(store) {
  const url = document.body.dataset.chapter;
  const end = document.querySelector("[data-chapter-end]");
  if (!url) return;
  if (!end || !("IntersectionObserver" in window)) {
    store.markRead(url);
    return;
  }
  const seen = new IntersectionObserver(entries => {
    if (!entries.some(e => e.isIntersecting)) return;
    store.markRead(url);
    seen.disconnect();
  });
  seen.observe(end);
}

// worksheetState is "complete", "started" or "" for one worksheet, given
// the ids of its current fields. A journal is never complete: it counts as
// started from its first entry or answer.
export function worksheetState(store, id, fieldIds, repeat = false) {
  const { fields, entries } = store.read(id).record;
  const n = fieldIds.filter(f => fields[f] && answered(fields[f].value)).length;
  if (repeat) return n > 0 || Object.keys(entries).length > 0 ? "started" : "";
  if (n === 0) return "";
  return n === fieldIds.length ? "complete" : "started";
}

// entryCount is how many entries the journals among sheets hold.
function entryCount(store, sheets) {
  return sheets.filter(s => s.repeat).reduce((n, s) => n + Object.keys(store.read(s.id).record.entries).length, 0);
}

export function showProgress(store) {
  for (const li of document.querySelectorAll("[data-chapter][data-sheets]")) {
    const out = li.querySelector(".progress");
    if (!out) continue;
    // [{id, fields: [field ids], repeat}], written by render.ProgressSheet.
    const sheets = JSON.parse(li.dataset.sheets);
    const states = sheets.map(s => worksheetState(store, s.id, s.fields, s.repeat));
    const entries = entryCount(store, sheets);
    const complete = states.filter(s => s === "complete").length;
    const started = states.filter(s => s === "started").length;
    const read = store.isRead(li.dataset.chapter);
    const parts = [];
    if (read) parts.push(t("progress_read"));
    if (sheets.length === 1 && states[0]) parts.push(t(states[0] === "complete" ? "progress_one_complete" : "progress_one_started"));
    if (sheets.length > 1 && complete) parts.push(t("progress_complete", { n: sheets.length, done: complete }));
    if (sheets.length > 1 && started) parts.push(complete ? t("progress_also_started", { n: started }) : t("progress_started", { n: sheets.length, done: started }));
    if (entries) parts.push(t("journal_entries", { n: entries }));
    li.dataset.progress = sheets.length && complete === sheets.length ? "complete" : (complete || started ? "started" : (read ? "read" : ""));
    out.textContent = parts.join(" · ");
    out.hidden = parts.length === 0;
  }
}
