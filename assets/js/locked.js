// A locked reader's page: until the passphrase is typed, each worksheet
// (and the home page's answer tools) shows only that the answers are
// locked, with t("unlock"). Once open, the answers lock again after the
// reader's idle time without use (also when the page was out of sight that
// long), on "Lock now", and when another tab locks them.

import { t } from "./strings.js";
import { ask, askForm } from "./dialog.js";
import { SealedStore, openLock } from "./lock.js";
export { canLock } from "./lock.js";
import { Store } from "./store.js";
import { signalKey } from "./leave.js";

const ACTIVITY = ["pointerdown", "keydown", "input", "scroll", "wheel", "touchstart"];

// showLocked puts the locked notes on the page; open gets the reader's
// store once the right passphrase was typed (null: this page can't decrypt).
export function showLocked(page, open) {
  const root = document.documentElement;
  root.classList.add("answers-locked");
  const name = page.readers.name(page.reader);
  const notes = [];
  for (const box of document.querySelectorAll("section.worksheet[data-worksheet], [data-answer-tools]")) {
    const note = document.createElement("div");
    note.className = "locked-note no-print";
    const p = document.createElement("p");
    p.textContent = page.readers.many ? t("locked_named", { name }) : t("locked");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.dataset.unlock = "";
    b.textContent = t("unlock");
    b.addEventListener("click", () => unlock(page, store => {
      for (const n of notes) n.remove();
      root.classList.remove("answers-locked");
      open(store);
    }));
    note.append(p);
    if (open) note.append(b);
    else note.append(Object.assign(document.createElement("p"), { textContent: t("locked_insecure") }));
    notes.push(note);
    const head = box.querySelector(".ws-header, h2");
    if (head) head.after(note); else box.prepend(note);
    box.hidden = false;
  }
}

async function unlock(page, open) {
  const r = page.reader;
  const name = page.readers.name(r);
  let key = null;
  const { choice } = await askForm(page.readers.many ? t("unlock_named_title", { name }) : t("unlock_title"),
    t("unlock_text", { time: minutes(r.idle) }),
    [{ name: "pass", label: t("passphrase"), type: "password", autocomplete: "current-password" }],
    [{ label: t("unlock"), value: "unlock", primary: true, check: true, working: t("unlocking") },
      { label: t("forgot"), value: "forgot" }, { label: t("cancel"), value: "cancel" }],
    async v => {
      key = await openLock(r.lock, v.pass);
      return key ? "" : t("wrong_passphrase");
    });
  if (choice === "forgot") return forgot(page);
  if (choice !== "unlock" || !key) return;
  const store = await SealedStore.open(page.bookId, r.id, key);
  page.lockNow = () => lockNow(page, true);
  showLockNow(page);
  open(store);
}

// showLockNow puts "Lock now" in the bar while the answers are open.
function showLockNow(page) {
  const b = document.querySelector("[data-lock-now]");
  if (!b) return;
  b.hidden = false;
  b.addEventListener("click", () => page.lockNow());
}

function minutes(m) {
  return m < 1 ? t("seconds", { n: Math.round(m * 60) }) : t("minutes", { n: m });
}

// forgot says plainly that a passphrase can't be recovered, and offers to
// erase the reader's answers, which is the only way on.
async function forgot(page) {
  const name = page.readers.name(page.reader);
  const c = await ask(t("forgot_title"), [
    t("forgot_text"),
    page.readers.many ? t("forgot_erase_named", { name }) : t("forgot_erase"),
  ], [{ label: t("erase_locked"), value: "erase", danger: true }, { label: t("cancel"), value: "cancel", focus: true }]);
  if (c !== "erase") return;
  new Store(page.bookId, page.reader.id).clearAll();
  page.readers.update(page.reader.id, { lock: null });
  page.restart();
}

// lockNow saves what was typed, forgets the key and shows the page locked;
// signal tells the book's other tabs to do the same.
async function lockNow(page, signal) {
  page.flush();
  await page.store.settled();
  page.store.forget();
  if (signal) {
    try { localStorage.setItem(signalKey(page.bookId), JSON.stringify({ do: "lock", reader: page.reader.id, at: Date.now() })); } catch { /* this tab still locks */ }
  }
  page.restart();
}

// followLocks locks this page when another tab locked the same reader.
export function followLocks(page) {
  window.addEventListener("storage", e => {
    if (e.key !== signalKey(page.bookId) || !e.newValue) return;
    let s = {};
    try { s = JSON.parse(e.newValue); } catch { return; }
    if (s.do === "lock" && s.reader === page.reader.id) lockNow(page, false);
  });
  // A page the browser kept in memory (Back, Forward) missed any Lock now
  // and idle time meanwhile: it comes back locked.
  window.addEventListener("pageshow", e => { if (e.persisted) lockNow(page, false); });
}

// watchIdle locks after the reader's idle time without use. Timers of a
// hidden page may run late, so the time is checked again when it shows.
export function watchIdle(page) {
  let last = Date.now();
  for (const type of ACTIVITY) document.addEventListener(type, () => { last = Date.now(); }, { passive: true, capture: true });
  const limit = () => (page.readers.byId(page.reader.id) || page.reader).idle * 60000;
  const check = () => { if (Date.now() - last >= limit()) lockNow(page, false); };
  let timer = setInterval(check, Math.min(limit() / 4, 15000));
  page.idleChanged = () => { clearInterval(timer); last = Date.now(); timer = setInterval(check, Math.min(limit() / 4, 15000)); };
  document.addEventListener("visibilitychange", check);
}
