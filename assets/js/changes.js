// What restoring a backup would change, counted answer by answer and said
// in plain words before anything changes. Merge's counts come from merge()
// itself, so the dialog says what merging then does.

import { t } from "./strings.js";
import { answered, emptyRecord, merge } from "./store.js";
import { longDate } from "./summary.js";

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

const n = k => t("answer_count", { n: k });
const entries = k => t("journal_entries", { n: k });
const list = parts => (parts.length < 2 ? parts.join("") : t("list", { items: parts.slice(0, -1).join(t("list_comma")), last: parts[parts.length - 1] }));

// mergeLine says what Merge does, one clause per kind of change.
function mergeLine(c, journal) {
  const m = c.merge;
  const e = c.entries;
  const parts = [];
  if (m.added || (journal && e.merged)) parts.push(t("merge_adds", { answers: n(m.added), entries: journal ? t("restore_and", { entries: entries(e.merged) }) : "" }));
  if (m.back) parts.push(t("merge_back", { n: m.back }));
  if (m.taken) parts.push(t("merge_taken", { n: m.taken }));
  if (m.emptied) parts.push(t("merge_emptied", { n: m.emptied }));
  const kept = [];
  if (m.keptNewer) kept.push(t("merge_kept_newer", { n: m.keptNewer }));
  if (m.keptEmpty) kept.push(t("merge_kept_empty", { n: m.keptEmpty }));
  if (kept.length) parts.push(t("merge_keeps", { list: list(kept) }));
  if (e.stayDeleted) parts.push(t("merge_stay_deleted", { n: e.stayDeleted }));
  if (!parts.length) return t("merge_nothing");
  return t("merge_line", { list: list(parts) });
}

// describe says in plain words what restoring would change.
export function describe(store, backup) {
  const c = changes(store, backup);
  const e = c.entries;
  const journal = e.inFile + e.onlyHere > 0;
  const when = longDate(backup.exported.slice(0, 10));
  const ahead = backup.ahead ? [t("restore_ahead", { n: backup.ahead })] : [];
  return [
    t(when ? "restore_file_dated" : "restore_file", { when, answers: n(c.inFile) }) + (journal ? t("restore_and", { entries: entries(e.inFile) }) : "") + t("restore_end"),
    mergeLine(c, journal),
    t("restore_replace", { added: n(c.added), changed: n(c.differ), removed: n(c.onlyHere) }) +
      (journal ? t("restore_replace_entries", { added: entries(e.added), removed: entries(e.onlyHere) }) : t("restore_end")),
    ...ahead,
    ...(backup.left ? [t("restore_left", { n: backup.left })] : []),
  ];
}
