// The answers store: every worksheet's answers as a versioned JSON record in
// localStorage, under keys namespaced by the book id. Nothing here talks to
// the network. When storage is full or unavailable, records are kept in
// memory so nothing typed is lost and the download still works.

export const SCHEMA = 1;

export function emptyRecord() {
  return { v: SCHEMA, updated: null, total: 0, fields: {} };
}

// isRecord tells a well-formed record from anything else.
export function isRecord(r) {
  return r !== null && typeof r === "object" && r.v === SCHEMA &&
    r.fields !== null && typeof r.fields === "object" && !Array.isArray(r.fields) &&
    Object.values(r.fields).every(f => f !== null && typeof f === "object" && "value" in f && typeof f.updated === "string");
}

// answered reports whether a saved value counts as an answer.
export function answered(value) {
  if (Array.isArray(value)) return value.some(v => String(v).trim() !== "");
  return value !== undefined && value !== null && String(value).trim() !== "";
}

// merge combines two records field by field: the later write of each field
// wins, so two tabs editing different fields never undo each other.
export function merge(a, b) {
  const out = emptyRecord();
  out.total = Math.max(a.total || 0, b.total || 0);
  for (const r of [a, b]) {
    for (const [id, f] of Object.entries(r.fields)) {
      const cur = out.fields[id];
      if (!cur || f.updated > cur.updated) out.fields[id] = f;
    }
  }
  out.updated = [a.updated, b.updated].filter(Boolean).sort().pop() || null;
  return out;
}

export class Store {
  constructor(bookId, storage = safeLocalStorage()) {
    this.bookId = bookId;
    this.prefix = `workbook:${bookId}:`;
    this.storage = storage;
    this.memory = new Map(); // key -> JSON string not yet written to storage
    this.problem = storage ? null : "unavailable";
  }

  key(worksheetId) { return `${this.prefix}ws:${worksheetId}`; }
  readKey(url) { return `${this.prefix}read:${url}`; }

  raw(key) {
    if (this.memory.has(key)) return this.memory.get(key);
    try { return this.storage ? this.storage.getItem(key) : null; } catch { return null; }
  }

  // read returns {record, corrupt}: a record that cannot be understood is
  // moved aside under another key, never deleted, and reported.
  read(worksheetId) {
    const key = this.key(worksheetId);
    const text = this.raw(key);
    if (text === null || text === undefined) return { record: emptyRecord(), corrupt: null };
    let rec = null;
    try { rec = JSON.parse(text); } catch { rec = null; }
    if (isRecord(rec)) return { record: rec, corrupt: null };
    const aside = `${this.prefix}corrupt:${worksheetId}:${new Date().toISOString()}`;
    this.setRaw(aside, text);
    this.remove(key);
    return { record: emptyRecord(), corrupt: aside };
  }

  // write saves a record; it returns null or the problem ("quota" or
  // "unavailable"), in which case the record stays in memory.
  write(worksheetId, record) {
    return this.setRaw(this.key(worksheetId), JSON.stringify(record));
  }

  setRaw(key, text) {
    if (!this.storage) {
      this.memory.set(key, text);
      return (this.problem = "unavailable");
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

  remove(key) {
    this.memory.delete(key);
    try { this.storage && this.storage.removeItem(key); } catch { /* nothing to remove */ }
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

  worksheetIds() {
    const p = `${this.prefix}ws:`;
    return this.keys().filter(k => k.startsWith(p)).map(k => k.slice(p.length));
  }

  markRead(url) { this.setRaw(this.readKey(url), new Date().toISOString()); }
  isRead(url) { return this.raw(this.readKey(url)) !== null; }

  clear(worksheetId) { this.remove(this.key(worksheetId)); }

  clearAll() {
    for (const k of this.keys()) this.remove(k);
  }
}

function isQuota(err) {
  return err && (err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED" || err.code === 22);
}

// safeLocalStorage returns localStorage, or null where the browser blocks it
// (private modes, disabled cookies, sandboxed frames).
function safeLocalStorage() {
  try {
    const s = window.localStorage;
    const probe = "workbook:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch (err) {
    if (isQuota(err)) {
      try { return window.localStorage; } catch { return null; }
    }
    return null;
  }
}
