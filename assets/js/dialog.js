// A small modal question built on the native <dialog> element: keyboard and
// screen-reader friendly, no inline script or style. A choice with focus:
// true takes the focus first (the safe one, where a choice destroys).

import { inDialog } from "./leave.js";

export function ask(title, message, choices) {
  return new Promise(resolve => {
    const d = document.createElement("dialog");
    d.className = "wb-dialog";
    const id = `wb-dialog-${Date.now()}`;
    d.setAttribute("aria-labelledby", `${id}-title`);
    d.setAttribute("aria-describedby", `${id}-text`);
    const h = document.createElement("h2");
    h.id = `${id}-title`;
    h.textContent = title;
    const text = document.createElement("div");
    text.id = `${id}-text`;
    for (const line of [].concat(message)) {
      const p = document.createElement("p");
      p.textContent = line;
      text.append(p);
    }
    d.append(h, text);
    const row = document.createElement("div");
    row.className = "wb-dialog-buttons";
    for (const c of choices) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = c.danger ? "button danger" : (c.primary ? "button" : "button-quiet");
      b.textContent = c.label;
      b.dataset.choice = c.value;
      b.autofocus = Boolean(c.focus);
      b.addEventListener("click", () => { d.close(c.value); });
      row.append(b);
    }
    d.append(row);
    inDialog(d);
    d.addEventListener("close", () => { d.remove(); resolve(d.returnValue || "cancel"); });
    document.body.append(d);
    d.showModal();
  });
}

// askForm is ask with text boxes. inputs are {name, label, type, value,
// autocomplete, help}; choices as for ask, the one with primary: true also
// taken by Enter. Before the dialog closes on a choice with check: true,
// check(values) runs (it may take a while: the buttons wait) and may return
// a message to show instead of closing, e.g. a passphrase that doesn't
// match. It resolves {choice, values}.
export function askForm(title, message, inputs, choices, check = async () => "") {
  return new Promise(resolve => {
    const d = document.createElement("dialog");
    d.className = "wb-dialog";
    const id = `wb-dialog-${Date.now()}`;
    d.setAttribute("aria-labelledby", `${id}-title`);
    const form = document.createElement("form");
    form.noValidate = true;
    const h = document.createElement("h2");
    h.id = `${id}-title`;
    h.textContent = title;
    form.append(h);
    for (const line of [].concat(message)) {
      const p = document.createElement("p");
      p.textContent = line;
      form.append(p);
    }
    const boxes = inputs.map((input, i) => formField(form, `${id}-${i}`, input));
    const error = document.createElement("p");
    error.className = "wb-dialog-error";
    error.setAttribute("role", "alert");
    form.append(error);
    const row = document.createElement("div");
    row.className = "wb-dialog-buttons";
    const values = () => Object.fromEntries(boxes.map(b => [b.name, b.value]));
    let result = "cancel";
    const choose = async c => {
      if (c.check) {
        for (const b of row.querySelectorAll("button")) b.disabled = true;
        error.textContent = c.working || "";
        const problem = await check(values(), c.value);
        for (const b of row.querySelectorAll("button")) b.disabled = false;
        error.textContent = problem || "";
        if (problem) {
          const box = boxes.find(b => b.type === "password") || boxes[0];
          if (box) { box.select(); box.focus(); }
          return;
        }
      }
      result = c.value;
      d.close(c.value);
    };
    for (const c of choices) {
      const b = document.createElement("button");
      b.type = c.primary ? "submit" : "button";
      b.className = c.danger ? "button danger" : (c.primary ? "button" : "button-quiet");
      b.textContent = c.label;
      b.dataset.choice = c.value;
      if (!c.primary) b.addEventListener("click", () => choose(c));
      row.append(b);
    }
    form.addEventListener("submit", e => {
      e.preventDefault();
      const c = choices.find(x => x.primary);
      if (c) choose(c);
    });
    form.append(row);
    d.append(form);
    inDialog(d);
    d.addEventListener("close", () => {
      const v = values();
      for (const b of boxes) b.value = ""; // a passphrase stays in no box
      d.remove();
      resolve({ choice: result, values: v });
    });
    document.body.append(d);
    d.showModal();
    if (boxes[0]) boxes[0].focus();
  });
}

function formField(form, id, input) {
  const label = document.createElement("label");
  label.className = "wb-dialog-label";
  label.htmlFor = id;
  label.textContent = input.label;
  const box = document.createElement("input");
  box.id = id;
  box.name = input.name;
  box.type = input.type || "text";
  box.value = input.value || "";
  box.autocomplete = input.autocomplete || "off";
  box.className = "wb-dialog-input";
  box.spellcheck = false;
  form.append(label);
  if (input.help) {
    const help = document.createElement("p");
    help.className = "field-help";
    help.id = `${id}-help`;
    help.textContent = input.help;
    box.setAttribute("aria-describedby", help.id);
    form.append(help);
  }
  form.append(box);
  return box;
}
