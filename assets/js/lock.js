// The optional lock: a reader's answers encrypted with a key made from
// their passphrase. PBKDF2 with SHA-256 (ITERATIONS rounds, a random salt
// per reader) makes an AES-GCM key; every record is sealed with a fresh
// random IV. The passphrase and the key are never stored: the key lives in
// this page's memory while it is open and unlocked, and is gone on "Lock
// now", after the reader's idle time, on "Leave quickly", and with the page.
//
// A sealed record in localStorage: {"schema": 3, "iv": "<base64>", "data": "<base64>"}.
// The registry (readers.js) keeps {salt, iterations, check} per locked
// reader, check being a known text sealed with the key, so a wrong
// passphrase is told apart without touching any answer.

import { Store } from "./store.js";

export const ITERATIONS = 600000;
const CHECK = "workbook-lock-check";

export const canLock = () => Boolean(window.isSecureContext && window.crypto && crypto.subtle);

const b64 = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = text => Uint8Array.from(atob(text), c => c.charCodeAt(0));

export async function deriveKey(passphrase, salt, iterations = ITERATIONS) {
  const raw = new TextEncoder().encode(passphrase.normalize("NFC"));
  const base = await crypto.subtle.importKey("raw", raw, "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", salt: unb64(salt), iterations, hash: "SHA-256" },
    base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

export async function seal(key, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(text));
  return JSON.stringify({ schema: 3, iv: b64(iv), data: b64(data) });
}

// unseal opens a sealed record; it throws when the key is not the one it
// was sealed with, or the text is not a sealed record.
export async function unseal(key, text) {
  const { iv, data } = JSON.parse(text);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv) }, key, unb64(data));
  return new TextDecoder().decode(plain);
}

export function isSealed(text) {
  try { const d = JSON.parse(text); return d && d.schema === 3 && typeof d.iv === "string" && typeof d.data === "string"; } catch { return false; }
}

// newLock makes the lock of a passphrase: {lock, key}.
export async function newLock(passphrase) {
  const salt = b64(crypto.getRandomValues(new Uint8Array(16)));
  const key = await deriveKey(passphrase, salt);
  return { lock: { salt, iterations: ITERATIONS, check: await seal(key, CHECK) }, key };
}

// openLock returns the key when passphrase is the lock's, else null.
export async function openLock(lock, passphrase) {
  const key = await deriveKey(passphrase, lock.salt, lock.iterations);
  try { return (await unseal(key, lock.check)) === CHECK ? key : null; } catch { return null; }
}

// SealedStore is a reader's store whose records are sealed in storage. It
// holds the opened texts in memory, so reading stays synchronous; writes
// are sealed and stored in order, and settled() waits for them.
export class SealedStore extends Store {
  constructor(bookId, reader, key, found) {
    super(bookId, reader, found);
    this.cryptoKey = key;
    this.opened = new Map(); // key -> text, as the worksheet code reads it
    this.queue = Promise.resolve();
  }

  // open reads and unseals every record of the reader.
  static async open(bookId, reader, key, found) {
    const s = new SealedStore(bookId, reader, key, found);
    for (const k of Store.prototype.keys.call(s)) await s.take(k, Store.prototype.raw.call(s, k));
    return s;
  }

  // take keeps the opened text of a stored one. A record that is not
  // sealed (written before the lock was set) is sealed now.
  async take(k, stored) {
    if (stored === null) return this.opened.delete(k);
    if (!isSealed(stored)) {
      this.opened.set(k, stored);
      return this.put(k, stored);
    }
    try { this.opened.set(k, await unseal(this.cryptoKey, stored)); } catch { /* not ours: left alone */ }
  }

  raw(k) { return this.opened.has(k) ? this.opened.get(k) : null; }

  setRaw(k, text) {
    this.opened.set(k, text);
    this.enqueue(() => this.put(k, text));
    return this.problem;
  }

  async put(k, text) {
    const sealed = await seal(this.cryptoKey, text);
    if (this.opened.get(k) !== text) return; // a newer write follows
    try {
      this.storage.setItem(k, sealed);
      this.problem = null;
    } catch (err) {
      this.problem = "quota";
      document.dispatchEvent(new CustomEvent("workbook:saved", { detail: { worksheet: "", problem: this.problem, err } }));
    }
  }

  // writeAll seals every text first, then writes them all or none (see
  // Store.transact), in turn with the other writes.
  async writeAll(changes) {
    const sealed = new Map();
    for (const [k, text] of changes) sealed.set(k, text === null ? null : await seal(this.cryptoKey, text));
    return new Promise(done => this.enqueue(() => {
      const problem = this.transact(sealed);
      if (!problem) for (const [k, text] of changes) { if (text === null) this.opened.delete(k); else this.opened.set(k, text); }
      done(problem);
    }));
  }

  remove(k) {
    this.opened.delete(k);
    this.enqueue(() => super.remove(k));
  }

  keys() { return [...new Set([...super.keys(), ...this.opened.keys()])].sort(); }
  unsaved() { return ""; }

  watch() {
    window.addEventListener("storage", e => {
      if (e.storageArea !== this.storage || (e.key !== null && !e.key.startsWith(this.prefix))) return;
      this.enqueue(async () => { await this.take(e.key, e.newValue); this.changed(e.key); });
    });
  }

  // enqueue queues a step; one that fails (the key forgotten meanwhile)
  // doesn't stop the ones after it.
  enqueue(step) { this.queue = this.queue.then(step).catch(() => {}); }

  settled() { return this.queue; }

  // forget drops the key and every opened text.
  forget() {
    this.cryptoKey = null;
    this.opened.clear();
  }
}

// sealAll seals every record of a plain store with key, as a lock is set.
export async function sealAll(store, key) {
  for (const k of store.keys()) {
    const text = store.raw(k);
    if (text !== null && !isSealed(text)) store.storage.setItem(k, await seal(key, text));
  }
}
