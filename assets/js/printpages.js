// Page numbers in the printed book's contents. Chromium has no
// target-counter(), so just before printing the book is laid out once per
// paper size the way print lays it out: the print stylesheets are switched
// on for the screen for a moment, and the book flows through a multi-column
// box whose columns are the printed page's text area, one column a page.
// The column a heading starts in is its page. Forced page breaks (break-
// before/after: page, and a change of named page) become column breaks.
// Nothing is painted in between: the page is put back in the same task.
//
// The numbers for A4 and US Letter go into data-page-a4 and
// data-page-letter of each [data-toc-page]; print.css shows the one that
// matches the paper, and none on other paper or when the print dialog
// scales the page.
//
// Only printbook.html loads this module, on its own: it stays out of the
// bundle every page downloads first.

// PAPERS are the sheets numbered, in millimetres.
const PAPERS = { a4: [210, 297], letter: [215.9, 279.4] };
const PAGE_BREAKS = new Set(["page", "left", "right", "recto", "verso"]);
const SIZE = ["column-width", "width", "height"];

window.addEventListener("beforeprint", numberPages);

// numberPages writes the page of each contents entry for every paper.
function numberPages() {
  const entries = [...document.querySelectorAll("[data-toc-page]")];
  const book = entries[0]?.closest("article");
  if (!book) return;
  const undo = printStyles();
  try {
    const breaks = markBreaks(book);
    const margins = pageMargins();
    for (const [name, [w, h]] of Object.entries(PAPERS)) {
      const size = [mm(w) - margins.left - margins.right, mm(h) - margins.top - margins.bottom];
      const page = pager(book, size);
      for (const e of entries) {
        const n = page(document.getElementById(e.dataset.tocPage));
        if (n) e.dataset[`page${name[0].toUpperCase()}${name.slice(1)}`] = n;
      }
    }
    breaks.forEach(([el, cls]) => el.classList.remove(cls));
  } finally {
    SIZE.forEach(p => book.style.removeProperty(p));
    undo();
  }
}

// printStyles applies the print-only stylesheets to the screen and returns
// a function that takes them back.
function printStyles() {
  const links = [...document.querySelectorAll('link[rel="stylesheet"][media="print"]')];
  links.forEach(l => { l.media = "all"; });
  document.documentElement.classList.add("print-measure");
  return () => {
    links.forEach(l => { l.media = "print"; });
    document.documentElement.classList.remove("print-measure");
  };
}

// pager lays the book out in columns of the given size and returns a
// function from an element to the page (from 1) it starts on.
function pager(book, [width, height]) {
  SIZE.forEach((p, i) => book.style.setProperty(p, `${[width, width, height][i]}px`));
  const rtl = getComputedStyle(book).direction === "rtl";
  const box = book.getBoundingClientRect();
  const pages = new Map();
  return el => {
    const r = el?.getClientRects()[0];
    if (!r) return 0;
    const x = rtl ? box.right - r.right : r.left - box.left;
    pages.set(el, Math.floor((x + 1) / width) + 1);
    return pages.get(el);
  };
}

// markBreaks marks where print would start a new page with a class that
// breaks the column there, and returns the marks to take away.
function markBreaks(book) {
  const marks = [];
  const mark = (el, cls) => { el.classList.add(cls); marks.push([el, cls]); };
  const walk = (parent, name) => {
    let prev = null;
    for (const el of flowOrder(parent)) {
      const style = getComputedStyle(el);
      const page = style.page && style.page !== "auto" ? style.page : name;
      if (PAGE_BREAKS.has(style.breakBefore) || (prev && prev.page !== page)) mark(el, "print-measure-break");
      if (PAGE_BREAKS.has(style.breakAfter)) mark(el, "print-measure-break-after");
      prev = { page };
      walk(el, page);
    }
  };
  walk(book, "");
  return marks;
}

// flowOrder returns the children of el that take part in the layout, in
// the order they are laid out (a flex box's order property moves them).
// A child with display: contents has no box: its children stand in for it.
function flowOrder(el) {
  const boxes = k => (getComputedStyle(k).display === "contents" ? [...k.children].flatMap(boxes) : [k]);
  const kids = [...el.children].flatMap(boxes).filter(k => {
    const s = getComputedStyle(k);
    return s.display !== "none" && s.position !== "absolute" && s.position !== "fixed";
  });
  const flex = getComputedStyle(el).display.includes("flex");
  return flex ? kids.sort((a, b) => Number(getComputedStyle(a).order) - Number(getComputedStyle(b).order)) : kids;
}

// pageMargins reads the margins of the stylesheets' @page rule, in pixels.
function pageMargins() {
  const m = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const sheet of document.styleSheets) {
    let rules = [];
    try { rules = sheet.cssRules; } catch { continue; }
    for (const r of rules) {
      if (r.type !== CSSRule.PAGE_RULE || r.selectorText) continue;
      for (const side of Object.keys(m)) {
        const v = r.style.getPropertyValue(`margin-${side}`);
        if (v) m[side] = length(v);
      }
    }
  }
  return m;
}

function mm(n) { return n * 96 / 25.4; }

// length converts a CSS length such as "19mm" to pixels.
function length(v) {
  const probe = document.createElement("div");
  probe.style.setProperty("width", v);
  probe.style.setProperty("position", "absolute");
  document.body.append(probe);
  const px = probe.getBoundingClientRect().width;
  probe.remove();
  return px;
}
