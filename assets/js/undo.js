// "Remove" on a list entry can be undone for a few seconds: the entry comes
// back where it was, with its text, and is saved again like any edit. It
// listens before worksheet.js removes the entry, and changes nothing else.

import { t } from "./strings.js";
import { ENTRY_BOX, addListEntry, numberEntries } from "./fields.js";

const SECONDS = 8;

export function undoableRemove() {
  document.addEventListener("click", e => {
    const button = e.target.closest?.("section.worksheet.ws-live .list-entry [data-remove]");
    if (!button) return;
    const entry = button.closest(".list-entry");
    const text = entry.querySelector(ENTRY_BOX).value;
    if (!text.trim()) return; // nothing to lose
    const field = entry.closest(".field[data-field]");
    const index = [...entry.parentElement.children].indexOf(entry);
    // After worksheet.js has removed it (its listener is on the section).
    setTimeout(() => offer(field, index, text), 0);
  }, true);
}

function offer(field, index, text) {
  let note = field.querySelector(":scope .list-undo");
  if (!note) {
    note = document.createElement("p");
    note.className = "list-undo no-print";
    field.querySelector("[data-list]").after(note);
  }
  clearTimeout(Number(note.dataset.timer));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button-quiet";
  button.textContent = t("undo");
  note.replaceChildren(t("entry_removed", { n: index + 1 }) + " ", button);
  note.setAttribute("role", "status");
  button.addEventListener("click", () => {
    restore(field, index, text);
    note.remove();
  });
  note.dataset.timer = String(setTimeout(() => note.remove(), SECONDS * 1000));
}

function restore(field, index, text) {
  const list = field.querySelector("[data-list]");
  const only = list.children.length === 1 && !list.querySelector(ENTRY_BOX).value;
  const after = index > 0 ? list.children[Math.min(index, list.children.length) - 1] : null;
  const entry = only ? list.firstElementChild : addListEntry(field, false, after);
  if (!only && index === 0) {
    list.prepend(entry);
    numberEntries(field);
  }
  const box = entry.querySelector(ENTRY_BOX);
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.focus();
}
