// What a backup file may hold before restoring it: a version this page
// knows, no more than a reader could write (LIMITS), and read marks only
// for this book's chapters. A file past a limit is refused whole, never
// cut short, with what is wrong in plain words.

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

const edited = "It was not made by this book's \"Download my answers\" button, or it was changed since, so none of it was used. Nothing was changed.";

// versionProblem says what is wrong with a backup's version, or "".
export function versionProblem(version, newest) {
  if (typeof version === "string") return `This backup's version is written as text (${JSON.stringify(version.slice(0, 20))}) where this book writes a number. ${edited}`;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) return `This backup has no version this book knows (${JSON.stringify(version === undefined ? null : version)}). ${edited}`;
  if (version > newest) return "This backup was made by a newer version of this book. Reload the page and try again. Nothing was changed.";
  return "";
}

const size = x => (x !== null && typeof x === "object" ? Object.keys(x).length : 0);
const many = (k, what, limit) => `This backup holds ${k.toLocaleString("en")} ${what}, more than this book keeps (at most ${limit.toLocaleString("en")}). ${edited}`;

// limitProblem says which limit a backup's data goes past, or "".
export function limitProblem(data) {
  const ws = data.worksheets || {};
  if (size(ws) > LIMITS.worksheets) return many(size(ws), "worksheets", LIMITS.worksheets);
  for (const [id, rec] of Object.entries(ws)) {
    if (rec === null || typeof rec !== "object") continue;
    if (size(rec.fields) > LIMITS.fields) return many(size(rec.fields), `answers to the worksheet "${id.slice(0, 40)}"`, LIMITS.fields);
    if (size(rec.entries) > LIMITS.entries) return many(size(rec.entries), `journal entries in "${id.slice(0, 40)}"`, LIMITS.entries);
    if (size(rec.deleted) > LIMITS.deleted) return many(size(rec.deleted), `deleted journal entries in "${id.slice(0, 40)}"`, LIMITS.deleted);
  }
  if (size(data.read) > LIMITS.read) return many(size(data.read), "chapters marked read", LIMITS.read);
  if (size(data.unreadable) > LIMITS.unreadable) return many(size(data.unreadable), "unreadable records", LIMITS.unreadable);
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
