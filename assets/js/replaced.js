// Two tabs writing in one answer: the later edit wins in both, and the tab
// whose text it replaced says so under the answer, with "Put back what I
// wrote". The replaced text is kept in this page's memory only (never
// saved), until the page closes.

import { t } from "./strings.js";
import { answered } from "./store.js";
import { fieldLabel } from "./fields.js";

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// noticeReplaced compares a worksheet's answers before another tab's save
// was merged in (before) with those after (ws.record). An answer whose text
// this tab wrote last and which now reads otherwise is kept in
// ws.replaced and noted under the field. It returns the noted fields' labels.
export function noticeReplaced(ws, before) {
  const labels = [];
  for (const el of ws.fields) {
    const id = el.dataset.field;
    const was = before.fields[id];
    const now = ws.record.fields[id];
    if (!was || !now || !answered(was.value) || ws.typed.get(id) !== JSON.stringify(was.value) || same(now.value, was.value)) continue;
    ws.typed.delete(id);
    ws.replaced.set(id, was.value);
    showNote(el, was.value);
    labels.push(fieldLabel(el));
  }
  return labels;
}

// takeBack returns the replaced text of a field and forgets it and its note.
export function takeBack(ws, el) {
  const value = ws.replaced.get(el.dataset.field);
  ws.replaced.delete(el.dataset.field);
  const note = el.querySelector("[data-replaced]");
  if (note) note.hidden = true;
  return value;
}

function showNote(el, value) {
  let note = el.querySelector("[data-replaced]");
  if (!note) {
    note = document.createElement("div");
    note.className = "ws-replaced no-print";
    note.dataset.replaced = "";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.dataset.putBack = "";
    b.textContent = t("put_back");
    note.append(document.createElement("p"), b);
    el.append(note);
  }
  const text = Array.isArray(value) ? value.filter(Boolean).join(", ") : value;
  note.querySelector("p").textContent = t("replaced_note", { text });
  note.hidden = false;
}
