// The answers store: each worksheet's answers of one reader as a versioned
// JSON record in localStorage under "workbook:<book id>/<reader id>:<worksheet
// id>" (readers.js keeps the list of readers; before there were readers,
// records lived under "workbook:<book id>:<worksheet id>", see migrate.js).
// Nothing here talks to the network. When storage is full or unavailable, records are kept in
// memory so nothing typed is lost and the download still works.
//
// A record looks like
//   {"schema": 1, "updated": "2026-…Z",
//    "fields": {"feeling": {"value": "calm", "updated": "2026-…Z", "label": "One word"}}}
// value is a string, or an array of strings for list and checklist fields.
// Every field carries its own time, so two tabs merge field by field.
//
// A journal (a worksheet with repeat: true) also files dated entries:
//   "entries": {"<entry id>": {"saved": "2026-…Z", "fields": {"feeling": {"value": "calm", "label": "One word"}}}},
//   "deleted": {"<entry id>": "2026-…Z"}
// fields is then the entry being written. Entries merge as a union by id;
// deleted remembers the entries the reader deleted, so another tab still
// holding one never brings it back. A record with entries or deletions is
// written as schema 2, which older copies of this script leave alone
// instead of overwriting what they can't read; any other record stays
// schema 1, as before journals existed.

export const SCHEMA = 2;

export function emptyRecord() {
  return { schema: SCHEMA, updated: null, fields: {}, entries: {}, deleted: {} };
}

// answered reports whether a saved value counts as an answer.
export function answered(value) {
  if (Array.isArray(value)) return value.some(v => String(v).trim() !== "");
  return value !== undefined && value !== null && String(value).trim() !== "";
}

function isValue(v) {
  return typeof v === "string" || (Array.isArray(v) && v.every(x => typeof x === "string"));
}

function isField(f) {
  return isObject(f) && typeof f.updated === "string" && isValue(f.value);
}

// Entry ids end up in element ids, so they stay plain.
const entryId = /^[a-z0-9][a-z0-9-]*$/;

function isEntry(id, e) {
  return entryId.test(id) && isObject(e) && typeof e.saved === "string" && isObject(e.fields) &&
    Object.values(e.fields).every(f => isObject(f) && isValue(f.value));
}

