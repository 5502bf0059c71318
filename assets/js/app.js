// The book's one script entry point. Everything stays in this browser:
// there is no network code here besides the service worker registration.
//
// It finds who is writing (readers.js); a reader with a passphrase sees
// their answers only once it is typed (locked.js). Then the page starts on
// that reader's answers alone. What only some pages or readers need is
// loaded when it is there (later.js).

import { t } from "./strings.js";
import { MOVED, Store, openLocalStorage } from "./store.js";
import { Worksheet } from "./worksheet.js";
import { setupActions } from "./actions.js";
import { markChapterRead, showProgress } from "./progress.js";
import { setupPrint } from "./print.js";
import { registerServiceWorker } from "./sw-register.js";
import { Readers } from "./readers.js";
import { asked, markAsked, setupWho, showWho } from "./who.js";
import { setupLeave } from "./leave.js";
import { setupCompare } from "./compare.js";
import { setupNav, showContinue } from "./nav.js";
import { setupSearch } from "./find.js";
import { showSaves } from "./saving.js";
import { undoableRemove } from "./undo.js";
import { later } from "./later.js";

const bookId = document.body.dataset.book;
const found = openLocalStorage();
document.documentElement.classList.add("js");

const readers = new Readers(bookId, found.storage);
const page = {
  bookId,
  readers,
  // This page shows one reader's answers until it reloads, even when
  // another tab makes someone else the reader writing now.
  readerId: readers.current.id,
  store: null,
  live: [],
  locked: false,
  get reader() { return this.readers.byId(this.readerId) || this.readers.current; },
  flush() { for (const w of this.live) w.flush(); },
  // restart shows the page again for whoever writes now, with nothing of
  // the last reader left on screen or in memory.
  async restart() {
    if (this.restarting) return;
    this.restarting = true;
    document.documentElement.classList.add("switching");
    this.flush();
    if (this.store) await this.store.settled();
    location.reload();
  },
  switchTo(id) {
    markAsked(this.bookId);
    this.flush();
    this.readers.choose(id);
    return this.restart();
  },
  lockNow: () => {},
  idleChanged: () => {},
};

setupLeave(bookId, () => page.flush());
setupNav();
showSaves();
undoableRemove();
if (document.querySelector("[data-print-pick]")) later(() => import("./printpick.js")).then(m => m.setupPrintPick());
setupSearch(() => (page.locked ? "locked" : page.store));
const switcher = () => later(() => import("./switcher.js"));
setupWho(page, () => switcher().then(m => m.openSwitcher(page)));
registerServiceWorker();
if (document.body.dataset.page === "offline") later(() => import("./offline.js")).then(m => m.markSavedChapters());

// locks is locked.js, for a reader with a passphrase.
let locks = null;

// A page with answers to show asks who is writing first, once per tab,
// when two people write on this device.
const answersHere = document.querySelector("section.worksheet[data-worksheet], [data-answer-tools]");
if (readers.many && answersHere && !asked(bookId)) {
  document.documentElement.classList.add("choosing");
  switcher().then(m => m.askWho(page, showAnswers));
} else showAnswers();

async function showAnswers() {
  if (page.reader.lock) {
    page.locked = true;
    document.documentElement.classList.add("answers-locked");
    showWho(page);
    locks = await later(() => import("./locked.js"));
    // Without Web Crypto (an address that isn't https) the answers stay locked.
    locks.showLocked(page, locks.canLock() ? store => { page.locked = false; showWho(page); start(store); } : null);
  } else {
    start(new Store(bookId, page.reader.id, found));
  }
}

async function start(store) {
  page.store = store;
  store.watch();
  // Answers saved before readers become the first reader's (migrate.js).
  const legacy = new Store(bookId, "", found);
  if (page.reader.id === page.readers.list[0].id && legacy.keys().some(k => legacy.raw(k) !== MOVED)) {
    (await later(() => import("./migrate.js"))).absorbLegacy(store);
  }
  page.live = [...document.querySelectorAll("section.worksheet[data-worksheet]")].map(s => new Worksheet(s, store));
  for (const ws of page.live) ws.start();
  if (page.readers.many) nameAnswers(page.readers.name(page.reader));
  if (page.live.length || document.querySelector("[data-answer-tools]")) {
    setupActions(store, page.live, () => showProgress(store), page.reader);
  }
  markChapterRead(store);
  showContinue(store);
  if (document.querySelector("section.worksheet[data-repeat] .field[data-type=scale]")) later(() => import("./course.js")).then(m => m.showCourses(store));
  showProgress(store);
  setupPrint(store, () => page.flush());
  setupCompare(page);
  if (page.reader.lock) {
    locks.watchIdle(page);
    locks.followLocks(page);
  }
}

// nameAnswers says whose answers a worksheet shows, once two people write.
function nameAnswers(name) {
  for (const p of document.querySelectorAll(".ws-privacy, [data-answer-tools] > p:first-of-type")) {
    const who = document.createElement("strong");
    who.className = "ws-whose";
    who.textContent = t("whose_answers", { name }) + " ";
    p.prepend(who);
  }
}
