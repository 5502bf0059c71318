// The upgrade to readers: answers saved before a book had readers, under
// "workbook:<book id>:…", become the first reader's. Each record moved
// leaves a marker in its place that an earlier version of the page, still
// open in another tab, reads as "saved by a newer version of this book":
// that page then stops saving and asks for a reload, so it can't write over
// what moved. A record such a page writes later (to a worksheet it had no
// record of) is moved too, the next time the first reader opens the book:
// merged field by field and entry by entry, so nothing is lost or doubled.

import { MOVED, Store, merge, parseRecord } from "./store.js";

// absorbLegacy moves every old key of the book into store (the first
// reader's); it returns how many answer records moved.
export function absorbLegacy(store) {
  const legacy = new Store(store.bookId, "", { storage: store.storage, problem: null });
  let moved = 0;
  for (const key of legacy.keys()) {
    const text = legacy.raw(key);
    const id = legacy.worksheetOf(key);
    if (!id) {
      moveAside(legacy, store, key, text);
      continue;
    }
    if (text === MOVED || text === null) continue;
    if (moveRecord(store, id, text)) {
      legacy.setRaw(key, MOVED);
      moved++;
    }
  }
  return moved;
}

// moveRecord merges one old record into the reader's; it reports whether
// the reader's copy was saved, so the old one may be replaced by the marker.
function moveRecord(store, id, text) {
  const { record, problem } = parseRecord(text);
  if (problem === "newer") return false; // not ours to read: left as it is
  if (problem === "corrupt") {
    store.setRaw(`${store.prefix}unreadable:${id}:${new Date().toISOString()}`, text);
  }
  const mine = store.open(id);
  if (mine.problem === "newer") return false;
  return store.write(id, merge(mine.record, record)) === null;
}

// moveAside carries the marks of chapters read and the copies set aside
// as unreadable over as they are.
function moveAside(legacy, store, key, text) {
  const rest = key.slice(legacy.prefix.length);
  if (!rest.startsWith("read:") && !rest.startsWith("unreadable:")) return;
  if (store.raw(store.prefix + rest) === null && store.setRaw(store.prefix + rest, text) !== null) return;
  legacy.remove(key);
}
