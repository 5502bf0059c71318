// A journal's entries: a worksheet with repeat: true files the answers
// being written as a dated entry, and lists its earlier entries below the
// form, newest first, read-only, each with its own delete button.

import { t } from "./strings.js";
import { answered } from "./store.js";
import { answerNodes, whenSaved } from "./summary.js";
import { fieldLabel } from "./fields.js";

// newEntryId is unique enough across tabs and devices, and safe in an
// element id: the time in base 36 and a random tail.
function newEntryId() {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `e${Date.now().toString(36)}-${[...bytes].map(b => b.toString(16).padStart(2, "0")).join("")}`;
}

// makeEntry files the answered fields of record as an entry saved now; it
// returns {id, entry}, or null when nothing is answered.
export function makeEntry(record, fieldEls, now) {
  const fields = {};
  for (const el of fieldEls) {
    const f = record.fields[el.dataset.field];
    if (f && answered(f.value)) fields[el.dataset.field] = { value: f.value, label: fieldLabel(el) };
  }
  if (Object.keys(fields).length === 0) return null;
  return { id: newEntryId(), entry: { saved: now, fields } };
}

// emptyValue is an unanswered field's value.
export function emptyValue(el) {
  return el.dataset.type === "list" || el.dataset.type === "checklist" ? [] : "";
}

// newestFirst lists a record's entry ids, the latest saved first.
export function newestFirst(record) {
  const key = id => record.entries[id].saved + id;
  return Object.keys(record.entries).sort((a, b) => (key(a) < key(b) ? 1 : -1));
}

export function entryHeadingId(wsId, entryId) { return `ws-${wsId}-${entryId}`; }

// showEntries lists the entries of record in the worksheet's box; the box
// hides when there are none.
export function showEntries(section, wsId, record, fieldEls) {
  const box = section.querySelector("[data-ws-entries]");
  if (!box) return;
  const ids = newestFirst(record);
  box.querySelector("[data-entry-list]").replaceChildren(...ids.map(id => entryItem(wsId, id, record.entries[id], fieldEls)));
  box.hidden = ids.length === 0;
}

function entryItem(wsId, id, entry, fieldEls) {
  const li = document.createElement("li");
  li.className = "ws-entry";
  li.dataset.entry = id;
  const h = document.createElement("h4");
  h.className = "ws-entry-title";
  h.id = entryHeadingId(wsId, id);
  h.tabIndex = -1;
  h.textContent = whenSaved(entry.saved);
  const dl = document.createElement("dl");
  dl.className = "ws-entry-answers";
  const byId = new Map(fieldEls.map(el => [el.dataset.field, el]));
  // Questions in the worksheet's order, then any the author has removed.
  const order = [...fieldEls.map(el => el.dataset.field).filter(f => entry.fields[f]),
    ...Object.keys(entry.fields).filter(f => !byId.has(f))];
  for (const fid of order) {
    const f = entry.fields[fid];
    const dt = document.createElement("dt");
    dt.textContent = f.label || fid.replace(/-/g, " ");
    const dd = document.createElement("dd");
    dd.append(...answerNodes(byId.get(fid) || null, f.value));
    dl.append(dt, dd);
  }
  const del = document.createElement("button");
  del.type = "button";
  del.className = "button-quiet danger";
  del.dataset.deleteEntry = id;
  del.textContent = t("delete_entry");
  const which = document.createElement("span");
  which.className = "visually-hidden";
  which.textContent = t("delete_entry_from", { when: h.textContent });
  del.append(which);
  li.append(h, dl, del);
  return li;
}

// entriesLine is what the worksheet's progress line adds for a journal.
export function entriesLine(record) {
  const n = Object.keys(record.entries).length;
  return n === 0 ? t("no_entries") : t("earlier_entry_count", { n });
}
