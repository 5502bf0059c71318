// The switcher "Who is writing?" opens: write as someone else, add
// someone, rename or delete yourself, set a passphrase, lock now, and how
// long before the lock comes back by itself. Switching saves what is typed
// and reloads the page, so nothing of the other reader stays on screen.
// Also the question a new tab asks first once two people write here.

import { t } from "./strings.js";
import { ask, askForm } from "./dialog.js";
import { canLock, newLock, sealAll } from "./lock.js";
import { downloadBackup } from "./backup.js";
import { inDialog } from "./leave.js";
import { markAsked, showWho } from "./who.js";

const IDLE_CHOICES = [1, 5, 15, 30, 60];

// askWho asks, before any answers show, who is writing: once two people
// write on this device, a new tab must not open on whoever wrote last.
// chosen runs when the reader writing now is chosen; another reader
// reloads the page as them.
export function askWho(page, chosen) {
  const root = document.documentElement;
  root.classList.add("choosing");
  const d = el("dialog", "wb-dialog who-dialog");
  d.setAttribute("aria-labelledby", "who-ask-title");
  const h = el("h2", "", t("who_is_writing"));
  h.id = "who-ask-title";
  const n = page.readers.list.length;
  d.append(h, el("p", "", (n === 2 ? t("who_ask_two") : t("who_ask", { n }))));
  const row = el("div", "wb-dialog-buttons who-choices");
  for (const r of page.readers.list) {
    const me = r.id === page.reader.id;
    row.append(button(me ? t("continue_as", { name: page.readers.name(r) }) : t("write_as", { name: page.readers.name(r) }), me ? "button" : "button-quiet", () => {
      markAsked(page.bookId);
      d.close();
      if (!me) return page.switchTo(r.id);
      root.classList.remove("choosing");
      chosen();
    }, me ? "continueAs" : "writeAs"));
  }
  d.append(row);
  inDialog(d);
  d.addEventListener("cancel", e => e.preventDefault()); // Escape doesn't skip the choice
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  d.showModal();
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function button(label, cls, run, data = "") {
  const b = el("button", cls, label);
  b.type = "button";
  if (data) b.dataset[data] = "";
  b.addEventListener("click", run);
  return b;
}

// openSwitcher shows who writes on this device and what they can do.
export function openSwitcher(page) {
  const { readers } = page;
  const me = page.reader;
  const d = el("dialog", "wb-dialog who-dialog");
  d.setAttribute("aria-labelledby", "who-title");
  const h = el("h2", "", t("who_is_writing"));
  h.id = "who-title";
  d.append(h);
  const act = fn => async () => { d.close(); await fn(); };
  if (!readers.many) {
    d.append(el("p", "", t("who_one")));
  } else {
    d.append(el("p", "", t("who_many")));
    const list = el("ul", "who-list");
    for (const r of readers.list) {
      const li = el("li", "who-reader");
      const name = el("span", "who-reader-name", readers.name(r));
      li.append(name);
      if (r.lock) li.append(el("span", "who-tag", t("who_has_lock")));
      if (r.id === me.id) li.append(el("span", "who-tag who-now", t("who_now")));
      else li.append(button(t("write_as", { name: readers.name(r) }), "button-quiet", act(() => page.switchTo(r.id)), "writeAs"));
      li.dataset.reader = r.id;
      list.append(li);
    }
    d.append(list);
  }
  if (readers.storage) {
    const row = el("div", "wb-dialog-buttons");
    row.append(button(t("who_add"), "button-quiet", act(() => addReader(page)), "whoAdd"));
    d.append(row);
  } else {
    d.append(el("p", "", t("who_no_storage")));
  }
  if (!page.locked) d.append(settings(page, me, act));
  const close = el("div", "wb-dialog-buttons");
  close.append(button(t("close"), "button", () => d.close(), "whoClose"));
  d.append(close);
  inDialog(d);
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  d.showModal();
}

// settings are what the reader writing now can do to their own answers.
function settings(page, me, act) {
  const { readers } = page;
  const box = el("section", "who-settings");
  const name = readers.name(me);
  box.append(el("h3", "", readers.many ? t("settings_named", { name }) : t("settings")));
  const row = el("div", "wb-dialog-buttons");
  if (readers.many || me.name) row.append(button(t("rename"), "button-quiet", act(() => rename(page, me)), "whoRename"));
  if (me.lock) {
    row.append(button(t("lock_now"), "button", act(() => page.lockNow()), "lockNow"));
    row.append(button(t("remove_lock"), "button-quiet", act(() => removeLock(page, me)), "whoUnlockForGood"));
  } else if (canLock() && page.store && page.store.storage) {
    row.append(button(t("set_lock"), "button-quiet", act(() => setLock(page, me)), "whoLock"));
  }
  if (readers.many) row.append(button(t("delete_reader_button", { name }), "button-quiet danger", act(() => deleteReader(page, me)), "whoDelete"));
  box.append(row);
  if (me.lock) box.append(idleChoice(page, me));
  return box;
}

// idleChoice shows, and lets the reader change, the minutes without use
// after which their answers lock again.
function idleChoice(page, me) {
  const label = el("label", "who-idle", t("idle_before"));
  const select = el("select", "");
  select.dataset.idle = "";
  const choices = IDLE_CHOICES.includes(me.idle) ? IDLE_CHOICES : [me.idle, ...IDLE_CHOICES];
  for (const m of choices) {
    const o = el("option", "", m < 1 ? t("seconds", { n: Math.round(m * 60) }) : t("minutes", { n: m }));
    o.value = String(m);
    o.selected = m === me.idle;
    select.append(o);
  }
  select.addEventListener("change", () => {
    page.readers.update(me.id, { idle: Number(select.value) });
    page.idleChanged();
  });
  label.append(select, document.createTextNode(t("idle_after")));
  return label;
}

async function addReader(page) {
  markAsked(page.bookId);
  const { readers } = page;
  const me = page.reader;
  const inputs = [];
  if (!readers.many && !me.name) inputs.push({ name: "me", label: t("name_me"), autocomplete: "off" });
  inputs.push({ name: "them", label: t("name_them"), help: t("name_them_help"), autocomplete: "off" });
  const { choice, values } = await askForm(t("add_title"), t("add_text"), inputs,
    [{ label: t("add"), value: "add", primary: true, check: true }, { label: t("cancel"), value: "cancel" }],
    async v => {
      const names = inputs.map(i => (v[i.name] || "").trim());
      if (names.some(n => !n)) return t("name_empty");
      if (readers.list.some(r => r.name && names.includes(r.name)) || new Set(names).size < names.length) return t("name_taken");
      return "";
    });
  if (choice !== "add") return;
  if (values.me !== undefined) readers.update(me.id, { name: values.me.trim() });
  const id = readers.add(values.them.trim());
  showWho(page);
  const c = await ask(t("added_title", { name: values.them.trim() }), t("added_text", { name: values.them.trim() }), [
    { label: t("write_as_now", { name: values.them.trim() }), value: "switch" }, { label: t("ok"), value: "ok", primary: true, focus: true }]);
  if (c === "switch") page.switchTo(id);
}

async function rename(page, me) {
  const { readers } = page;
  const { choice, values } = await askForm(t("rename_title"), "", [{ name: "name", label: t("name"), value: me.name }],
    [{ label: t("save"), value: "save", primary: true, check: true }, { label: t("cancel"), value: "cancel" }],
    async v => (v.name.trim() ? (readers.list.some(r => r.id !== me.id && r.name === v.name.trim()) ? t("name_taken_short") : "") : t("name_empty")));
  if (choice !== "save") return;
  readers.update(me.id, { name: values.name.trim() });
  showWho(page);
}

async function deleteReader(page, me) {
  const name = page.readers.name(me);
  const c = await ask(t("delete_reader_title", { name }), [t("delete_reader_text", { name }),
    t("delete_reader_download_text")], [
    { label: t("download_first"), value: "download", primary: true },
    { label: t("delete_reader_button", { name }), value: "delete", danger: true },
    { label: t("cancel"), value: "cancel", focus: true }]);
  if (c === "download") {
    await downloadBackup(page.store, page.live, page.reader);
    return deleteReader(page, me);
  }
  if (c !== "delete") return;
  page.flush();
  await page.store.settled();
  page.store.clearAll();
  await page.store.settled();
  page.readers.remove(me.id);
  page.restart();
}

async function setLock(page, me) {
  const name = page.readers.name(me);
  const { choice, values } = await askForm(page.readers.many ? t("set_lock_named_title", { name }) : t("set_lock_title"), [
    t("set_lock_text"),
    t("set_lock_warning"),
  ], [
    { name: "pass", label: t("passphrase"), type: "password", autocomplete: "new-password", help: t("passphrase_help") },
    { name: "again", label: t("passphrase_again"), type: "password", autocomplete: "new-password" },
  ], [{ label: t("set_lock_button"), value: "set", primary: true, check: true, working: t("encrypting") }, { label: t("cancel"), value: "cancel" }],
  async v => {
    if (v.pass.length < 8) return t("passphrase_short");
    if (v.pass !== v.again) return t("passphrase_mismatch");
    page.flush();
    await page.store.settled();
    const { lock, key } = await newLock(v.pass);
    await sealAll(page.store, key);
    page.readers.update(me.id, { lock });
    return "";
  });
  if (choice !== "set" || !values) return;
  await ask(t("locked_title"), t("locked_text"), [{ label: t("ok"), value: "ok", primary: true }]);
  page.restart();
}

// removeLock stores the reader's answers unencrypted again, after asking.
async function removeLock(page, me) {
  const c = await ask(t("remove_lock_title"), t("remove_lock_text"), [
    { label: t("remove_lock"), value: "remove", danger: true }, { label: t("cancel"), value: "cancel", focus: true }]);
  if (c !== "remove") return;
  page.flush();
  await page.store.settled();
  for (const k of page.store.keys()) {
    const text = page.store.raw(k);
    if (text !== null) page.store.storage.setItem(k, text);
  }
  page.store.forget();
  page.readers.update(me.id, { lock: null });
  page.restart();
}
