// The reader's buttons for their answers, on worksheets and the home page:
// download, restore from a file, clear one worksheet, clear everything. Also
// the calm warnings when this browser cannot keep answers.

import { t } from "./strings.js";
import { downloadBackup, restoreFromFile } from "./backup.js";
import { ask } from "./dialog.js";
import { banner, say } from "./status.js";
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
  document.addEventListener("click", e => clicked(e, page));
  document.addEventListener("change", e => restore(e, page));
  keepAsked();
}

function statusNear(el) {
  const box = el.closest(".worksheet, [data-answer-tools]");
  return box && box.querySelector("[data-ws-status]");
}

async function clicked(e, page) {
  const { store, live } = page;
  const section = e.target.closest(".worksheet");
  const ws = section && live.find(w => w.section === section);
  const status = statusNear(e.target);
  if (e.target.closest("[data-download]")) {
    await downloadBackup(store, live, page.reader);
    page.downloaded = store.unsaved();
    say(status, t("downloaded"));
  } else if (e.target.closest("[data-clear]") && ws) {
    const n = Object.keys(ws.record.entries).length;
    const what = ws.repeat || n > 0 ? t("clear_ws_entries_text", { n }) : t("clear_ws_text");
    const c = await ask(t("clear_ws_title"), what, [
      { label: t("clear_ws_button"), value: "clear", danger: true }, { label: t("cancel"), value: "cancel", focus: true }]);
    if (c === "clear") ws.clear();
  } else if (e.target.closest("[data-clear-all]")) {
    const c = await ask(t("clear_all_title"), t("clear_all_text"), [
      { label: t("clear_all_button"), value: "clear", danger: true }, { label: t("cancel"), value: "cancel", focus: true }]);
    if (c !== "clear") return;
    store.clearAll();
    for (const w of live) w.clear(t("cleared_all"));
    say(status, t("cleared_all"));
    page.refresh();
  } else if (e.target.closest("[data-clear-orphans]") && ws) {
    ws.clearOrphans();
  }
}

async function restore(e, { store, live, refresh }) {
  const input = e.target.closest("[data-restore]");
  if (!input || !input.files || !input.files[0]) return;
  const mode = await restoreFromFile(input.files[0], store);
  input.value = "";
  if (!mode) return;
  for (const w of live) w.reload();
  refresh();
  document.dispatchEvent(new CustomEvent("workbook:restored"));
  const said = { merge: t("restored_merge"), replace: t("restored_replace"), shared: t("restored_shared") };
  say(statusNear(input), said[mode]);
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
