// Finding one's way: the search box and the book's contents beside the
// page on wide screens and behind the "Menu" button on phones, the left
// and right arrow keys to the previous and next chapter, and "Continue" on
// the home page, from this reader's own record.

import { t } from "./strings.js";

export function setupNav() {
  const nav = document.querySelector("[data-book-nav]");
  const toggle = document.querySelector("[data-nav-toggle]");
  if (nav && toggle) contentsButton(nav, toggle);
  if (nav) whenShown(nav, toggle);
  document.addEventListener("keydown", arrows);
}

// whenShown loads the contents where they show: at once beside the page on
// a wide screen; on a phone, at the first tap on "Menu", so a first visit
// downloads only what shows.
function whenShown(nav, toggle) {
  let loading;
  const load = () => { loading ??= loadContents(nav); };
  const wide = matchMedia("(min-width: 62.5rem)");
  if (wide.matches) return load();
  wide.addEventListener("change", load, { once: true });
  toggle?.addEventListener("click", load, { once: true });
}

// loadContents puts the book's contents, rendered once per build into one
// file (the service worker keeps it offline), in place of the link to the
// home page's contents, and marks this page's chapter and its part.
async function loadContents(nav) {
  const url = new URL(nav.dataset.contents || "", location.href);
  const fallback = nav.querySelector("[data-contents-fallback]");
  if (!fallback || url.origin !== location.origin) return;
  let res;
  try { res = await fetch(url); } catch { return; }
  if (!res.ok) return;
  const tpl = document.createElement("template");
  tpl.innerHTML = await res.text(); // inert: no script in it runs
  const list = tpl.content.querySelector("ol.book-nav-list");
  if (!list) return;
  for (const a of list.querySelectorAll("a[href]")) {
    if (new URL(a.getAttribute("href"), location.href).pathname !== location.pathname) continue;
    a.setAttribute("aria-current", "page");
    a.closest(".book-nav-part")?.classList.add("is-current");
  }
  fallback.replaceWith(list);
  showCurrent(nav);
  if (nav.classList.contains("open") && nav.contains(document.activeElement) && document.activeElement.matches(".book-nav-home")) {
    (list.querySelector("[aria-current]") || list.querySelector("a"))?.focus();
  }
}

function contentsButton(nav, toggle) {
  const close = nav.querySelector("[data-nav-close]");
  toggle.hidden = false;
  close.hidden = false;
  // The open contents start below the bar: "Leave quickly" stays in reach.
  const bar = toggle.closest(".reader-bar");
  const place = () => { if (bar) nav.style.top = `${Math.round(bar.getBoundingClientRect().bottom)}px`; };
  if (bar && window.ResizeObserver) new ResizeObserver(place).observe(bar);
  const set = open => {
    if (open) place();
    nav.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
    document.documentElement.classList.toggle("nav-open", open);
  };
  toggle.addEventListener("click", () => {
    const open = !nav.classList.contains("open");
    set(open);
    if (!open) return;
    showCurrent(nav);
    (nav.querySelector("[aria-current]") || nav.querySelector("a")).focus();
  });
  close.addEventListener("click", () => { set(false); toggle.focus(); });
  nav.addEventListener("keydown", e => {
    if (e.key === "Escape" && !e.defaultPrevented && nav.classList.contains("open")) { set(false); toggle.focus(); }
  });
  nav.addEventListener("click", e => { if (e.target.closest("a")) set(false); });
  showCurrent(nav);
}

// showCurrent scrolls the contents, not the page, to the current chapter.
function showCurrent(nav) {
  const current = nav.querySelector("[aria-current]");
  if (current && current.offsetTop + current.offsetHeight > nav.clientHeight) {
    nav.scrollTop = Math.max(0, current.offsetTop - nav.clientHeight / 3);
  }
}

// arrows turns the page with the left and right arrow keys, unless the
// reader is writing, choosing or scrolling something sideways.
function arrows(e) {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
  const t = e.target instanceof Element ? e.target : document.body;
  if (t.isContentEditable || t.closest("input, textarea, select, dialog, [role=listbox], [data-book-nav].open")) return;
  if (sideways(t)) return;
  const link = document.querySelector(e.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
  if (!link) return;
  e.preventDefault();
  location.href = link.href;
}

function sideways(el) {
  for (; el && el !== document.body; el = el.parentElement) {
    if (el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== "visible") return true;
  }
  return false;
}

// showContinue offers, on the home page, the chapter after the one this
// reader finished last (from the "read" marks progress.js keeps in their
// record, which backups carry too), in place of "Start reading", so the
// page doesn't move.
export function showContinue(store) {
  const box = document.querySelector("[data-continue]");
  if (!box) return;
  const items = [...document.querySelectorAll(".toc-chapter[data-chapter]")];
  let last = -1, when = "";
  items.forEach((li, i) => {
    const read = store.raw(store.readKey(li.dataset.chapter));
    if (read && read >= when) { last = i; when = read; }
  });
  const next = items[last + 1];
  if (last < 0 || !next) return;
  const a = box.querySelector("a");
  a.href = next.dataset.chapter;
  a.textContent = t("continue_to", { title: next.querySelector("a").textContent.trim() });
}
