// The book's one script entry point. Everything stays in this browser:
// there is no network code here besides the service worker registration.

import { Store } from "./store.js";
import { Worksheet } from "./worksheet.js";
import { download, restoreFromFile } from "./backup.js";
import { markChapterRead, showProgress } from "./progress.js";
import { setupPrint } from "./print.js";
import { ask } from "./dialog.js";
import { banner, say } from "./status.js";
import { registerServiceWorker } from "./sw-register.js";

const bookId = document.body.dataset.book;
const store = new Store(bookId);
document.documentElement.classList.add("js");

const live = [...document.querySelectorAll("section.worksheet[data-worksheet]")].map(s => new Worksheet(s, store));
for (const ws of live) ws.start();

if (live.length) {
  if (store.problem) {
    banner("storage", "This browser is not letting the book save answers (private mode or blocked storage). What you type is kept while this page is open; use \"Download my answers\" to keep it.");
  }
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persisted().then(p => p || navigator.storage.persist()).catch(() => {});
  }
  for (const s of document.querySelectorAll("[data-ws-actions]")) s.hidden = false;
}

markChapterRead(store);
showProgress(store);
setupPrint(store, () => { for (const w of live) w.flush(); });

document.addEventListener("click", async e => {
  const section = e.target.closest(".worksheet");
  const ws = section && live.find(w => w.section === section);
  const status = section && section.querySelector("[data-ws-status]");
  if (e.target.closest("[data-download]")) {
    download(store, live);
    say(status, "Your answers were downloaded as a file. Keep it somewhere private.");
  } else if (e.target.closest("[data-clear]") && ws) {
    const c = await ask("Clear this worksheet?", "Your answers to this worksheet will be removed from this device. This can't be undone unless you have downloaded them.", [
      { label: "Clear this worksheet", value: "clear", danger: true }, { label: "Cancel", value: "cancel" }]);
    if (c === "clear") ws.clear();
  } else if (e.target.closest("[data-clear-all]")) {
    const c = await ask("Clear all your answers?", "Every answer in this book will be removed from this browser, along with which chapters you have read. Download them first if you want to keep them.", [
      { label: "Clear everything", value: "clear", danger: true }, { label: "Cancel", value: "cancel" }]);
    if (c === "clear") {
      store.clearAll();
      for (const w of live) w.clear();
      say(status, "All your answers were cleared from this device.");
    }
  } else if (e.target.closest("[data-clear-orphans]") && ws) {
    ws.clearOrphans();
  }
});

document.addEventListener("change", async e => {
  const input = e.target.closest("[data-restore]");
  if (!input || !input.files || !input.files[0]) return;
  const section = input.closest(".worksheet");
  const status = section && section.querySelector("[data-ws-status]");
  const ok = await restoreFromFile(input.files[0], store);
  input.value = "";
  if (ok) {
    for (const w of live) w.reload();
    say(status, "Your answers were restored from the file.");
  }
});

registerServiceWorker();
