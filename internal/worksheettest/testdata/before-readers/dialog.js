// A small modal question built on the native <dialog> element: keyboard and
// screen-reader friendly, no inline script or style. A choice with focus:
// true takes the focus first (the safe one, where a choice destroys).

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
    d.addEventListener("close", () => { d.remove(); resolve(d.returnValue || "cancel"); });
    document.body.append(d);
    d.showModal();
  });
}
