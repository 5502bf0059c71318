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

// A list entry is a one-line <textarea> that grows with its text, so a long
// entry wraps at the width of the page and is read whole, on a phone too.
// Enter starts the next entry (worksheet.js), so an entry holds one line
// unless one is pasted in. CSS field-sizing grows it where it is supported;
// elsewhere fitEntry sets its height.
const SIZED = globalThis.CSS?.supports?.("field-sizing", "content");
// A theme's own worksheet.html from before may still give entries an <input>.
export const ENTRY_BOX = "textarea, input";

export function fitEntry(box) {
  if (SIZED || !box.matches(".list-entry textarea")) return;
  box.style.setProperty("height", "auto");
  box.style.setProperty("height", `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`);
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
  [...list.querySelectorAll(ENTRY_BOX)].forEach((box, i) => {
    const v = values[i] ?? "";
    if (box.value !== v) box.value = v;
    fitEntry(box);
  });
  numberEntries(el);
}

// addListEntry adds an empty entry (after a given one, or at the end) and
// optionally focuses it.
export function addListEntry(el, focus = true, after = null) {
  const list = el.querySelector("[data-list]");
  const entry = list.querySelector(".list-entry").cloneNode(true);
  entry.querySelector(ENTRY_BOX).value = "";
  fitEntry(entry.querySelector(ENTRY_BOX));
  if (after) after.after(entry);
  else list.append(entry);
  numberEntries(el);
  if (focus) entry.querySelector(ENTRY_BOX).focus();
  return entry;
}

// numberEntries keeps each entry's accessible name ("…, entry 2") in step
// with its place after entries were added or removed.
export function numberEntries(el) {
  const label = el.querySelector("legend").textContent.trim();
  el.querySelectorAll(".list-entry").forEach((entry, i) => {
    entry.querySelector(ENTRY_BOX).setAttribute("aria-label", t("list_entry_label", { label, n: i + 1 }));
    const hidden = entry.querySelector("[data-remove] .visually-hidden");
    if (hidden) hidden.textContent = " " + t("remove_entry", { n: i + 1 });
  });
}

// fieldLabel is the question as the reader sees it.
export function fieldLabel(el) {
  const l = el.querySelector(".field-label");
  return l ? l.textContent.trim() : el.dataset.field;
}
