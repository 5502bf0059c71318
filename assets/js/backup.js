// Backup: one JSON file with every answer of one reader, saved on the
// reader's device, and read back after showing what it will change. The
// file's name says nothing of the book: workbook-answers-2026-12-04.json,
// or the name the author chose (backup_name). A locked reader's file is
// sealed with their key, and opens only with their passphrase:
//   {"format": "workbook-answers", "version": 3, "book": "…", "exported": "…",
//    "sealed": {"salt": "…", "iterations": 600000, "record": "<a sealed record>"}}

import { t } from "./strings.js";
import { answered, emptyRecord, merge, parseRecord, plain } from "./store.js";
import { ask, askForm } from "./dialog.js";
import { deriveKey, seal, unseal } from "./lock.js";

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

// parseBackup checks a file is a backup of this book; it returns
// {backup} or {error} and changes nothing.
export function parseBackup(text, bookId) {
  let data;
  try { data = JSON.parse(text); } catch {
    return { error: t("restore_unreadable") };
  }
  if (!data || data.format !== FORMAT || typeof (data.worksheets || data.sealed) !== "object") return { error: notOurs() };
  if (data.book !== bookId) {
    return { error: t("restore_other_book", { book: String(data.book) }) };
  }
  if (typeof data.version !== "number" || data.version > VERSION) {
    return { error: t("restore_newer") };
  }
  if (!data.worksheets) {
    return isSealedFile(data.sealed) ? { backup: { exported: String(data.exported || ""), sealed: data.sealed } } : { error: notOurs() };
  }
  return readWorksheets(data);
}

function isSealedFile(s) {
  return Boolean(s) && typeof s.salt === "string" && typeof s.record === "string" && Number(s.iterations) > 0;
}

function readWorksheets(data) {
  const worksheets = {};
  for (const [id, rec] of Object.entries(data.worksheets)) {
    const { record, problem } = parseRecord(JSON.stringify(rec));
    if (problem || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      return { error: t("restore_damaged") };
    }
    worksheets[id] = record;
  }
  const read = {};
  for (const [url, when] of Object.entries(data.read || {})) if (typeof when === "string") read[url] = when;
  const unreadable = {};
  for (const [k, v] of Object.entries(data.unreadable || {})) {
    if (k.startsWith("unreadable:") && typeof v === "string") unreadable[k] = v;
  }
  const shared = data.shared && typeof data.shared.from === "string" ? { from: data.shared.from.slice(0, 60) } : null;
  return { backup: { exported: String(data.exported || ""), worksheets, read, unreadable, shared } };
}

// changes counts, answer by answer, what restoring would do: answers only
// in the file, answers that differ, and answers only on this device; and
// likewise for journal entries (by id; an entry deleted here stays deleted
// when merging).
export function changes(store, backup) {
  const ids = new Set([...store.worksheetIds(), ...Object.keys(backup.worksheets)]);
  const c = { inFile: 0, added: 0, differ: 0, onlyHere: 0, entries: { inFile: 0, merged: 0, added: 0, onlyHere: 0 } };
  for (const id of ids) {
    const mine = store.read(id).record;
    const theirs = backup.worksheets[id] || emptyRecord();
    countAnswers(c, mine.fields, theirs.fields);
    countEntries(c.entries, mine, theirs);
  }
  return c;
}

function countAnswers(c, mine, theirs) {
  for (const fid of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const a = mine[fid] && answered(mine[fid].value) ? mine[fid].value : null;
    const b = theirs[fid] && answered(theirs[fid].value) ? theirs[fid].value : null;
    if (b !== null) c.inFile++;
    if (a === null && b !== null) c.added++;
    else if (a !== null && b === null) c.onlyHere++;
    else if (a !== null && JSON.stringify(a) !== JSON.stringify(b)) c.differ++;
  }
}

function countEntries(e, mine, theirs) {
  for (const id of Object.keys(theirs.entries)) {
    e.inFile++;
    if (!mine.entries[id]) e.added++;
    if (!mine.entries[id] && !mine.deleted[id]) e.merged++;
  }
  for (const id of Object.keys(mine.entries)) if (!theirs.entries[id]) e.onlyHere++;
}

const n = k => t("answer_count", { n: k });
const entries = k => t("journal_entries", { n: k });

// describe says in plain words what restoring would change.
export function describe(store, backup) {
  const c = changes(store, backup);
  const e = c.entries;
  const journal = e.inFile + e.onlyHere > 0;
  const when = backup.exported.slice(0, 10);
  return [
    t(when ? "restore_file_dated" : "restore_file", { when, answers: n(c.inFile) }) + (journal ? t("restore_and", { entries: entries(e.inFile) }) : "") + t("restore_end"),
    t("restore_merge", { answers: n(c.added), entries: journal ? t("restore_and", { entries: entries(e.merged) }) : "", differ: t("restore_differ", { n: c.differ }) }),
    t("restore_replace", { added: n(c.added), changed: n(c.differ), removed: n(c.onlyHere) }) +
      (journal ? t("restore_replace_entries", { added: entries(e.added), removed: entries(e.onlyHere) }) : t("restore_end")),
  ];
}

export function apply(store, backup, mode) {
  if (mode === "replace") {
    for (const id of store.worksheetIds()) store.clear(id);
  }
  for (const [id, rec] of Object.entries(backup.worksheets)) {
    store.write(id, mode === "replace" ? rec : merge(store.read(id).record, rec));
  }
  for (const [url, when] of Object.entries(backup.read)) {
    if (!store.isRead(url)) store.setRaw(store.readKey(url), when);
  }
  for (const [k, text] of Object.entries(backup.unreadable)) {
    if (store.raw(store.prefix + k) === null) store.setRaw(store.prefix + k, text);
  }
}

// restoreFromFile asks before changing anything; it returns the mode used,
// or "" when nothing changed.
export async function restoreFromFile(file, store) {
  let { backup, error } = parseBackup(await file.text(), store.bookId);
  if (!error && backup.sealed) {
    const text = await openSealed(backup.sealed);
    if (text === null) return "";
    ({ backup, error } = parseBackup(text, store.bookId));
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
  apply(store, backup, choice);
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
  const from = backup.shared.from || t("your_partner");
  const c = await ask(t("keep_shared_title", { name: from }), t("keep_shared_text", { name: from, n: ids.length }),
    [{ label: t("keep_shared_button", { name: from }), value: "keep", primary: true }, { label: t("cancel"), value: "cancel" }]);
  if (c !== "keep") return false;
  for (const id of ids) store.setRaw(sharedKey(store, id), JSON.stringify({ from, exported: backup.exported, record: plain(backup.worksheets[id]) }));
  return true;
}
