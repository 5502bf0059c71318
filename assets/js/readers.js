// The readers of a book on one device: who they are, who is writing now,
// and each one's lock. One record in localStorage under
// "workbook:<book id>/readers":
//   {"schema": 1, "current": "1",
//    "readers": [{"id": "1", "name": "", "idle": 15, "lock": null}]}
// name is what the reader typed ("" for the first reader until a second
// one is added); idle is the minutes without use after which a locked
// reader's answers lock again; lock is null or {salt, iterations, check}
// (see lock.js), never the passphrase or the key. The first reader's id is
// always "1", so two tabs opening the upgraded book at once agree on it.
import { t } from "./strings.js";


export const DEFAULT_IDLE = 15;

const idPattern = /^[a-z0-9]{1,16}$/;

export function registryKey(bookId) { return `workbook:${bookId}/readers`; }

function fresh() {
  return { schema: 1, current: "1", readers: [{ id: "1", name: "", idle: DEFAULT_IDLE, lock: null }] };
}

function isReader(r) {
  return r && typeof r === "object" && idPattern.test(r.id) && typeof r.name === "string";
}

// parseReaders reads the record; anything it can't read gives the single
// first reader, as a book without readers has.
export function parseReaders(text) {
  let data = null;
  try { data = JSON.parse(text); } catch { return null; }
  if (!data || !Array.isArray(data.readers) || data.schema !== 1) return null;
  const readers = data.readers.filter(isReader).map(r => ({
    id: r.id, name: r.name.slice(0, 60),
    idle: Number(r.idle) > 0 ? Number(r.idle) : DEFAULT_IDLE,
    lock: r.lock && typeof r.lock === "object" ? r.lock : null,
  }));
  if (!readers.length) return null;
  const current = readers.some(r => r.id === data.current) ? data.current : readers[0].id;
  return { schema: 1, current, readers };
}

// Readers is the record with the few changes the page makes to it. Each
// change reads the record again first, so two tabs don't undo each other.
export class Readers {
  constructor(bookId, storage) {
    this.bookId = bookId;
    this.storage = storage;
    this.key = registryKey(bookId);
    const found = this.load();
    // A record this page can't read (damaged, or from a later version) is
    // left as it is: the page works with the first reader, in memory.
    this.keep = !found && this.raw() !== null;
    this.data = found || fresh();
    if (!found) this.save();
  }

  raw() {
    try { return this.storage ? this.storage.getItem(this.key) : null; } catch { return null; }
  }

  load() {
    return parseReaders(this.raw());
  }

  save() {
    if (this.keep) return;
    try { if (this.storage) this.storage.setItem(this.key, JSON.stringify(this.data)); } catch { /* kept in memory */ }
  }

  change(fn) {
    this.data = this.load() || this.data;
    fn(this.data);
    this.save();
  }

  get list() { return this.data.readers; }
  get current() { return this.byId(this.data.current) || this.list[0]; }
  get many() { return this.list.length > 1; }
  byId(id) { return this.list.find(r => r.id === id) || null; }

  // name is how a reader is called on screen.
  name(r) { return r.name || (r.id === "1" ? t("first_reader") : t("reader")); }

  add(name) {
    const bytes = new Uint8Array(4);
    crypto.getRandomValues(bytes);
    const id = [...bytes].map(b => b.toString(16).padStart(2, "0")).join("");
    this.change(d => d.readers.push({ id, name, idle: DEFAULT_IDLE, lock: null }));
    return id;
  }

  update(id, fields) { this.change(d => Object.assign(d.readers.find(r => r.id === id) || {}, fields)); }
  choose(id) { this.change(d => { d.current = id; }); }

  // remove drops a reader from the list (their keys are removed by the
  // caller); the first one left writes next.
  remove(id) {
    this.change(d => {
      d.readers = d.readers.filter(r => r.id !== id);
      if (d.current === id) d.current = d.readers[0].id;
    });
  }
}
