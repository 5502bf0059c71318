// The book's one script entry point. Everything stays in this browser:
// there is no network code here besides the service worker registration.

import { Store } from "./store.js";
import { Worksheet } from "./worksheet.js";
import { setupActions } from "./actions.js";
import { markChapterRead, showProgress } from "./progress.js";
import { setupPrint } from "./print.js";
import { registerServiceWorker } from "./sw-register.js";
import { markSavedChapters } from "./offline.js";

const store = new Store(document.body.dataset.book);
document.documentElement.classList.add("js");

const live = [...document.querySelectorAll("section.worksheet[data-worksheet]")].map(s => new Worksheet(s, store));
for (const ws of live) ws.start();

if (live.length || document.querySelector("[data-answer-tools]")) {
  setupActions(store, live, () => showProgress(store));
}

markChapterRead(store);
showProgress(store);
setupPrint(store, () => { for (const w of live) w.flush(); });
registerServiceWorker();
markSavedChapters();
