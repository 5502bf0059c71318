// What the answer tools' buttons do (actions.js), loaded on the first
// press: download, restore from a file, clear one worksheet, clear
// everything.

import { t } from "./strings.js";
import { ask } from "./dialog.js";
import { say } from "./status.js";
import { downloadBackup, restoreFromFile } from "./backup.js";

function statusNear(el) {
  const box = el.closest(".worksheet, [data-answer-tools]");
  return box && box.querySelector("[data-ws-status]");
}

export async function clicked(e, page) {
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
  }
}

export async function restore(e, { store, live, refresh }) {
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
