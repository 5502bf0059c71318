// What a backup file may hold before restoring it: a version this page
// knows, no more than a reader could write (LIMITS), and read marks only
// for this book's chapters. A file past a limit is refused whole, never
// cut short, with what is wrong in plain words.
import { t } from "./strings.js";


// LIMITS are far above what a reader writes (a journal entry a day for
// thirteen years is 5,000 entries), and low enough that restoring the
// largest file takes a second or two, not a minute.
export const LIMITS = {
  worksheets: 1000, // worksheets in one file
  fields: 500, // answers in one worksheet
  entries: 5000, // journal entries in one worksheet
  deleted: 20000, // deleted journal entries remembered in one worksheet
  read: 10000, // chapters marked read
  unreadable: 100, // records set aside as unreadable
};

const edited = () => t("backup_edited");

// versionProblem says what is wrong with a backup's version, or "".
export function versionProblem(version, newest) {
  if (typeof version === "string") return `${t("version_text", { version: JSON.stringify(version.slice(0, 20)) })} ${edited()}`;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) return `${t("version_unknown", { version: JSON.stringify(version === undefined ? null : version) })} ${edited()}`;
  if (version > newest) return t("restore_newer");
  return "";
}

const size = x => (x !== null && typeof x === "object" ? Object.keys(x).length : 0);
const many = (k, what, limit, id = "") => `${t(what, { n: k, limit, id: id.slice(0, 40) })} ${edited()}`;

// limitProblem says which limit a backup's data goes past, or "".
export function limitProblem(data) {
  const ws = data.worksheets || {};
  if (size(ws) > LIMITS.worksheets) return many(size(ws), "limit_worksheets", LIMITS.worksheets);
  for (const [id, rec] of Object.entries(ws)) {
    if (rec === null || typeof rec !== "object") continue;
    if (size(rec.fields) > LIMITS.fields) return many(size(rec.fields), "limit_fields", LIMITS.fields, id);
    if (size(rec.entries) > LIMITS.entries) return many(size(rec.entries), "limit_entries", LIMITS.entries, id);
    if (size(rec.deleted) > LIMITS.deleted) return many(size(rec.deleted), "limit_deleted", LIMITS.deleted, id);
  }
  if (size(data.read) > LIMITS.read) return many(size(data.read), "limit_read", LIMITS.read);
  if (size(data.unreadable) > LIMITS.unreadable) return many(size(data.unreadable), "limit_unreadable", LIMITS.unreadable);
  return "";
}

// A chapter's address: one or more plain path segments, "/" at both ends.
const chapterPath = /^(\/[a-z0-9][a-z0-9._-]*)+\/$/;

// readMarks keeps the read marks of the file for chapters of this book
// (chapters: their addresses, or null when the list could not be had); it
// returns {read, left}, left counting the marks of pages that are not
// chapters of this book now (a chapter renamed since, or junk).
export function readMarks(read, chapters) {
  const out = {};
  let left = 0;
  for (const [url, time] of Object.entries(read)) {
    if (url.length <= 200 && chapterPath.test(url) && (!chapters || chapters.has(url))) out[url] = time;
    else left++;
  }
  return { read: out, left };
}

// chapters finds the addresses of the book's chapters, on the contents of
// the home page (this page, or the copy the browser keeps for offline
// reading); null when it can't be had.
export async function chapters() {
  const list = doc => new Set([...doc.querySelectorAll("[data-chapter][data-sheets]")].map(li => li.dataset.chapter));
  if (document.querySelector("[data-chapter][data-sheets]")) return list(document);
  try {
    const home = document.querySelector("a.site-title");
    const res = await fetch(home ? home.href : "/", { credentials: "same-origin" });
    if (!res.ok) return null;
    const found = list(new DOMParser().parseFromString(await res.text(), "text/html"));
    return found.size ? found : null;
  } catch { return null; }
}
