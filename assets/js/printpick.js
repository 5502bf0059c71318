// On the page of all worksheets, the reader ticks which to print (all at
// first) and how many blank copies of each, as a counsellor printing for
// two does. Copies are added just before printing and taken away after;
// printed with answers, each worksheet prints once.

const MAX = 9;

export function setupPrintPick() {
  const box = document.querySelector("[data-print-pick]");
  if (!box) return;
  box.hidden = false;
  const apply = () => {
    for (const cb of box.querySelectorAll("[data-pick]")) {
      document.getElementById(`ws-${cb.dataset.pick}`)?.classList.toggle("print-skip", !cb.checked);
    }
  };
  box.addEventListener("change", apply);
  apply();
  window.addEventListener("beforeprint", () => addCopies(box));
  window.addEventListener("afterprint", removeCopies);
}

export function addCopies(box) {
  removeCopies();
  if (document.documentElement.classList.contains("print-answers")) return;
  for (const input of box.querySelectorAll("[data-copies]")) {
    const n = Math.min(MAX, Math.max(1, parseInt(input.value, 10) || 1));
    const section = document.getElementById(`ws-${input.dataset.copies}`);
    if (!section || section.classList.contains("print-skip")) continue;
    let at = section;
    for (let i = 1; i < n; i++) {
      const copy = section.cloneNode(true);
      // The copy keeps the section's id, which names its printed running
      // head; ids and names inside it are taken out.
      copy.querySelectorAll("[id]").forEach(el => el.removeAttribute("id"));
      copy.querySelectorAll("[name]").forEach(el => el.setAttribute("name", `${el.getAttribute("name")}-copy${i}`));
      copy.classList.add("print-copy");
      copy.inert = true;
      copy.setAttribute("aria-hidden", "true");
      at.after(copy);
      at = copy;
    }
  }
}

function removeCopies() {
  for (const c of document.querySelectorAll(".print-copy")) c.remove();
}
