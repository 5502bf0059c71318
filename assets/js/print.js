// Printing. What a worksheet prints comes from the answers store, not from
// its boxes: each field gets a plain-text copy of its saved answer (a long
// answer prints in full, never cut at a box's height) and its chosen
// options are marked. print.css reads a class on <html>: print-blank (space
// to write by hand) or print-answers; with neither, what is saved prints and
// empty fields print as lines.

import { answered } from "./store.js";
import { answerNodes } from "./summary.js";

const MARKED = ["choice", "checklist", "scale"];

// setupPrint wires the print buttons and the booklet's switch. flush is
// called before printing so answers typed a moment ago are in the store.
export function setupPrint(store, flush = () => {}) {
  const root = document.documentElement;
  const refresh = () => { flush(); fillAll(store); };
  refresh();
  window.addEventListener("beforeprint", refresh);
  document.addEventListener("workbook:stored", () => fillAll(store));
  document.addEventListener("workbook:saved", () => fillAll(store));
  const fill = document.getElementById("print-fill");
  if (fill) {
    setMode(root, fill.checked ? "answers" : "blank");
    fill.addEventListener("change", () => setMode(root, fill.checked ? "answers" : "blank"));
  }
  document.addEventListener("click", e => {
    const b = e.target.closest("[data-print]");
    if (!b) return;
    refresh();
    const mode = b.dataset.print;
    if (mode === "answers" || mode === "blank") printOne(root, b.closest(".worksheet"), mode, fill);
    window.print();
  });
}

// printOne prints a single worksheet of the page, then puts the page back.
function printOne(root, section, mode, fill) {
  setMode(root, mode);
  root.classList.add("print-one");
  section && section.classList.add("print-only-this");
  window.addEventListener("afterprint", () => {
    root.classList.remove("print-one");
    section && section.classList.remove("print-only-this");
    setMode(root, fill ? (fill.checked ? "answers" : "blank") : "");
  }, { once: true });
}

function setMode(root, mode) {
  root.classList.toggle("print-blank", mode === "blank");
  root.classList.toggle("print-answers", mode === "answers");
}

// fillAll brings every worksheet's printed copy in line with the store.
export function fillAll(store) {
  for (const section of document.querySelectorAll("section.worksheet[data-worksheet]")) {
    const { record } = store.read(section.dataset.worksheet);
    let draft = false;
    for (const el of section.querySelectorAll(".field[data-field]")) {
      const f = record.fields[el.dataset.field];
      fillField(el, f ? f.value : "");
      draft = draft || Boolean(f && answered(f.value));
    }
    // A journal printed with its answers: the entry being written (if any),
    // then its earlier entries, which the worksheet lists below the form.
    section.classList.toggle("print-draft-empty", !draft && Object.keys(record.entries).length > 0);
  }
}

function fillField(el, value) {
  const has = answered(value);
  el.classList.toggle("print-has-answer", has);
  if (MARKED.includes(el.dataset.type)) {
    const chosen = new Set((Array.isArray(value) ? value : [value]).map(String));
    for (const input of el.querySelectorAll("input[type=radio], input[type=checkbox]")) {
      input.closest("label").classList.toggle("print-chosen", has && chosen.has(input.value));
    }
    return;
  }
  const out = el.querySelector(".print-answer");
  if (out) out.replaceChildren(...(has ? answerNodes(el, value) : []));
}
