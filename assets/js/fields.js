// Reading and writing the value of one worksheet field in the page, for
// every field type.

import { t } from "./strings.js";

export function fieldValue(el) {
  const type = el.dataset.type;
  const inputs = [...el.querySelectorAll("input, textarea")].filter(i => i.type !== "file");
  switch (type) {
    case "choice":
    case "scale": {
      const on = inputs.find(i => i.checked);
      return on ? on.value : "";
    }
    case "checklist":
      return inputs.filter(i => i.checked).map(i => i.value);
    case "list":
      return inputs.map(i => i.value).filter(v => v.trim() !== "");
    default:
      return inputs.length ? inputs[0].value : "";
  }
}

export function setFieldValue(el, value) {
  const type = el.dataset.type;
  switch (type) {
    case "choice":
    case "scale":
      for (const i of el.querySelectorAll("input")) i.checked = i.value === String(value ?? "");
      break;
    case "checklist": {
      const on = new Set(Array.isArray(value) ? value.map(String) : []);
      for (const i of el.querySelectorAll("input")) i.checked = on.has(i.value);
      break;
    }
    case "list":
      setListEntries(el, Array.isArray(value) ? value : []);
      break;
    default: {
      const input = el.querySelector("input, textarea");
      if (input && input.value !== String(value ?? "")) input.value = String(value ?? "");
    }
  }
}

// setListEntries shows one text box per entry, keeping at least as many
// boxes as the page started with.
function setListEntries(el, values) {
  const list = el.querySelector("[data-list]");
  const minimum = Number(list.dataset.min || list.children.length || 1);
  list.dataset.min = String(minimum);
  const want = Math.max(values.length, minimum);
  while (list.children.length < want) addListEntry(el, false);
  while (list.children.length > want) list.lastElementChild.remove();
  [...list.querySelectorAll("input")].forEach((input, i) => {
    const v = values[i] ?? "";
    if (input.value !== v) input.value = v;
  });
  numberEntries(el);
}

// addListEntry adds an empty entry (after a given one, or at the end) and
// optionally focuses it.
export function addListEntry(el, focus = true, after = null) {
  const list = el.querySelector("[data-list]");
  const entry = list.querySelector(".list-entry").cloneNode(true);
  entry.querySelector("input").value = "";
  if (after) after.after(entry);
  else list.append(entry);
  numberEntries(el);
  if (focus) entry.querySelector("input").focus();
  return entry;
}

// numberEntries keeps each entry's accessible name ("…, entry 2") in step
// with its place after entries were added or removed.
export function numberEntries(el) {
  const label = el.querySelector("legend").textContent.trim();
  el.querySelectorAll(".list-entry").forEach((entry, i) => {
    entry.querySelector("input").setAttribute("aria-label", t("list_entry_label", { label, n: i + 1 }));
    const hidden = entry.querySelector("[data-remove] .visually-hidden");
    if (hidden) hidden.textContent = " " + t("remove_entry", { n: i + 1 });
  });
}

// fieldLabel is the question as the reader sees it.
export function fieldLabel(el) {
  const l = el.querySelector(".field-label");
  return l ? l.textContent.trim() : el.dataset.field;
}
