// Progress on the home page: which chapters were read and which worksheets
// were started or completed, computed from this browser's storage only.

import { answered } from "./store.js";

export function markChapterRead(store) {
  const url = document.body.dataset.chapter;
  if (url) store.markRead(url);
}

export function showProgress(store) {
  for (const li of document.querySelectorAll("[data-chapter][data-worksheets]")) {
    const out = li.querySelector(".progress");
    if (!out) continue;
    const parts = [];
    if (store.isRead(li.dataset.chapter)) parts.push("read");
    const ids = li.dataset.worksheets.split(" ").filter(Boolean);
    let started = 0;
    let complete = 0;
    for (const id of ids) {
      const { record } = store.read(id);
      const n = Object.values(record.fields).filter(f => answered(f.value)).length;
      if (n > 0) started++;
      if (n > 0 && record.total && n >= record.total) complete++;
    }
    if (complete) parts.push(`${complete} of ${ids.length} worksheet${ids.length === 1 ? "" : "s"} complete`);
    else if (started) parts.push(`${started} of ${ids.length} worksheet${ids.length === 1 ? "" : "s"} started`);
    li.dataset.progress = complete === ids.length && ids.length ? "complete" : (started ? "started" : (parts.length ? "read" : ""));
    out.textContent = parts.join(" · ");
    out.hidden = parts.length === 0;
  }
}
