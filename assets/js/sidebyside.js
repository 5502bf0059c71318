// The side-by-side view of compare.js, loaded when it is first shown.

import { t } from "./strings.js";
import { ask, askForm } from "./dialog.js";
import { SealedStore, openLock } from "./lock.js";
import { Store, sharedKey } from "./store.js";
import { answerNodes } from "./summary.js";
import { save, shareFile } from "./backup.js";
import { button, say } from "./status.js";

// consent asks the other reader, by name, to show their answers; it
// returns their record of the worksheet, or null.
async function consent(page, ws, other) {
  const name = page.readers.name(other);
  const mine = page.readers.name(page.reader);
  if (!other.lock) {
    const c = await ask(t("consent_title", { name }), t("consent_text", { name, mine }), [
      { label: t("show_mine"), value: "show", primary: true }, { label: t("not_now"), value: "cancel", focus: true }]);
    return c === "show" ? new Store(page.bookId, other.id).read(ws.id).record : null;
  }
  let key = null;
  const { choice } = await askForm(t("consent_title", { name }), t("consent_lock_text", { name, mine }),
    [{ name: "pass", label: t("passphrase_named", { name }), type: "password", autocomplete: "current-password" }],
    [{ label: t("show_mine"), value: "show", primary: true, check: true, working: t("opening") }, { label: t("not_now"), value: "cancel" }],
    async v => {
      key = await openLock(other.lock, v.pass);
      return key ? "" : t("wrong_passphrase_short");
    });
  if (choice !== "show" || !key) return null;
  const theirs = await SealedStore.open(page.bookId, other.id, key);
  const record = theirs.read(ws.id).record;
  theirs.forget();
  return record;
}

export async function compareWith(page, ws, other) {
  ws.flush();
  const record = await consent(page, ws, other);
  if (!record) return;
  show(ws, [
    { name: page.readers.name(page.reader), record: ws.record },
    { name: page.readers.name(other), record },
  ], "compared");
}

// show puts the answers of each of two people next to each other, question
// by question, under the worksheet's form.
function show(ws, people, kind, remove = null) {
  const old = ws.section.querySelector(`.ws-compare[data-${kind}]`);
  if (old) old.remove();
  const box = document.createElement("section");
  box.className = "ws-compare";
  box.dataset[kind] = "";
  const h = document.createElement("h3");
  h.textContent = t("side_by_side", { a: people[0].name, b: people[1].name });
  box.append(h);
  if (kind === "shared") box.append(para(t("shared_note", { name: people[1].name })));
  for (const el of ws.fields) box.append(row(el, people));
  const buttons = document.createElement("div");
  buttons.className = "ws-actions no-print";
  buttons.append(button(t("print_side_by_side"), "printCompare", () => printBox(box)));
  buttons.append(button(kind === "shared" ? t("remove_shared", { name: people[1].name }) : t("put_away"), kind === "shared" ? "removeShared" : "hideCompare", () => {
    box.remove();
    if (remove) remove();
  }));
  box.append(buttons);
  ws.section.querySelector(".ws-form").after(box);
  h.tabIndex = -1;
  h.focus();
}

function para(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

function row(el, people) {
  const q = document.createElement("div");
  q.className = "compare-row";
  const label = document.createElement("p");
  label.className = "compare-question";
  label.textContent = el.querySelector(".field-label").textContent.trim();
  const pair = document.createElement("dl");
  pair.className = "compare-pair";
  for (const p of people) {
    const f = p.record.fields[el.dataset.field];
    const dt = document.createElement("dt");
    dt.textContent = p.name;
    const dd = document.createElement("dd");
    const nodes = f ? answerNodes(el, f.value) : [];
    if (nodes.length && nodes[0].textContent !== "") dd.append(...nodes);
    else dd.append(Object.assign(document.createElement("span"), { className: "compare-none", textContent: "no answer yet" }));
    pair.append(dt, dd);
  }
  q.append(label, pair);
  return q;
}

// printBox prints only the side-by-side view, then puts the page back.
function printBox(box) {
  const root = document.documentElement;
  root.classList.add("print-compare");
  box.classList.add("print-this-compare");
  window.addEventListener("afterprint", () => {
    root.classList.remove("print-compare");
    box.classList.remove("print-this-compare");
  }, { once: true });
  window.print();
}

export async function share(page, ws) {
  ws.flush();
  const c = await ask(t("share_title"), [
    t("share_text"),
    t("share_warning"),
  ], [{ label: t("share_save"), value: "save", primary: true }, { label: t("cancel"), value: "cancel", focus: true }]);
  if (c !== "save") return;
  save(shareFile(page.store, ws.id, page.readers.name(page.reader)));
  say(ws.status, t("shared_saved"));
}

// showShared shows a partner's shared answers next to the reader's own.
export function showShared(page, ws) {
  const text = page.store.raw(sharedKey(page.store, ws.id));
  if (!text) return;
  let shared = null;
  try { shared = JSON.parse(text); } catch { return; }
  if (!shared || !shared.record || !shared.record.fields) return;
  ws.flush();
  show(ws, [{ name: page.readers.many ? page.readers.name(page.reader) : t("you"), record: ws.record },
    { name: String(shared.from || t("your_partner")), record: shared.record }], "shared",
  () => { page.store.remove(sharedKey(page.store, ws.id)); say(ws.status, t("shared_removed")); });
}
