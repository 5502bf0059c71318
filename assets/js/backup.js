// Backup: one JSON file with every answer of one reader, saved on the
// reader's device, and read back after showing what it will change. The
// file's name says nothing of the book: workbook-answers-2026-12-04.json,
// or the name the author chose (backup_name). A locked reader's file is
// sealed with their key, and opens only with their passphrase:
//   {"format": "workbook-answers", "version": 3, "book": "…", "exported": "…",
//    "sealed": {"salt": "…", "iterations": 600000, "record": "<a sealed record>"}}

import { lang, t } from "./strings.js";
import { merge, parseRecord, plain, sharedKey } from "./store.js";
import { ask, askForm } from "./dialog.js";
import { deriveKey, seal, unseal } from "./lock.js";
import { chapters, limitProblem, readMarks, versionProblem } from "./limits.js";
import { describe } from "./changes.js";

export const FORMAT = "workbook-answers";
// VERSION is the newest backup this page reads. A backup holding a
// journal's entries is version 2, so an older copy of the page refuses it
// ("made by a newer version") rather than restore it without its entries.
export const VERSION = 3;

// exportAll gathers every worksheet of the book, which chapters were read
// (and when), and any record set aside as unreadable, as the text it was.
export function exportAll(store, live) {
  for (const ws of live) ws.flush();
  const exported = new Date().toISOString();
  const worksheets = {};
  const unreadable = {};
  for (const k of store.unreadableKeys()) unreadable[k.slice(store.prefix.length)] = store.raw(k);
  for (const id of store.worksheetIds()) {
    const { record, problem } = store.read(id);
    worksheets[id] = plain(record);
    if (problem) unreadable[`unreadable:${id}:${exported}`] = store.raw(store.key(id));
  }
  const read = {};
  for (const url of store.readUrls()) read[url] = store.raw(store.readKey(url));
  const version = Math.max(1, ...Object.values(worksheets).map(r => r.schema));
  return { format: FORMAT, version, book: store.bookId, exported, worksheets, read, unreadable };
}

// fileName is neutral: it does not name the book or its subject.
export function fileName() {
  const base = document.body.dataset.backupName || "workbook-answers";
  return `${base}-${new Date().toISOString().slice(0, 10)}.json`;
}

// downloadBackup saves every answer of the reader of store; a locked
// reader's (reader.lock set) sealed with their key.
export async function downloadBackup(store, live, reader) {
  const data = exportAll(store, live);
  if (reader && reader.lock && store.cryptoKey) {
    const record = await seal(store.cryptoKey, JSON.stringify(data));
    const { salt, iterations } = reader.lock;
    return save(JSON.stringify({ format: FORMAT, version: 3, book: data.book, exported: data.exported, sealed: { salt, iterations, record } }, null, 2));
  }
  return save(JSON.stringify(data, null, 2));
}

export function download(store, live) {
  return save(JSON.stringify(exportAll(store, live), null, 2));
}

export function save(data) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
  a.download = fileName();
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return data;
}

const notOurs = () => t("restore_not_ours");

// parseBackup checks a file is a backup of this book (and, given the
// addresses of its chapters, keeps read marks of those only); it returns
// {backup} or {error} and changes nothing.
export function parseBackup(text, bookId, chapters = null) {
  let data;
  try { data = JSON.parse(text); } catch {
    return { error: t("restore_unreadable") };
  }
  if (!data || data.format !== FORMAT || typeof (data.worksheets || data.sealed) !== "object") return { error: notOurs() };
  if (data.book !== bookId) {
    return { error: t("restore_other_book", { book: String(data.book) }) };
  }
  const problem = versionProblem(data.version, VERSION) || limitProblem(data);
  if (problem) return { error: problem };
  if (!data.worksheets) {
    return isSealedFile(data.sealed) ? { backup: { exported: String(data.exported || ""), sealed: data.sealed } } : { error: notOurs() };
  }
  return readWorksheets(data, chapters);
}

function isSealedFile(s) {
  return Boolean(s) && typeof s.salt === "string" && typeof s.record === "string" && Number(s.iterations) > 0;
}

const damaged = why => ({ error: why ? t("restore_damaged_why", { why }) : t("restore_damaged") });

