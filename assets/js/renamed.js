// When the author renames or removes a worksheet's fields: answers saved
// under a field's earlier ids (was:) move to its current id, and answers
// to fields that are gone stay, listed read-only until the reader clears
// them. Nothing the reader wrote is ever dropped here.

import { answered, tick, when } from "./store.js";

// carryRenamed moves the answers of record saved under the earlier ids of
// the fields in fieldEls over to their current ids (the newer answer wins
// when both exist), in the form and in every journal entry. It reports
// whether anything moved.
export function carryRenamed(record, fieldEls) {
  let moved = false;
  for (const el of fieldEls) {
    const id = el.dataset.field;
    const earlier = (el.dataset.was || "").split(" ").filter(Boolean);
    for (const old of earlier) {
      const prev = record.fields[old];
      if (!prev) continue;
      if (!record.fields[id] || when(prev.updated) > when(record.fields[id].updated)) record.fields[id] = prev;
      delete record.fields[old];
      moved = true;
    }
    for (const e of Object.values(record.entries)) {
      for (const old of earlier) {
        if (e.fields[old] && !e.fields[id]) e.fields[id] = e.fields[old];
        if (e.fields[old]) { delete e.fields[old]; moved = true; }
      }
    }
  }
  return moved;
}

// orphans returns [id, field] for each answer of record to a field that is
// no longer in fieldEls.
export function orphans(record, fieldEls) {
  const current = new Set(fieldEls.map(el => el.dataset.field));
  return Object.entries(record.fields).filter(([id, f]) => !current.has(id) && answered(f.value));
}

// showOrphans lists the orphans of record in the worksheet's section,
// read-only, and hides the list when there are none.
export function showOrphans(section, record, fieldEls) {
  const box = section.querySelector("[data-ws-orphans]");
  if (!box) return;
  const list = box.querySelector("[data-orphan-list]");
  list.replaceChildren();
  const found = orphans(record, fieldEls);
  for (const [id, f] of found) {
    const dt = document.createElement("dt");
    dt.textContent = f.label || id.replace(/-/g, " ");
    const dd = document.createElement("dd");
    dd.textContent = Array.isArray(f.value) ? f.value.join("\n") : f.value;
    list.append(dt, dd);
  }
  box.hidden = found.length === 0;
}

// clearOrphans empties the orphans of record with a newer time, so another
// tab still holding them does not bring them back when it merges.
export function clearOrphans(record, fieldEls) {
  for (const [id, f] of orphans(record, fieldEls)) record.fields[id] = { value: "", updated: tick(f && f.updated), label: "" };
}
