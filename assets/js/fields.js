// Reading and writing the value of one worksheet field in the page, for
// every field type.

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
  [...list.querySelectorAll("input")].forEach((input, i) => { input.value = values[i] ?? ""; });
}

// addListEntry appends an empty entry and optionally focuses it.
export function addListEntry(el, focus = true) {
  const list = el.querySelector("[data-list]");
  const first = list.querySelector(".list-entry");
  const entry = first.cloneNode(true);
  const n = list.children.length + 1;
  const input = entry.querySelector("input");
  input.value = "";
  const label = el.querySelector("legend").textContent.trim();
  input.setAttribute("aria-label", `${label}, entry ${n}`);
  const hidden = entry.querySelector("[data-remove] .visually-hidden");
  if (hidden) hidden.textContent = ` entry ${n}`;
  list.append(entry);
  if (focus) input.focus();
  return entry;
}
