// An answer as a person reads it, on paper or in a journal's earlier
// entries: list entries as a numbered list, ticks as a list, a scale as
// "7 of 10", dates written out in the book's language.

import { t } from "./strings.js";

const lang = () => document.documentElement.lang || undefined;

// longDate writes 2026-03-01 as the reader's language does ("1 March 2026").
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  try {
    return d.toLocaleDateString(lang(), { dateStyle: "long", timeZone: "UTC" });
  } catch {
    return iso;
  }
}

// whenSaved writes a moment in the reader's own time zone, with the day of
// the week: "Tuesday, 25 November 2026 at 09:40".
export function whenSaved(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(lang(), { dateStyle: "full", timeStyle: "short" });
  } catch {
    return d.toISOString();
  }
}

function listOf(tag, items) {
  const list = document.createElement(tag);
  for (const item of items) {
    const li = document.createElement("li");
    li.textContent = String(item);
    list.append(li);
  }
  return list;
}

// scaleTop is the highest point of a scale field on the page.
function scaleTop(el) {
  const points = el ? [...el.querySelectorAll(".scale-points input")] : [];
  return points.length ? points[points.length - 1].value : "";
}

// answerNodes is an answer as it reads: el is its field on the page (for
// its type and a scale's range), or null for a question the author has
// since removed, which reads as plain text.
export function answerNodes(el, value) {
  const type = el ? el.dataset.type : "";
  const items = (Array.isArray(value) ? value : [value]).map(String).filter(v => v.trim() !== "");
  if (type === "list" && Array.isArray(value)) return [listOf("ol", items)];
  if (type === "checklist" && Array.isArray(value)) return [listOf("ul", items)];
  if (type === "date") return [document.createTextNode(longDate(String(value)))];
  if (type === "scale" && scaleTop(el)) return [document.createTextNode(t("scale_value", { value, top: scaleTop(el) }))];
  return [document.createTextNode(items.join("\n"))];
}
