// When the author renames or removes a worksheet's fields or options:
// answers saved under a field's earlier ids (was:) move to its current id,
// options chosen in their earlier words (an option's was:) are read in
// their current words, and answers to fields or options that are gone
// stay, listed read-only until the reader clears them. Nothing the reader
// wrote is ever dropped here.

import { answered, tick, when } from "./store.js";
import { fieldLabel } from "./fields.js";

// optionWas maps a choice's or checklist's earlier option words to the
// current ones, from the page's data-option-was (see book.OptionWas).
function optionWas(el) {
  const map = new Map();
  if (!el.dataset.optionWas) return map;
  try {
    for (const o of JSON.parse(el.dataset.optionWas)) for (const old of o.was || []) map.set(old, o.label);
  } catch { /* a damaged attribute maps nothing */ }
  return map;
}

// reword returns value with earlier option words replaced by the current
// ones, or undefined when nothing changed.
function reword(value, map) {
  if (typeof value === "string") return map.has(value) ? map.get(value) : undefined;
  if (!Array.isArray(value) || !value.some(v => map.has(v))) return undefined;
  const out = [];
  for (const v of value) {
    const now = map.has(v) ? map.get(v) : v;
    if (!out.includes(now)) out.push(now);
  }
  return out;
}

// carryOptions rewords the saved answers of a choice or checklist field el
// (in the form and in every journal entry), reporting whether any changed.
function carryOptions(record, el) {
  const map = optionWas(el);
  if (!map.size) return false;
  const id = el.dataset.field;
  let moved = false;
  const f = record.fields[id];
  const now = f && reword(f.value, map);
  if (now !== undefined) { f.value = now; moved = true; }
  for (const e of Object.values(record.entries)) {
    const v = e.fields[id] !== undefined ? reword(e.fields[id], map) : undefined;
    if (v !== undefined) { e.fields[id] = v; moved = true; }
  }
  return moved;
}

// offered is the set of option values a choice or checklist field el
// offers now, or null for other field types.
export function offered(el) {
  if (el.dataset.type !== "choice" && el.dataset.type !== "checklist") return null;
  return new Set([...el.querySelectorAll("input")].map(i => i.value));
}

// gone returns the part of a choice's or checklist's value whose options
// the field el no longer offers ("" or [] when none).
export function gone(el, value) {
  const now = offered(el);
  if (!now) return "";
  if (Array.isArray(value)) return value.filter(v => String(v).trim() !== "" && !now.has(v));
  return typeof value === "string" && value.trim() !== "" && !now.has(value) ? value : "";
}

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
    if (carryOptions(record, el)) moved = true;
  }
  return moved;
}

// orphans returns [id, field] for each answer of record to a field that is
// no longer in fieldEls, and, for a choice or checklist still there, an
// answer naming options it no longer offers: [id, {value, label}] with
// just those options and the question's words.
export function orphans(record, fieldEls) {
  const current = new Set(fieldEls.map(el => el.dataset.field));
  const found = Object.entries(record.fields).filter(([id, f]) => !current.has(id) && answered(f.value));
  for (const el of fieldEls) {
    const f = record.fields[el.dataset.field];
    const value = f ? gone(el, f.value) : "";
    if (answered(value)) found.push([el.dataset.field, { value, label: fieldLabel(el), field: el }]);
  }
  return found;
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
// tab still holding them does not bring them back when it merges; of a
// field still there, only the options it no longer offers go.
export function clearOrphans(record, fieldEls) {
  for (const [id, o] of orphans(record, fieldEls)) {
    const f = record.fields[id];
    if (o.field) {
      const keep = Array.isArray(f.value) ? f.value.filter(v => !o.value.includes(v)) : "";
      record.fields[id] = { ...f, value: keep, updated: tick(f.updated) };
    } else {
      record.fields[id] = { value: "", updated: tick(f && f.updated), label: "" };
    }
  }
}
