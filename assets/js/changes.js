// What restoring a backup would change, counted answer by answer and said
// in plain words before anything changes. Merge's counts come from merge()
// itself, so the dialog says what merging then does.

import { answered, emptyRecord, merge } from "./store.js";

// changes counts, answer by answer, what restoring would do. For Replace:
// answers only in the file, answers that differ, answers only on this
// device. For Merge, what merge() itself makes of each answer (the later
// write wins, an emptied answer being a write like any other):
//   added      the file has an answer this device never had
//   back       the file's answer is later than the reader's clearing it
//   taken      both answered, the file's later
//   emptied    the file's clearing is later than the answer here
//   keptEmpty  the reader cleared it here after the file's answer
//   keptNewer  both differ, this device's answer is the later
// Journal entries merge by id; an entry deleted here stays deleted.
export function changes(store, backup) {
  const ids = new Set([...store.worksheetIds(), ...Object.keys(backup.worksheets)]);
  const c = { inFile: 0, added: 0, differ: 0, onlyHere: 0,
    merge: { added: 0, back: 0, taken: 0, emptied: 0, keptEmpty: 0, keptNewer: 0 },
    entries: { inFile: 0, merged: 0, added: 0, onlyHere: 0, stayDeleted: 0 } };
  for (const id of ids) {
    const mine = store.read(id).record;
    const theirs = backup.worksheets[id] || emptyRecord();
    countAnswers(c, mine.fields, theirs.fields);
    countMerge(c.merge, mine.fields, theirs.fields, merge(mine, theirs).fields);
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

// shown is a field's answer as the reader sees it: "" when unanswered.
const shown = f => (f && answered(f.value) ? JSON.stringify(f.value) : "");

// rowOf names what merging one answer does (see changes), or "" for nothing.
export function rowOf(mine, theirs, merged) {
  const [a, b, m] = [shown(mine), shown(theirs), shown(merged)];
  if (a === m) {
    if (!theirs || a === b || (b === "" && !a)) return "";
    return a === "" ? "keptEmpty" : "keptNewer";
  }
  if (m === "") return "emptied";
  if (a !== "") return "taken";
  return mine ? "back" : "added";
}

function countMerge(m, mine, theirs, merged) {
  for (const fid of Object.keys(theirs)) {
    const row = rowOf(mine[fid], theirs[fid], merged[fid]);
    if (row) m[row]++;
  }
}

function countEntries(e, mine, theirs) {
  for (const id of Object.keys(theirs.entries)) {
    e.inFile++;
    if (!mine.entries[id]) e.added++;
    if (!mine.entries[id] && !mine.deleted[id]) e.merged++;
    if (!mine.entries[id] && mine.deleted[id]) e.stayDeleted++;
  }
  for (const id of Object.keys(mine.entries)) if (!theirs.entries[id]) e.onlyHere++;
}

const n = (k, word) => `${k} ${word}${k === 1 ? "" : "s"}`;
const entries = k => `${k} journal ${k === 1 ? "entry" : "entries"}`;
const list = parts => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`);

// mergeLine says what Merge does, one clause per kind of change.
function mergeLine(c, journal) {
  const m = c.merge;
  const e = c.entries;
  const parts = [];
  if (m.added || (journal && e.merged)) parts.push(`adds ${n(m.added, "answer")}${journal ? ` and ${entries(e.merged)}` : ""} you don't have here`);
  if (m.back) parts.push(`brings back ${n(m.back, "answer")} you had cleared, as the file's ${m.back === 1 ? "is" : "are"} later`);
  if (m.taken) parts.push(`takes ${n(m.taken, "answer")} from the file, written there later`);
  if (m.emptied) parts.push(`empties ${n(m.emptied, "answer")}, cleared in the file later than written here`);
  const kept = [];
  if (m.keptNewer) kept.push(`${n(m.keptNewer, "answer")} written here later than the file's`);
  if (m.keptEmpty) kept.push(`${n(m.keptEmpty, "answer")} you cleared here later than the file's (${m.keptEmpty === 1 ? "it stays" : "they stay"} empty)`);
  if (kept.length) parts.push(`keeps ${list(kept)}`);
  if (e.stayDeleted) parts.push(`leaves ${entries(e.stayDeleted)} you deleted here deleted`);
  if (!parts.length) return "Merge changes nothing: this device already has everything in the file.";
  return `Merge ${list(parts)}. Nothing else changes.`;
}

// describe says in plain words what restoring would change.
export function describe(store, backup) {
  const c = changes(store, backup);
  const e = c.entries;
  const journal = e.inFile + e.onlyHere > 0;
  const when = backup.exported.slice(0, 10);
  const ahead = backup.ahead ? [`${n(backup.ahead, "time")} in the file ${backup.ahead === 1 ? "is" : "are"} later than now (the clock of the device that saved it ran ahead); ${backup.ahead === 1 ? "it counts" : "they count"} as now.`] : [];
  return [
    `The file${when ? ` saved on ${when}` : ""} holds ${n(c.inFile, "answer")}${journal ? ` and ${entries(e.inFile)}` : ""}.`,
    mergeLine(c, journal),
    `Replace makes this device match the file: ${n(c.added, "answer")} added, ${n(c.differ, "answer")} changed, ${n(c.onlyHere, "answer")} not in the file removed` +
      (journal ? `; ${entries(e.added)} added, ${entries(e.onlyHere)} not in the file removed.` : "."),
    ...ahead,
    ...(backup.left ? [`${n(backup.left, "page")} marked read in the file ${backup.left === 1 ? "is" : "are"} not a chapter of this book now, and ${backup.left === 1 ? "is" : "are"} left out.`] : []),
  ];
}
