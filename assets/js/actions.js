// The reader's buttons for their answers, on worksheets and the home page:
// download, restore from a file, clear one worksheet, clear everything. Also
// the calm warnings when this browser cannot keep answers.

import { t } from "./strings.js";
import { later } from "./later.js";
import { banner } from "./status.js";
import { warnings } from "./worksheet.js";

// setupActions wires the buttons; refresh runs after answers changed in a
// way other parts of the page show (restore, clear all). reader is the
// reader writing now (readers.js), whose answers these are.
export function setupActions(store, live, refresh, reader = null) {
  // downloaded is what was held only in memory at the last download.
  const page = { store, live, refresh, reader, downloaded: "" };
  for (const el of document.querySelectorAll("[data-ws-actions]")) el.hidden = false;
  if (store.problem) banner("storage", warnings[store.problem]);
  document.addEventListener("workbook:saved", e => {
    if (e.detail.problem) banner("storage", warnings[e.detail.problem]);
  });
  // Answers held only in this page are lost when it closes: unless they
  // were downloaded since they last changed, the browser asks first.
  window.addEventListener("beforeunload", e => {
    for (const ws of live) ws.flush();
    if ("leaving" in document.documentElement.dataset) return; // "Leave quickly" asks nothing
    if (!store.unsaved() || store.unsaved() === page.downloaded) return;
    e.preventDefault();
    e.returnValue = "";
  });
  // What the buttons do is loaded on the first press (tools.js).
  const tools = () => later(() => import("./tools.js"));
  document.addEventListener("click", e => {
    if (e.target.closest("[data-download], [data-clear], [data-clear-all]")) tools().then(m => m.clicked(e, page));
    const section = e.target.closest("[data-clear-orphans]") && e.target.closest(".worksheet");
    live.find(w => w.section === section)?.clearOrphans();
  });
  document.addEventListener("change", e => {
    if (e.target.closest("[data-restore]")) tools().then(m => m.restore(e, page));
  });
  keepAsked();
}

// keepAsked asks the browser not to clear this site's storage when space
// runs low, and tells the reader when it would not promise that.
function keepAsked() {
  if (!navigator.storage || !navigator.storage.persist) return;
  navigator.storage.persisted()
    .then(kept => kept || navigator.storage.persist())
    .then(kept => {
      if (kept) return;
      for (const note of document.querySelectorAll("[data-persist-note]")) {
        note.textContent = t("persist_note");
      }
    })
    .catch(() => {});
}
