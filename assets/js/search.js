// The search of find.js, loaded when the box is first focused: the book's
// index is fetched then, and what was typed meanwhile is searched.

import { lang, t } from "./strings.js";
import { fold, match, snippet } from "./match.js";

const MAX_BOOK = 12, MAX_ANSWERS = 8;

export function startSearch(form, answers) {
  const ui = {
    form,
    input: form.querySelector("input"),
    box: form.querySelector(".search-results"),
    list: form.querySelector("[data-search-list]"),
    status: form.querySelector("[data-search-status]"),
    answers, index: null, active: -1, timer: 0,
  };
  form.addEventListener("submit", () => go(ui, Math.max(ui.active, 0)));
  ui.input.addEventListener("input", () => { clearTimeout(ui.timer); ui.timer = setTimeout(() => run(ui), 60); });
  ui.input.addEventListener("keydown", e => keys(ui, e));
  ui.list.addEventListener("mousedown", e => e.preventDefault()); // keep the focus in the box
  ui.list.addEventListener("click", e => {
    const li = e.target.closest("[role=option]");
    if (li) go(ui, [...ui.list.querySelectorAll("[role=option]")].indexOf(li));
  });
  form.addEventListener("focusout", e => { if (!form.contains(e.relatedTarget)) show(ui, false); });
  load(ui);
  run(ui);
}

// load fetches the book's index once; offline the service worker answers.
function load(ui) {
  ui.index ||= fetch(ui.form.dataset.index)
    .then(r => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
    .then(prepare)
    .catch(() => null);
  return ui.index;
}

// prepare folds every entry's text once, so each keystroke only compares.
function prepare(ix) {
  const chapters = ix.chapters.map(t => ({ title: t, folded: fold(t) }));
  for (const e of ix.entries) {
    e.chapter = chapters[e.c];
    e.t ||= "";
    e.x ||= "";
    e.labels = Object.values(e.f || {}).join(" ");
    e.ft = fold(e.t);
    e.fx = fold(e.x + " " + e.labels);
  }
  return { chapters, entries: ix.entries };
}

async function run(ui) {
  const q = ui.input.value.trim();
  if (q.length < 2) { show(ui, false); return; }
  const ix = await load(ui);
  if (ui.input.value.trim() !== q) return; // the reader typed on
  const terms = fold(q).split(/\s+/).filter(Boolean);
  const book = ix ? searchBook(ix, terms) : [];
  const mine = ix ? searchAnswers(ui.answers(), ix, terms) : { results: [], locked: false };
  render(ui, q, terms, book, mine, Boolean(ix));
}

// searchBook ranks headings and worksheet titles that match above text
// that does, and matches of the whole phrase above scattered words.
function searchBook(ix, terms) {
  const found = [];
  for (const e of ix.entries) {
    const s = match(terms, [e.ft, 12], [e.chapter.folded, 4], [e.fx, 1]);
    if (s > 0) found.push({ e, s: s + (e.k === "w" ? 3 : 0) });
  }
  found.sort((a, b) => b.s - a.s || a.e.c - b.e.c);
  return found.slice(0, MAX_BOOK).map(({ e }) => ({
    href: e.u,
    title: e.t || e.chapter.title,
    where: t(e.k === "w" ? "search_where_worksheet" : "search_where_chapter", { n: e.c + 1, title: e.chapter.title }),
    text: e.x,
  }));
}

// searchAnswers reads the reader's record now and keeps nothing of it.
function searchAnswers(store, ix, terms) {
  if (!store || store === "locked") return { results: [], locked: store === "locked" };
  const sheets = new Map(ix.entries.filter(e => e.k === "w").map(e => [e.id, e]));
  const results = [];
  for (const id of store.worksheetIds()) {
    const ws = sheets.get(id);
    if (!ws) continue;
    const { fields, entries, deleted } = store.read(id).record;
    const each = (fs, when) => {
      for (const [fid, f] of Object.entries(fs)) {
        const text = [].concat(f.value).join(" · ");
        if (!text || match(terms, [fold(text), 1]) === 0) continue;
        results.push({
          href: ws.u,
          title: ws.t,
          where: t(when ? "search_where_answer_dated" : "search_where_answer", { when, label: (ws.f || {})[fid] || fid }),
          text,
        });
      }
    };
    each(fields, "");
    for (const [eid, e] of Object.entries(entries)) if (!deleted[eid]) each(e.fields, day(e.saved));
  }
  return { results: results.slice(0, MAX_ANSWERS), locked: false };
}

function day(iso) {
  const d = new Date(iso);
  return isNaN(d) ? "" : d.toLocaleDateString(lang, { day: "numeric", month: "short", year: "numeric" });
}

function render(ui, q, terms, book, mine, haveIndex) {
  ui.list.replaceChildren();
  ui.active = -1;
  ui.input.removeAttribute("aria-activedescendant");
  let n = 0;
  const group = (title, results) => {
    if (!results.length) return;
    const h = document.createElement("li");
    h.className = "search-group";
    h.setAttribute("role", "presentation");
    h.textContent = title;
    ui.list.append(h);
    for (const r of results) ui.list.append(option(r, terms, n++));
  };
  group(t("search_in_book"), book);
  group(t("search_in_answers"), mine.results);
  const parts = [];
  if (!haveIndex) parts.push(t("search_no_index"));
  parts.push(n ? t("search_found", { book: count(book.length, "search_count_book"), mine: count(mine.results.length, "search_count_answers") }) : t("search_nothing", { q }));
  if (mine.locked) parts.push(t("search_locked"));
  ui.status.textContent = parts.join(" ");
  ui.list.dataset.query = q;
  show(ui, true);
}

const count = (n, key) => (n === 0 ? t(key + "_none") : t(key, { n }));

function option(r, terms, n) {
  const li = document.createElement("li");
  li.id = `search-result-${n}`;
  li.setAttribute("role", "option");
  li.dataset.href = r.href;
  const title = document.createElement("span");
  title.className = "search-title";
  title.append(...snippet(r.title, terms, 200));
  const where = document.createElement("span");
  where.className = "search-where";
  where.textContent = r.where;
  const text = document.createElement("span");
  text.className = "search-snippet";
  text.append(...snippet(r.text, terms, 140));
  li.append(title, where, text);
  return li;
}

function show(ui, open) {
  ui.box.hidden = !open;
  ui.input.setAttribute("aria-expanded", String(open));
  if (!open) ui.list.replaceChildren();
}

function keys(ui, e) {
  const options = [...ui.list.querySelectorAll("[role=option]")];
  if (e.key === "Escape") {
    e.preventDefault();
    if (!ui.box.hidden || ui.input.value) { show(ui, false); ui.input.value = ""; e.stopPropagation(); }
    return;
  }
  if ((e.key !== "ArrowDown" && e.key !== "ArrowUp") || !options.length) return;
  e.preventDefault();
  const step = e.key === "ArrowDown" ? 1 : -1;
  select(ui, options, (ui.active + step + options.length) % options.length);
}

function select(ui, options, i) {
  options[ui.active]?.classList.remove("active");
  options[ui.active]?.setAttribute("aria-selected", "false");
  ui.active = i;
  options[i].classList.add("active");
  options[i].setAttribute("aria-selected", "true");
  ui.input.setAttribute("aria-activedescendant", options[i].id);
  options[i].scrollIntoView({ block: "nearest" });
}

function go(ui, i) {
  const li = ui.list.querySelectorAll("[role=option]")[i];
  if (!li) return;
  show(ui, false);
  location.href = li.dataset.href;
}
