// Shows every save where the reader is typing: a quiet "Saved" beside the
// field they last changed, and, when a save fails, a warning there that
// can't be missed (read out once), with the worksheet's "n of m answered"
// saying that they are not saved. It only listens: worksheet.js saves.

import { t } from "./strings.js";

const QUIET = () => t("saved_short");

export function showSaves() {
  const last = new Map(); // worksheet id -> the field changed last
  const edited = e => {
    const field = e.target.closest?.("section.worksheet.ws-live .field[data-field]");
    if (!field) return;
    const ws = field.closest("section.worksheet").dataset.worksheet;
    last.set(ws, field);
    // A failure stays put until a save succeeds: the page doesn't jump.
    if (field.querySelector(":scope > .field-save")?.dataset.state !== "failed") mark(field, "saving", t("saving"));
  };
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
  document.addEventListener("workbook:saved", e => {
    const { worksheet, problem } = e.detail;
    const section = document.querySelector(`section.worksheet[data-worksheet="${CSS.escape(worksheet)}"]`);
    if (!section) return;
    section.classList.toggle("ws-unsaved", Boolean(problem));
    if (problem) notSaved(section);
    const field = last.get(worksheet);
    if (!field) return;
    if (problem) mark(field, "failed", t("not_saved_field"));
    else mark(field, "saved", QUIET());
  });
}

// mark puts the save state under a field, replacing the one shown before.
function mark(field, state, text) {
  let el = field.querySelector(":scope > .field-save");
  if (!el) {
    el = document.createElement("p");
    el.className = "field-save no-print";
    field.append(el);
  }
  if (el.dataset.state === state && el.textContent === text) return;
  el.dataset.state = state;
  el.textContent = text;
  // A failure is read out at once; a save is not, as it happens at every pause.
  if (state === "failed") {
    el.setAttribute("role", "alert");
    el.scrollIntoView({ block: "nearest" });
  } else {
    el.removeAttribute("role");
  }
  // One quiet line on the page; a failure stays until a save succeeds.
  for (const other of document.querySelectorAll(".field-save")) {
    if (other !== el && (other.dataset.state !== "failed" || (state === "saved" && sameSheet(other, el)))) other.remove();
  }
}

const sameSheet = (a, b) => a.closest("section.worksheet") === b.closest("section.worksheet");

// notSaved makes the worksheet's count say that its answers are not kept.
function notSaved(section) {
  const p = section.querySelector("[data-ws-progress]");
  if (p && !p.dataset.notSaved) {
    p.dataset.notSaved = "";
    p.textContent += " · " + t("not_saved_progress");
  }
}
