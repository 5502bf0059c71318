// Live reload and the build-error overlay of `workbook serve`. Served as a
// file (never inline) so the book's Content-Security-Policy holds in preview.
//
// Events from /_workbook/events:
//   hello   {build}      on connect: reload if the book changed meanwhile
//   reload  {build}      a new build: reload the page
//   css     {build, css} only stylesheets changed: swap them, keep the page
//   broken  {problems}   the build failed: show the overlay
//   unchanged {build}    a rebuild gave the same bytes: nothing to do

const OVERLAY = "workbook-overlay";
// The build this page comes from; the server writes it into the page.
let build = document.querySelector('meta[name="workbook-build"]')?.content ?? null;

function stylesheet() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/_workbook/live.css";
  document.head.append(link);
}

// A service worker installed by a published copy of the book on this
// origin would keep serving its saved pages: remove it, and the caches it
// filled ("workbook:<book id>:<build>"; answers are in localStorage, which
// this does not touch). While the old worker still controls this page it
// would fill its cache again, so the page reloads once, uncontrolled.
async function dropServiceWorkers() {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  try {
    const regs = await sw.getRegistrations();
    await Promise.all(regs.map(reg => reg.unregister()));
    const names = window.caches ? await caches.keys() : [];
    await Promise.all(names.filter(n => n.startsWith("workbook:")).map(n => caches.delete(n)));
  } catch {
    return;
  }
  const once = "workbook-preview:reloaded";
  if (sw.controller && !sessionStorage.getItem(once)) {
    sessionStorage.setItem(once, "1");
    location.reload();
  }
}

function swapStyles(css) {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const path = new URL(link.href).pathname;
    const name = path.replace(/\.[0-9a-f]{10}\.css$/, ".css");
    const next = css[name];
    if (!next || next === path) continue;
    const fresh = link.cloneNode();
    fresh.href = next;
    fresh.addEventListener("load", () => link.remove(), { once: true });
    link.after(fresh);
  }
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function where(p) {
  let s = p.path || "";
  if (p.line) s += ":" + p.line + (p.col ? ":" + p.col : "");
  return s;
}

function problemView(p) {
  const section = el("section", "wb-problem");
  if (p.path) section.append(el("p", "wb-where", where(p)));
  section.append(el("p", "wb-msg", p.msg));
  if (p.hint) section.append(el("p", "wb-hint", p.hint));
  if (p.source && p.source.length) {
    const pre = el("pre", "wb-source");
    for (const line of p.source) {
      const row = el(line.here ? "mark" : "span", "wb-line");
      row.append(el("span", "wb-n", String(line.n)), document.createTextNode(line.text + "\n"));
      pre.append(row);
    }
    section.append(pre);
  }
  return section;
}

function showOverlay(problems) {
  clearOverlay();
  const box = el("div", "wb-box");
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-labelledby", "wb-title");
  const title = el("h2", "wb-title", "The book did not build");
  title.id = "wb-title";
  const shown = build === "none" ? "There is no good build to show yet." : "This page shows the last good build.";
  box.append(title, el("p", "wb-note", shown + " Fix the file and save: this message goes away by itself."));
  for (const p of problems) box.append(problemView(p));
  const hide = el("button", "wb-hide", "Hide");
  hide.type = "button";
  hide.addEventListener("click", clearOverlay);
  box.append(hide);
  const overlay = el("div");
  overlay.id = OVERLAY;
  overlay.append(box);
  document.body.append(overlay);
  hide.focus();
}

function clearOverlay() {
  document.getElementById(OVERLAY)?.remove();
}

let events = null;

function connect() {
  events = new EventSource("/_workbook/events");
  events.addEventListener("hello", e => {
    const id = JSON.parse(e.data).build;
    if (build !== null && build !== id) return location.reload();
    build = id;
    // Tells whoever watches (the tests) that this page follows the builds now.
    document.documentElement.dataset.live = id;
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", e => {
    const d = JSON.parse(e.data);
    build = d.build;
    clearOverlay();
    swapStyles(d.css);
  });
  events.addEventListener("broken", e => showOverlay(JSON.parse(e.data).problems));
}

// A browser opens only a few connections to one server: a hidden tab lets
// go of its stream, and on coming back reloads if the book changed
// meanwhile (the "hello" event says).
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") {
    events?.close();
    events = null;
  } else if (!events) {
    connect();
  }
});

stylesheet();
dropServiceWorkers();
if (document.visibilityState !== "hidden") connect();