function isObject(x) {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

// parseRecord reads a stored record. It returns {record, problem}: problem
// is null, "corrupt" (record holds whatever could be saved from it) or
// "newer" (written by a later version of the book; left alone).
export function parseRecord(text) {
  let data = null;
  try { data = JSON.parse(text); } catch { /* handled below */ }
  if (isObject(data) && typeof data.schema === "number" && data.schema > SCHEMA) {
    return { record: emptyRecord(), problem: "newer" };
  }
  const record = emptyRecord();
  if (!isObject(data) || !isObject(data.fields)) return { record, problem: "corrupt" };
  let bad = data.schema !== 1 && data.schema !== 2;
  for (const [id, f] of Object.entries(data.fields)) {
    if (isField(f)) record.fields[id] = { value: f.value, updated: f.updated, label: String(f.label || "") };
    else bad = true;
  }
  bad = readEntries(data, record) || bad;
  record.updated = typeof data.updated === "string" ? data.updated : null;
  return { record, problem: bad ? "corrupt" : null };
}

// readEntries copies a journal's entries and deletions into record; it
// reports whether anything could not be read.
function readEntries(data, record) {
  let bad = (data.entries !== undefined && !isObject(data.entries)) || (data.deleted !== undefined && !isObject(data.deleted));
  for (const [id, e] of Object.entries(isObject(data.entries) ? data.entries : {})) {
    if (!isEntry(id, e)) { bad = true; continue; }
    const fields = {};
    for (const [fid, f] of Object.entries(e.fields)) fields[fid] = { value: f.value, label: String(f.label || "") };
    record.entries[id] = { saved: e.saved, fields };
  }
  for (const [id, when] of Object.entries(isObject(data.deleted) ? data.deleted : {})) {
    if (typeof when === "string") record.deleted[id] = when;
    else bad = true;
  }
  return bad;
}

// plain is a record as it is stored and downloaded: the journal's parts
// only when it has them, so a record without them reads as before.
export function plain(record) {
  const journal = Object.keys(record.entries).length > 0 || Object.keys(record.deleted).length > 0;
  const out = { schema: journal ? 2 : 1, updated: record.updated, fields: record.fields };
  if (Object.keys(record.entries).length) out.entries = record.entries;
  if (Object.keys(record.deleted).length) out.deleted = record.deleted;
  return out;
}

// isRecord tells a well-formed record from anything else.
export function isRecord(r) {
  return parseRecord(JSON.stringify(r)).problem === null;
}

// when is a saved time in milliseconds; a time that can't be read counts
// as the oldest of all, so it never wins over a real edit.
export function when(time) {
  const ms = typeof time === "string" ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

// tick is the time of an edit made now to a field last saved at last: the
// later of now and just after last. A device's own edit is then ordered
// after everything it has seen, even when another device's clock ran ahead.
export function tick(last) {
  return new Date(Math.max(Date.now(), when(last) + 1)).toISOString();
}

// merge combines two records field by field: the later write of each field
// wins (on a tie, a's), so two tabs editing different fields never undo
// each other. Entries are the union of both, less any either side deleted,
// oldest first.
export function merge(a, b) {
  const out = emptyRecord();
  for (const r of [a, b]) {
    for (const [id, f] of Object.entries(r.fields)) {
      const cur = out.fields[id];
      if (!cur || when(f.updated) > when(cur.updated)) out.fields[id] = f;
    }
    for (const [id, time] of Object.entries(r.deleted)) {
      if (!out.deleted[id] || when(time) > when(out.deleted[id])) out.deleted[id] = time;
    }
  }
  const entries = { ...a.entries, ...b.entries };
  const kept = Object.keys(entries).filter(id => !out.deleted[id]);
  kept.sort((x, y) => (entries[x].saved + x < entries[y].saved + y ? -1 : 1));
  for (const id of kept) out.entries[id] = entries[id];
  out.updated = [a.updated, b.updated].filter(Boolean).sort().pop() || null;
  return out;
}

// readerPrefix is where one reader's keys start. It does not start with the
// prefix of the keys from before readers ("workbook:<book id>:"), so a page
// of an earlier version, still open in another tab, never sees, clears or
// overwrites a reader's answers.
export function readerPrefix(bookId, reader) {
  return `workbook:${bookId}/${reader}:`;
}

// MOVED is the marker migrate.js leaves at a key from before readers:
// schema 3 is newer than any version before readers reads.
export const MOVED = JSON.stringify({ schema: 3, moved: "readers" });

// sharedKey is where a partner's shared answers to a worksheet are kept:
// with the reader's own keys (sealed too when they are locked), but never
// read as their own answers.
export function sharedKey(store, worksheetId) { return `${store.prefix}shared:${worksheetId}`; }

export class Store {
  // reader is the reader's id; "" opens the keys from before readers.
  constructor(bookId, reader = "", found = openLocalStorage()) {
    this.bookId = bookId;
    this.reader = reader;
    this.prefix = reader ? readerPrefix(bookId, reader) : `workbook:${bookId}:`;
    this.storage = found.storage;
    this.problem = found.problem; // null, "quota" or "unavailable": the last write's trouble
    this.memory = new Map(); // key -> text not (yet) written to storage
    this.pinned = new Set(); // keys whose stored text must not be overwritten
  }

  // key is where a worksheet's record lives. Worksheet ids hold no ":", so
  // these never collide with the "read:" and "unreadable:" keys below.
  key(worksheetId) { return this.prefix + worksheetId; }
  readKey(url) { return `${this.prefix}read:${url}`; }

  // worksheetOf returns the worksheet id a key belongs to, or null.
  worksheetOf(key) {
    if (!key || !key.startsWith(this.prefix)) return null;
    const rest = key.slice(this.prefix.length);
    return rest.includes(":") ? null : rest;
  }

  raw(key) {
    if (this.memory.has(key)) return this.memory.get(key);
    try { return this.storage ? this.storage.getItem(key) : null; } catch { return null; }
  }

  // read returns {record, problem} and changes nothing; see parseRecord.
  read(worksheetId) {
    const text = this.raw(this.key(worksheetId));
    if (text === null || text === undefined) return { record: emptyRecord(), problem: null };
    return parseRecord(text);
  }

  // open reads a worksheet for editing. A record that cannot be fully read
  // is copied aside under an "unreadable:" key first (never deleted), and
  // the fields that could be read are kept. It returns {record, problem, aside}.
  open(worksheetId) {
    const got = this.read(worksheetId);
    if (got.problem !== "corrupt") return got;
    const key = this.key(worksheetId);
    const aside = `${this.prefix}unreadable:${worksheetId}:${new Date().toISOString()}`;
    if (this.setRaw(aside, this.raw(key))) this.pinned.add(key); // no room for the copy: keep the original
    else this.write(worksheetId, got.record);
    return { ...got, aside };
  }

  // write saves a record; it returns null, or the problem ("quota" or
  // "unavailable"), in which case the record stays in memory.
  write(worksheetId, record) {
    return this.setRaw(this.key(worksheetId), JSON.stringify(plain(record)));
  }

  setRaw(key, text) {
    if (!this.storage || this.pinned.has(key)) {
      this.memory.set(key, text);
      return (this.problem = this.storage ? "quota" : "unavailable");
    }
    try {
      this.storage.setItem(key, text);
      this.memory.delete(key);
      this.problem = null;
      return null;
    } catch (err) {
      this.memory.set(key, text);
      return (this.problem = isQuota(err) ? "quota" : "unavailable");
    }
  }

  // writeAll makes every change (key to text, or null to remove it) or
  // none: when one can't be written, the keys changed so far get back what
  // they held. Removals go first, to make room. It returns null, or the
  // problem ("quota" or "unavailable").
  async writeAll(changes) { return this.transact(changes); }

  transact(changes) {
    if (!this.storage) return "unavailable";
    const undo = [];
    try {
      for (const [k, text] of [...changes].sort((a, b) => (a[1] === null ? 0 : 1) - (b[1] === null ? 0 : 1))) {
        if (this.pinned.has(k)) throw new DOMException("kept as it was", "QuotaExceededError");
        undo.push([k, this.storage.getItem(k)]);
        if (text === null) this.storage.removeItem(k); else this.storage.setItem(k, text);
      }
    } catch (err) {
      for (const [k, old] of undo.reverse()) this.putBack(k, old);
      return isQuota(err) ? "quota" : "unavailable";
    }
    for (const k of changes.keys()) this.memory.delete(k);
    return null;
  }

  // putBack restores a key's earlier text; should even that fail, the
  // text is kept in the page (and in a download) rather than lost.
  putBack(k, old) {
    try {
      if (old === null) this.storage.removeItem(k); else this.storage.setItem(k, old);
    } catch { this.memory.set(k, old); }
  }

  // unsaved returns the answers held only in this page ("" when none are),
  // as text that changes whenever they change. Read marks don't count.
  unsaved() {
    const held = [...this.memory].filter(([k]) => !k.startsWith(`${this.prefix}read:`));
    return held.length ? JSON.stringify(held) : "";
  }

  remove(key) {
    this.memory.delete(key);
    this.pinned.delete(key);
    try { if (this.storage) this.storage.removeItem(key); } catch { /* nothing to remove */ }
  }

  // keys lists every key of this book, in storage or held in memory.
  keys() {
    const keys = new Set(this.memory.keys());
    try {
      for (let i = 0; this.storage && i < this.storage.length; i++) {
        const k = this.storage.key(i);
        if (k && k.startsWith(this.prefix)) keys.add(k);
      }
    } catch { /* storage unreadable: memory only */ }
    return [...keys].sort();
  }

  worksheetIds() { return this.keys().map(k => this.worksheetOf(k)).filter(Boolean); }
  unreadableKeys() { return this.keys().filter(k => k.startsWith(`${this.prefix}unreadable:`)); }
  readUrls() {
    const p = `${this.prefix}read:`;
    return this.keys().filter(k => k.startsWith(p)).map(k => k.slice(p.length));
  }

  markRead(url) { if (!this.isRead(url)) this.setRaw(this.readKey(url), new Date().toISOString()); }
  isRead(url) { return this.raw(this.readKey(url)) !== null; }

  clear(worksheetId) { this.remove(this.key(worksheetId)); }

  // watch tells the page, as a "workbook:stored" event with the key, when
  // another tab changed one of this reader's keys (null: all storage cleared).
  watch() {
    window.addEventListener("storage", e => {
      if (e.storageArea !== this.storage || (e.key !== null && !e.key.startsWith(this.prefix))) return;
      this.changed(e.key);
    });
  }

  changed(key) {
    document.dispatchEvent(new CustomEvent("workbook:stored", { detail: { key } }));
  }

  // settled resolves once every write has reached storage (all are at once
  // here; a sealed store encrypts first).
  settled() { return Promise.resolve(); }

  // clearAll removes every key of this book: answers, set-aside copies and
  // which chapters were read.
  clearAll() {
    for (const k of this.keys()) this.remove(k);
  }
}

function isQuota(err) {
  return Boolean(err) && (err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED" || err.code === 22);
}

// openLocalStorage finds localStorage and whether it takes writes. Private
// modes, disabled site data and sandboxed frames block it (unavailable); a
// full disk still lets us read what was saved before (quota).
export function openLocalStorage() {
  let s = null;
  try { s = window.localStorage; } catch { return { storage: null, problem: "unavailable" }; }
  if (!s) return { storage: null, problem: "unavailable" };
  try {
    s.setItem("workbook:probe", "1");
    s.removeItem("workbook:probe");
    return { storage: s, problem: null };
  } catch (err) {
    return isQuota(err) ? { storage: s, problem: "quota" } : { storage: null, problem: "unavailable" };
  }
}
