// Backup: one JSON file with every answer of one reader, saved on the
// reader's device, and read back after showing what it will change. The
// file's name says nothing of the book: workbook-answers-2026-12-04.json,
// or the name the author chose (backup_name). A locked reader's file is
// sealed with their key, and opens only with their passphrase:
//   {"format": "workbook-answers", "version": 3, "book": "…", "exported": "…",
//    "sealed": {"salt": "…", "iterations": 600000, "record": "<a sealed record>"}}

import { merge, parseRecord, plain } from "./store.js";
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

const notOurs = "This file is not a backup made by this book's \"Download my answers\" button. Nothing was changed.";

// parseBackup checks a file is a backup of this book (and, given the
// addresses of its chapters, keeps read marks of those only); it returns
// {backup} or {error} and changes nothing.
export function parseBackup(text, bookId, chapters = null) {
  let data;
  try { data = JSON.parse(text); } catch {
    return { error: "This file could not be read as a backup of answers. Nothing was changed." };
  }
  if (!data || data.format !== FORMAT || typeof (data.worksheets || data.sealed) !== "object") return { error: notOurs };
  if (data.book !== bookId) {
    return { error: `This backup belongs to another book ("${String(data.book)}"), so it was not used. Nothing was changed.` };
  }
  const problem = versionProblem(data.version, VERSION) || limitProblem(data);
  if (problem) return { error: problem };
  if (!data.worksheets) {
    return isSealedFile(data.sealed) ? { backup: { exported: String(data.exported || ""), sealed: data.sealed } } : { error: notOurs };
  }
  return readWorksheets(data, chapters);
}

function isSealedFile(s) {
  return Boolean(s) && typeof s.salt === "string" && typeof s.record === "string" && Number(s.iterations) > 0;
}

const damaged = why => ({ error: `Part of this backup is damaged${why ? ` (${why})` : ""}, so none of it was used. Nothing was changed.` });

function readWorksheets(data, chapters) {
  const worksheets = {};
  const clock = { now: Date.now(), ahead: 0 };
  for (const [id, rec] of Object.entries(data.worksheets)) {
    const { record, problem } = parseRecord(JSON.stringify(rec));
    if (problem || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return damaged("");
    const bad = checkTimes(record, clock);
    if (bad !== null) return damaged(`an answer of "${id}" has ${JSON.stringify(bad).slice(0, 40)} for its time, which is not a date and time`);
    worksheets[id] = record;
  }
  const marks = {};
  for (const [url, time] of Object.entries(data.read || {})) {
    const t = fixTime(time, clock);
    if (t === null) return damaged(`the time a chapter was read, ${JSON.stringify(time).slice(0, 40)}, is not a date and time`);
    marks[url] = t;
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
    const t = fixTime(f.updated, clock);
    if (t === null) return f.updated;
    f.updated = t;
  }
  for (const e of Object.values(record.entries)) {
    const t = fixTime(e.saved, clock);
    if (t === null) return e.saved;
    e.saved = t;
  }
  for (const [id, time] of Object.entries(record.deleted)) {
    const t = fixTime(time, clock);
    if (t === null) return time;
    record.deleted[id] = t;
  }
  record.updated = fixTime(record.updated, clock);
  return null;
}

// MAX_FILE is the largest file read as a backup, in bytes: twice what a
// browser keeps for a site (a file is indented; a locked one is base64),
// so every backup the book made fits, and no file too big to be saved
// is read at all.
export const MAX_FILE = 2 * 5 * 1024 * 1024;

const tooLarge = size => `This file is ${mb(size)}, more than any backup of answers this browser could keep (at most ${mb(MAX_FILE)}). Nothing was changed.`;

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

const mb = chars => `${(chars / 1048576).toFixed(1)} MB`;

// apply restores a backup all or nothing; it returns "" or, when nothing
// could be changed, why.
export async function apply(store, backup, mode) {
  const changes = plan(store, backup, mode);
  const big = tooBig(store, changes);
  if (big) return `These answers need about ${mb(big.needed)} of this browser's storage for this book, and only about ${mb(big.free)} is free. Nothing was changed: your answers here are as they were. To make room, download and then clear answers you no longer need here, or restore the file in another browser.`;
  const problem = await store.writeAll(changes);
  if (problem === "quota") return "This browser's storage filled up before all of the file could be saved, so none of it was used. Nothing was changed: your answers here are as they were.";
  if (problem) return "This browser is not letting the book save answers (private browsing or blocked site data), so the file was not restored. Nothing was changed.";
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
    await ask("This file can't be used", error, [{ label: "OK", value: "ok", primary: true }]);
    return "";
  }
  const choice = await ask("Restore your answers from this file?", describe(store, backup), [
    { label: "Merge", value: "merge", primary: true },
    { label: "Replace", value: "replace", danger: true },
    { label: "Cancel", value: "cancel" },
  ]);
  if (choice !== "merge" && choice !== "replace") return "";
  const failed = await apply(store, backup, choice);
  if (failed) {
    await ask("The file was not restored", failed, [{ label: "OK", value: "ok", primary: true }]);
    return "";
  }
  return choice;
}

// openSealed asks for the passphrase of a locked reader's backup; it
// returns the backup's text, or null when the reader gave up.
async function openSealed(sealed) {
  let text = null;
  const { choice } = await askForm("This backup is locked", "Type the passphrase of the answers in it. Nothing changes until you choose what to do with them.",
    [{ name: "pass", label: "Passphrase", type: "password", autocomplete: "current-password" }],
    [{ label: "Open", value: "open", primary: true, check: true, working: "Opening… this takes a moment." }, { label: "Cancel", value: "cancel" }],
    async v => {
      try {
        text = await unseal(await deriveKey(v.pass, sealed.salt, Number(sealed.iterations)), sealed.record);
        return "";
      } catch {
        return "That passphrase doesn't open this backup. Nothing was changed. Check the spelling, and Caps Lock, and try again.";
      }
    });
  return choice === "open" ? text : null;
}

// sharedKey is where a partner's shared answers to a worksheet are kept:
// with the reader's own keys (sealed too when they are locked), but never
// read as their own answers.
export function sharedKey(store, worksheetId) { return `${store.prefix}shared:${worksheetId}`; }

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
  const from = backup.shared.from || "Your partner";
  const c = await ask(`Keep ${from}'s answers?`, `This file holds ${from}'s answers to ${ids.length === 1 ? "one worksheet" : `${ids.length} worksheets`}. They are kept apart from yours, to read next to your own; they can't be changed here, and you can remove them at any time. Your own answers don't change.`,
    [{ label: `Keep ${from}'s answers`, value: "keep", primary: true }, { label: "Cancel", value: "cancel" }]);
  if (c !== "keep") return false;
  for (const id of ids) store.setRaw(sharedKey(store, id), JSON.stringify({ from, exported: backup.exported, record: plain(backup.worksheets[id]) }));
  return true;
}
