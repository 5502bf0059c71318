// Status lines and banners: calm, short messages read out by screen readers.

export function say(el, text, tone = "ok") {
  if (!el) return;
  el.textContent = text;
  el.dataset.tone = tone;
}

// banner shows a message at the foot of the screen; an action button is
// optional. Calling it again with the same id replaces the message.
export function banner(id, text, action) {
  const area = document.getElementById("banners");
  if (!area) return null;
  makeRoom(area);
  let b = document.getElementById(`banner-${id}`);
  if (!b) {
    b = document.createElement("div");
    b.className = "banner";
    b.id = `banner-${id}`;
    area.append(b);
  }
  b.replaceChildren();
  const p = document.createElement("p");
  p.textContent = text;
  b.append(p);
  if (action) {
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "button";
    btn.textContent = action.label;
    btn.addEventListener("click", action.run);
    b.append(btn);
  }
  return b;
}

// makeRoom keeps as much room at the page's end as the floating banners
// take, so the last lines of the page can still be scrolled into view,
// and a field that takes the focus scrolls clear of them (app.css).
let roomKept = false;
function makeRoom(area) {
  if (roomKept || !window.ResizeObserver) return;
  roomKept = true;
  const root = document.documentElement.style;
  new ResizeObserver(() => root.setProperty("--banners", `${area.offsetHeight}px`)).observe(area);
}

// button is a quiet button marked data-<data>, which runs run when clicked.
export function button(label, data, run) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button-quiet";
  b.dataset[data] = "";
  b.textContent = label;
  b.addEventListener("click", run);
  return b;
}
