// Backup: one JSON file with every answer of the book, saved on the reader's
// device, and read back after showing what it will change.

import { isRecord, merge } from "./store.js";
import { ask } from "./dialog.js";

export const FORMAT = "workbook-answers";

export function exportAll(store, live) {
  for (const ws of live) ws.flush();
  const worksheets = {};
  for (const id of store.worksheetIds()) {
    const { record } = store.read(id);
    worksheets[id] = record;
  }
  const read = store.keys().filter(k => k.startsWith(`${store.prefix}read:`)).map(k => k.slice(`${store.prefix}read:`.length));
  return { format: FORMAT, version: 1, book: store.bookId, exported: new Date().toISOString(), worksheets, read };
}

export function download(store, live) {
  const data = JSON.stringify(exportAll(store, live), null, 2);
  const blob = new Blob([data], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${store.bookId}-answers-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return data;
}

// parseBackup checks a file is a backup of this book; it returns
// {backup} or {error} and changes nothing.
export function parseBackup(text, bookId) {
  let data;
  try { data = JSON.parse(text); } catch {
    return { error: "This file is not a backup of answers: it could not be read as one. Nothing was changed." };
  }
  if (!data || data.format !== FORMAT || typeof data.worksheets !== "object" || data.worksheets === null) {
    return { error: "This file is not a backup made by this book's \"Download my answers\" button. Nothing was changed." };
  }
  if (data.book !== bookId) {
    return { error: `This backup belongs to another book ("${String(data.book)}"). Nothing was changed.` };
  }
  for (const [id, rec] of Object.entries(data.worksheets)) {
    if (!isRecord(rec) || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      return { error: "Part of this backup is damaged, so it was not used. Nothing was changed." };
    }
  }
  return { backup: data };
}

// describe says in plain words what restoring would change.
export function describe(store, backup) {
  const ids = Object.keys(backup.worksheets);
  let fields = 0;
  let replaced = 0;
  for (const id of ids) {
    const mine = store.read(id).record;
    for (const [fid, f] of Object.entries(backup.worksheets[id].fields)) {
      fields++;
      if (mine.fields[fid] && JSON.stringify(mine.fields[fid].value) !== JSON.stringify(f.value)) replaced++;
    }
  }
  return [
    `The file holds ${fields} answer${fields === 1 ? "" : "s"} in ${ids.length} worksheet${ids.length === 1 ? "" : "s"}, saved on ${String(backup.exported).slice(0, 10)}.`,
    `${replaced} of your current answer${replaced === 1 ? "" : "s"} differ from the file.`,
    "Merge keeps the newer of each answer. Replace makes this device match the file exactly.",
  ];
}

export function apply(store, backup, mode) {
  if (mode === "replace") store.clearAll();
  for (const [id, rec] of Object.entries(backup.worksheets)) {
    const next = mode === "replace" ? rec : merge(store.read(id).record, rec);
    store.write(id, next);
  }
  for (const url of backup.read || []) store.markRead(url);
}

export async function restoreFromFile(file, store) {
  const text = await file.text();
  const { backup, error } = parseBackup(text, store.bookId);
  if (error) {
    await ask("This file can't be used", error, [{ label: "OK", value: "ok", primary: true }]);
    return false;
  }
  const choice = await ask("Restore your answers?", describe(store, backup), [
    { label: "Merge", value: "merge", primary: true },
    { label: "Replace", value: "replace", danger: true },
    { label: "Cancel", value: "cancel" },
  ]);
  if (choice !== "merge" && choice !== "replace") return false;
  apply(store, backup, choice);
  return true;
}