function readWorksheets(data, chapters) {
  const worksheets = {};
  const clock = { now: Date.now(), ahead: 0 };
  for (const [id, rec] of Object.entries(data.worksheets)) {
    const { record, problem } = parseRecord(JSON.stringify(rec));
    if (problem || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return damaged("");
    const bad = checkTimes(record, clock);
    if (bad !== null) return damaged(t("damaged_time", { id, value: JSON.stringify(bad).slice(0, 40) }));
    worksheets[id] = record;
  }
  const marks = {};
  for (const [url, time] of Object.entries(data.read || {})) {
    const fixed = fixTime(time, clock);
    if (fixed === null) return damaged(t("damaged_read", { value: JSON.stringify(time).slice(0, 40) }));
    marks[url] = fixed;
  }
  const { read, left } = readMarks(marks, chapters);
  const unreadable = {};
  for (const [k, v] of Object.entries(data.unreadable || {})) {
    if (k.startsWith("unreadable:") && typeof v === "string") unreadable[k] = v;
  }
  const shared = data.shared && typeof data.shared.from === "string" ? { from: data.shared.from.slice(0, 60) } : null;
  return { backup: { exported: String(data.exported || ""), worksheets, read, unreadable, shared, ahead: clock.ahead, left } };
}

// AHEAD is how far in the future a backup's time may be (two devices'
// clocks rarely agree to the second) before it counts as written now.
const AHEAD = 10 * 60 * 1000;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

// fixTime returns time as it will be saved, or null when it is not a date
// and time: one later than a few minutes from now (a device whose clock ran
// ahead) becomes now, so it can't win over the edits made after it.
function fixTime(time, clock) {
  if (typeof time !== "string" || !isoTime.test(time) || Number.isNaN(Date.parse(time))) return null;
  if (Date.parse(time) <= clock.now + AHEAD) return time;
  clock.ahead++;
  return new Date(clock.now).toISOString();
}

// checkTimes fixes every time of a restored record (see fixTime); it
// returns the first one that is not a date and time, else null.
function checkTimes(record, clock) {
  for (const f of Object.values(record.fields)) {
    const fixed = fixTime(f.updated, clock);
    if (fixed === null) return f.updated;
    f.updated = fixed;
  }
  for (const e of Object.values(record.entries)) {
    const fixed = fixTime(e.saved, clock);
    if (fixed === null) return e.saved;
    e.saved = fixed;
  }
  for (const [id, time] of Object.entries(record.deleted)) {
    const fixed = fixTime(time, clock);
    if (fixed === null) return time;
    record.deleted[id] = fixed;
  }
  record.updated = fixTime(record.updated, clock);
  return null;
}

// MAX_FILE is the largest file read as a backup, in bytes: twice what a
// browser keeps for a site (a file is indented; a locked one is base64),
// so every backup the book made fits, and no file too big to be saved
// is read at all.
export const MAX_FILE = 2 * 5 * 1024 * 1024;

const tooLarge = size => t("file_too_large", { size: mb(size), max: mb(MAX_FILE) });

// plan lists what restoring changes: key to text, or to null to remove.
export function plan(store, backup, mode) {
  const out = new Map();
  if (mode === "replace") for (const id of store.worksheetIds()) out.set(store.key(id), null);
  for (const [id, rec] of Object.entries(backup.worksheets)) {
    out.set(store.key(id), JSON.stringify(plain(mode === "replace" ? rec : merge(store.read(id).record, rec))));
  }
  for (const [url, time] of Object.entries(backup.read)) {
    if (!store.isRead(url)) out.set(store.readKey(url), time);
  }
  for (const [k, text] of Object.entries(backup.unreadable)) {
    if (store.raw(store.prefix + k) === null) out.set(store.prefix + k, text);
  }
  return out;
}

// ROOM is what a site may keep in localStorage, in characters of keys and
// texts: 5 MiB in Chromium, Firefox and Safari alike.
export const ROOM = 5 * 1024 * 1024;

// tooBig returns, for a restore that can't fit, the room it needs and the
// room there is (in characters), else null. A locked reader's records are
// sealed: base64 takes a third more.
export function tooBig(store, changes) {
  if (!store.storage) return null;
  const grow = store.cryptoKey ? 4 / 3 : 1;
  let used = 0;
  let freed = 0;
  let needed = 0;
  try {
    for (let i = 0; i < store.storage.length; i++) {
      const k = store.storage.key(i);
      used += k.length + (store.storage.getItem(k) || "").length;
    }
    for (const [k, text] of changes) {
      const old = store.storage.getItem(k);
      if (old !== null) freed += k.length + old.length;
      if (text !== null) needed += k.length + Math.ceil(text.length * grow) + 64;
    }
  } catch { return null; }
  return used - freed + needed > ROOM ? { needed, free: Math.max(0, ROOM - used + freed) } : null;
}

const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const mb = chars => t("megabytes", { size: oneDecimal.format(chars / 1048576) });

// apply restores a backup all or nothing; it returns "" or, when nothing
// could be changed, why.
export async function apply(store, backup, mode) {
  const changes = plan(store, backup, mode);
  const big = tooBig(store, changes);
  if (big) return t("no_room", { needed: mb(big.needed), free: mb(big.free) });
  const problem = await store.writeAll(changes);
  if (problem === "quota") return t("restore_quota");
  if (problem) return t("restore_unavailable");
  return "";
}

// restoreFromFile asks before changing anything; it returns the mode used,
// or "" when nothing changed.
export async function restoreFromFile(file, store) {
  const known = await chapters();
  let { backup, error } = file.size > MAX_FILE ? { error: tooLarge(file.size) } : parseBackup(await file.text(), store.bookId, known);
  if (!error && backup.sealed) {
    const text = await openSealed(backup.sealed);
    if (text === null) return "";
    ({ backup, error } = parseBackup(text, store.bookId, known));
  }
  if (!error && backup.shared) return (await keepShared(store, backup)) ? "shared" : "";
  if (error) {
    await ask(t("restore_cant"), error, [{ label: t("ok"), value: "ok", primary: true }]);
    return "";
  }
  const choice = await ask(t("restore_title"), describe(store, backup), [
    { label: t("merge"), value: "merge", primary: true },
    { label: t("replace"), value: "replace", danger: true },
    { label: t("cancel"), value: "cancel" },
  ]);
  if (choice !== "merge" && choice !== "replace") return "";
  const failed = await apply(store, backup, choice);
  if (failed) {
    await ask(t("restore_failed_title"), failed, [{ label: t("ok"), value: "ok", primary: true }]);
    return "";
  }
  return choice;
}

// openSealed asks for the passphrase of a locked reader's backup; it
// returns the backup's text, or null when the reader gave up.
async function openSealed(sealed) {
  let text = null;
  const { choice } = await askForm(t("backup_locked_title"), t("backup_locked_text"),
    [{ name: "pass", label: t("passphrase"), type: "password", autocomplete: "current-password" }],
    [{ label: t("open"), value: "open", primary: true, check: true, working: t("opening") }, { label: t("cancel"), value: "cancel" }],
    async v => {
      try {
        text = await unseal(await deriveKey(v.pass, sealed.salt, Number(sealed.iterations)), sealed.record);
        return "";
      } catch {
        return t("backup_wrong_passphrase");
      }
    });
  return choice === "open" ? text : null;
}

// shareFile is one worksheet's answers of the reader writing now, to give
// to a partner on another device.
export function shareFile(store, worksheetId, from) {
  const { record } = store.read(worksheetId);
  return JSON.stringify({ format: FORMAT, version: 2, book: store.bookId, exported: new Date().toISOString(),
    shared: { from }, worksheets: { [worksheetId]: plain(record) } }, null, 2);
}

// keepShared keeps a shared file's answers apart from the reader's own,
// read-only, after asking; it reports whether they were kept.
async function keepShared(store, backup) {
  const ids = Object.keys(backup.worksheets);
  const from = backup.shared.from || t("your_partner");
  const c = await ask(t("keep_shared_title", { name: from }), t("keep_shared_text", { name: from, n: ids.length }),
    [{ label: t("keep_shared_button", { name: from }), value: "keep", primary: true }, { label: t("cancel"), value: "cancel" }]);
  if (c !== "keep") return false;
  for (const id of ids) store.setRaw(sharedKey(store, id), JSON.stringify({ from, exported: backup.exported, record: plain(backup.worksheets[id]) }));
  return true;
}
