// Backup: one JSON file with every answer of the book, saved on the reader's
// device, and read back after showing what it will change.

import { answered, emptyRecord, merge, parseRecord, plain } from "./store.js";
import { ask } from "./dialog.js";

export const FORMAT = "workbook-answers";
// VERSION is the newest backup this page reads. A backup holding a
// journal's entries is version 2, so an older copy of the page refuses it
// ("made by a newer version") rather than restore it without its entries.
export const VERSION = 2;

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

export function download(store, live) {
  const data = JSON.stringify(exportAll(store, live), null, 2);
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
  a.download = `${store.bookId}-answers-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return data;
}

const notOurs = "This file is not a backup made by this book's \"Download my answers\" button. Nothing was changed.";

// parseBackup checks a file is a backup of this book; it returns
// {backup} or {error} and changes nothing.
export function parseBackup(text, bookId) {
  let data;
  try { data = JSON.parse(text); } catch {
    return { error: "This file could not be read as a backup of answers. Nothing was changed." };
  }
  if (!data || data.format !== FORMAT || !data.worksheets || typeof data.worksheets !== "object") return { error: notOurs };
  if (data.book !== bookId) {
    return { error: `This backup belongs to another book ("${String(data.book)}"), so it was not used. Nothing was changed.` };
  }
  if (typeof data.version !== "number" || data.version > VERSION) {
    return { error: "This backup was made by a newer version of this book. Reload the page and try again. Nothing was changed." };
  }
  const worksheets = {};
  for (const [id, rec] of Object.entries(data.worksheets)) {
    const { record, problem } = parseRecord(JSON.stringify(rec));
    if (problem || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      return { error: "Part of this backup is damaged, so none of it was used. Nothing was changed." };
    }
    worksheets[id] = record;
  }
  const read = {};
  for (const [url, when] of Object.entries(data.read || {})) if (typeof when === "string") read[url] = when;
  const unreadable = {};
  for (const [k, v] of Object.entries(data.unreadable || {})) {
    if (k.startsWith("unreadable:") && typeof v === "string") unreadable[k] = v;
  }
  return { backup: { exported: String(data.exported || ""), worksheets, read, unreadable } };
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

const n = (k, word) => `${k} ${word}${k === 1 ? "" : "s"}`;
const entries = k => `${k} journal ${k === 1 ? "entry" : "entries"}`;

// describe says in plain words what restoring would change.
export function describe(store, backup) {
  const c = changes(store, backup);
  const e = c.entries;
  const journal = e.inFile + e.onlyHere > 0;
  const when = backup.exported.slice(0, 10);
  return [
    `The file${when ? ` saved on ${when}` : ""} holds ${n(c.inFile, "answer")}${journal ? ` and ${entries(e.inFile)}` : ""}.`,
    `Merge adds ${n(c.added, "answer")}${journal ? ` and ${entries(e.merged)}` : ""} you don't have here; where ${n(c.differ, "answer")} differ, it keeps whichever was written last. Nothing else changes.`,
    `Replace makes this device match the file: ${n(c.added, "answer")} added, ${n(c.differ, "answer")} changed, ${n(c.onlyHere, "answer")} not in the file removed` +
      (journal ? `; ${entries(e.added)} added, ${entries(e.onlyHere)} not in the file removed.` : "."),
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
  const { backup, error } = parseBackup(await file.text(), store.bookId);
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
  apply(store, backup, choice);
  return choice;
}
