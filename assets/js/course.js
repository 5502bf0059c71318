// A journal shows its course: above its earlier entries, a small chart of
// each scale question's answers over the entries, one line a scale, dated,
// drawn here as SVG from the reader's own entries, with the same numbers
// in a table for screen readers. It prints with "Print with my answers",
// as the entries do. It only reads the store.

import { lang, t } from "./strings.js";

const NS = "http://www.w3.org/2000/svg";
const W = 360, H = 170, LEFT = 26, RIGHT = 10, TOP = 10, BOTTOM = 26;

export function showCourses(store) {
  const draw = () => {
    for (const section of document.querySelectorAll("section.worksheet[data-worksheet]")) course(section, store);
  };
  draw();
  document.addEventListener("workbook:saved", draw);
  document.addEventListener("workbook:stored", draw);
}

function course(section, store) {
  const box = section.querySelector("[data-ws-entries]");
  const scales = [...section.querySelectorAll(".field[data-type=scale]")].map(scaleOf);
  if (!box || !scales.length) return;
  const { entries, deleted } = store.read(section.dataset.worksheet).record;
  const rows = Object.entries(entries).filter(([id]) => !deleted[id])
    .map(([, e]) => ({ when: new Date(e.saved), values: scales.map(s => number(e.fields[s.id])) }))
    .filter(r => !isNaN(r.when) && r.values.some(v => v !== null))
    .sort((a, b) => a.when - b.when);
  let fig = box.querySelector(":scope > .ws-course");
  if (rows.length < 2) { fig?.remove(); return; }
  if (!fig) {
    fig = document.createElement("figure");
    fig.className = "ws-course";
    box.prepend(fig);
  }
  const key = JSON.stringify(rows);
  if (fig.dataset.drawn === key) return;
  fig.dataset.drawn = key;
  fig.replaceChildren(caption(section), chart(scales, rows), legend(scales), table(scales, rows));
}

function scaleOf(el) {
  const values = [...el.querySelectorAll("input[type=radio]")].map(i => Number(i.value));
  const label = el.querySelector(".field-label")?.textContent.trim() || el.dataset.field;
  return { id: el.dataset.field, label, min: Math.min(...values), max: Math.max(...values) };
}

function number(f) {
  if (!f || f.value === "" || Array.isArray(f.value)) return null;
  const n = Number(f.value);
  return Number.isFinite(n) ? n : null;
}

const day = d => d.toLocaleDateString(lang, { day: "numeric", month: "short" });

function caption(section) {
  const c = document.createElement("figcaption");
  c.className = "ws-course-title";
  c.textContent = t("course_title");
  return c;
}

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// chart draws every scale against the entries' dates, spaced by time.
function chart(scales, rows) {
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "ws-course-chart", "aria-hidden": "true", focusable: "false" });
  const t0 = rows[0].when.getTime(), span = Math.max(rows[rows.length - 1].when.getTime() - t0, 1);
  const x = d => LEFT + ((d.getTime() - t0) / span) * (W - LEFT - RIGHT);
  const lo = Math.min(...scales.map(s => s.min)), hi = Math.max(...scales.map(s => s.max));
  const y = v => TOP + (1 - (v - lo) / Math.max(hi - lo, 1)) * (H - TOP - BOTTOM);
  for (const v of [lo, Math.round((lo + hi) / 2), hi]) {
    svg.append(el("line", { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v), class: "ws-course-grid" }));
    svg.append(el("text", { x: LEFT - 6, y: y(v) + 4, "text-anchor": "end", class: "ws-course-axis" }, String(v)));
  }
  const first = rows[0].when, last = rows[rows.length - 1].when;
  svg.append(el("text", { x: LEFT, y: H - 8, "text-anchor": "start", class: "ws-course-axis" }, day(first)));
  svg.append(el("text", { x: W - RIGHT, y: H - 8, "text-anchor": "end", class: "ws-course-axis" }, day(last)));
  scales.forEach((s, i) => {
    const pts = rows.filter(r => r.values[i] !== null).map(r => [x(r.when), y(r.values[i])]);
    if (!pts.length) return;
    svg.append(el("polyline", { points: pts.map(p => p.map(n => n.toFixed(1)).join(",")).join(" "), class: `ws-course-line ws-course-${i % 4}` }));
    for (const [px, py] of pts) svg.append(el("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 3.5, class: `ws-course-dot ws-course-${i % 4}` }));
  });
  return svg;
}

function legend(scales) {
  const ul = document.createElement("ul");
  ul.className = "ws-course-legend";
  ul.setAttribute("aria-hidden", "true");
  scales.forEach((s, i) => {
    const li = document.createElement("li");
    li.className = `ws-course-${i % 4}`;
    li.textContent = t("course_scale", { label: s.label, min: s.min, max: s.max });
    ul.append(li);
  });
  return ul;
}

// table gives the chart's numbers to a screen reader.
function table(scales, rows) {
  const box = document.createElement("table");
  box.className = "visually-hidden";
  const cap = document.createElement("caption");
  cap.textContent = t("course_caption");
  const head = document.createElement("tr");
  for (const text of [t("course_entry"), ...scales.map(s => t("course_scale", { label: s.label, min: s.min, max: s.max }))]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = document.createElement("tbody");
  for (const r of rows) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = r.when.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    tr.append(th);
    for (const v of r.values) {
      const td = document.createElement("td");
      td.textContent = v === null ? t("no_answer") : String(v);
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  box.append(cap, thead, body);
  return box;
}
