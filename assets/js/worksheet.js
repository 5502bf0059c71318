// One worksheet on the page: restores saved answers, saves as the reader
// types (debounced), keeps two tabs in step field by field, shows progress
// and answers the author has since removed.

import { t } from "./strings.js";
import { answered, emptyRecord, merge, tick } from "./store.js";
import { ENTRY_BOX, addListEntry, fieldLabel, fieldValue, fitEntry, numberEntries, setFieldValue } from "./fields.js";
import { say } from "./status.js";
import { ask } from "./later.js";
import { emptyValue, entriesLine, entryHeadingId, makeEntry, newestFirst, showEntries } from "./journal.js";
import { whenSaved } from "./summary.js";
import { carryRenamed, clearOrphans, gone, showOrphans } from "./renamed.js";
import { noticeReplaced, takeBack } from "./replaced.js";

const SAVE_DELAY = 400;

// warnings are what the status line says when answers could not be saved
// or read as usual: calm, and always with what to do next.
export const warnings = {
  quota: t("storage_full"),
  unavailable: t("storage_unavailable"),
  corrupt: t("storage_corrupt"),
  newer: t("storage_newer"),
};

// stamps is a record's fingerprint: every change of a field changes its
// time, and a journal's entries and deletions are listed by id.
function stamps(record) {
  return JSON.stringify([Object.entries(record.fields).map(([id, f]) => [id, f.updated]).sort(),
    Object.keys(record.entries).sort(), Object.keys(record.deleted).sort()]);
}

export class Worksheet {
  constructor(section, store) {
    this.section = section;
    this.store = store;
    this.id = section.dataset.worksheet;
    this.fields = [...section.querySelectorAll(".field[data-field]")];
    this.status = section.querySelector("[data-ws-status]");
    this.timer = 0;
    this.record = emptyRecord();
    this.saved = stamps(this.record);
    this.readOnly = false;
    this.repeat = section.hasAttribute("data-repeat");
    this.typed = new Map(); // field id -> what this tab last wrote in it
    this.replaced = new Map(); // field id -> what this tab wrote, replaced from another tab
  }

  start() {
    // On a slow phone the form shows before this script runs: what the
    // reader typed or ticked meanwhile is kept where nothing is saved.
    const early = this.fields.map(el => [el, fieldValue(el)]).filter(([, v]) => v.length > 0);
    this.section.classList.add("ws-live");
    for (const el of this.section.querySelectorAll("[data-ws-repeat]")) el.hidden = false;
    const { record, problem } = this.store.open(this.id);
    this.readOnly = problem === "newer";
    this.record = this.migrate(record);
    this.saved = stamps(this.record);
    this.showAll();
    if (problem) say(this.status, warnings[problem], "warn");
    else if (this.count() > 0) say(this.status, t("answers_back"));
    else if (Object.keys(this.record.entries).length) say(this.status, t("entries_below"));
    this.listen();
    if (this.readOnly) return;
    for (const [el, value] of early) {
      if (this.record.fields[el.dataset.field]) continue;
      setFieldValue(el, value);
      this.changed(el.querySelector("input, textarea"));
    }
  }

  listen() {
    const s = this.section;
    s.addEventListener("input", e => { fitEntry(e.target); this.changed(e.target); });
    s.addEventListener("change", e => this.changed(e.target));
    s.addEventListener("click", e => this.clicked(e));
    s.addEventListener("beforeinput", e => this.lineBreak(e));
    s.addEventListener("keydown", e => this.lineBreak(e));
    s.addEventListener("submit", e => e.preventDefault());
    document.addEventListener("workbook:stored", e => this.storedElsewhere(e.detail));
    window.addEventListener("pagehide", () => this.flush());
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") this.flush(); });
  }

  // migrate carries answers saved under a field's earlier ids over to its
  // current id (see renamed.js) and saves the record when any moved.
  migrate(record) {
    if (carryRenamed(record, this.fields) && !this.readOnly) this.store.write(this.id, record);
    return record;
  }

  showAll() {
    for (const el of this.fields) this.showField(el);
    this.showOrphans();
    this.showProgress();
    this.showEntries();
  }

  showEntries() {
    const now = JSON.stringify(this.record.entries);
    if (now === this.entriesShown) return;
    this.entriesShown = now;
    showEntries(this.section, this.id, this.record, this.fields);
  }

  showField(el) {
    const f = this.record.fields[el.dataset.field];
    setFieldValue(el, f ? f.value : "");
    this.showClear(el);
  }

  // showClear offers "Clear this answer" on a choice or a scale once it has
  // an answer: a click on a ticked radio leaves it ticked.
  showClear(el) {
    const button = el.querySelector("[data-clear-field]");
    if (button) button.hidden = fieldValue(el) === "";
  }

  // clearField takes a choice or scale answer back like any edit, and puts
  // the focus on the first option rather than losing it with the button.
  clearField(el) {
    setFieldValue(el, "");
    this.changed(el);
    el.querySelector("input").focus();
  }

  fieldOf(target) { return target.closest && target.closest(".field[data-field]"); }

  changed(target) {
    const el = this.fieldOf(target);
    if (!el || !this.section.contains(el)) return;
    let value = fieldValue(el);
    this.showClear(el);
    const old = this.record.fields[el.dataset.field];
    // Ticks of options the author has since removed have no box to keep
    // them: they stay in the answer, listed with the orphans, until cleared.
    if (el.dataset.type === "checklist" && old) value = value.concat(gone(el, old.value));
    // A box losing focus fires "change" with nothing new: keep the time of
    // the real edit, so it can't win over a later one from another tab.
    if (old && JSON.stringify(old.value) === JSON.stringify(value)) return;
    this.record.fields[el.dataset.field] = { value, updated: tick(old && old.updated), label: fieldLabel(el) };
    this.typed.set(el.dataset.field, JSON.stringify(value));
    this.showProgress();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY);
  }

  clicked(e) {
    if (e.target.closest("[data-save-entry]")) return this.saveEntry();
    const back = e.target.closest("[data-put-back]");
    if (back) return this.putBack(this.fieldOf(back));
    const del = e.target.closest("[data-delete-entry]");
    if (del) return this.deleteEntry(del.dataset.deleteEntry, del);
    const el = this.fieldOf(e.target);
    if (!el) return;
    if (e.target.closest("[data-clear-field]")) {
      this.clearField(el);
    } else if (e.target.closest("[data-add]")) {
      addListEntry(el);
    } else if (e.target.closest("[data-remove]")) {
      this.removeEntry(el, e.target.closest(".list-entry"));
    }
  }

  // lineBreak lets Enter in a list entry start the next entry, as in a
  // notebook: the line break it would type, from a keyboard or a phone's
  // (or Enter in an <input> entry, which types none).
  lineBreak(e) {
    const enter = /^insert(LineBreak|Paragraph)$/.test(e.inputType) || (e.key === "Enter" && !e.isComposing && e.target.matches("input"));
    const entry = enter && e.target.closest(".list-entry");
    if (!entry) return;
    e.preventDefault();
    addListEntry(this.fieldOf(entry), true, entry);
  }

  removeEntry(el, entry) {
    const list = entry.parentElement;
    if (list.children.length > 1) {
      const next = entry.nextElementSibling || entry.previousElementSibling;
      entry.remove();
      numberEntries(el);
      next.querySelector(ENTRY_BOX).focus();
    } else {
      entry.querySelector(ENTRY_BOX).value = "";
    }
    this.changed(list);
  }

  // flush writes pending changes now, merged with what another tab saved.
  flush(message = t("saved")) {
    clearTimeout(this.timer);
    this.timer = 0;
    if (this.readOnly || !this.dirty()) return;
    const { record: stored, problem } = this.store.read(this.id);
    if (problem === "newer") {
      this.readOnly = true;
      say(this.status, warnings.newer, "warn");
      return;
    }
    const before = this.record;
    this.record = merge(stored, before);
    this.record.updated = new Date().toISOString();
    const noticed = this.noticeReplaced(before);
    const trouble = this.store.write(this.id, this.record);
    this.saved = stamps(this.record);
    this.showChangedSince(before);
    this.showEntries();
    this.showProgress();
    if (trouble || !noticed) say(this.status, trouble ? warnings[trouble] : message, trouble ? "warn" : "ok");
    document.dispatchEvent(new CustomEvent("workbook:saved", { detail: { worksheet: this.id, problem: trouble } }));
  }

  dirty() { return this.saved !== stamps(this.record); }

  // storedElsewhere follows another tab of this book: its saved answers are
  // merged in, and a worksheet it cleared is cleared here too.
  storedElsewhere(e) {
    if (e.key !== null && e.key !== this.store.key(this.id)) return;
    if (this.store.raw(this.store.key(this.id)) === null) {
      const held = Object.keys(this.record.fields).length + Object.keys(this.record.entries).length;
      if (held) this.clear(t("cleared_elsewhere"));
      return;
    }
    const { record, problem } = this.store.read(this.id);
    if (problem === "newer") return;
    const before = this.record;
    this.record = merge(record, before);
    this.saved = stamps(record);
    this.noticeReplaced(before);
    this.showChangedSince(before);
    this.showOrphans();
    this.showProgress();
    this.showEntries();
    if (this.dirty() && !this.timer) this.timer = setTimeout(() => this.flush(), SAVE_DELAY);
  }

  showChangedSince(before) {
    for (const el of this.fields) {
      const f = this.record.fields[el.dataset.field];
      const was = before.fields[el.dataset.field];
      if (f && (!was || f.updated !== was.updated)) this.showField(el);
    }
  }

  // noticeReplaced tells the reader of answers this tab wrote that a
  // later edit in another tab replaced (see replaced.js).
  noticeReplaced(before) {
    const labels = noticeReplaced(this, before);
    for (const label of labels) {
      say(this.status, t("replaced_status", { label }), "warn");
    }
    return labels.length;
  }

  // putBack makes the text this tab wrote the answer again, as a new edit.
  putBack(el) {
    const value = el && takeBack(this, el);
    if (value === undefined) return;
    setFieldValue(el, value);
    this.changed(el);
    this.flush(t("put_back_saved"));
    const input = el.querySelector("input, textarea");
    if (input) input.focus();
  }

  // reload shows what is stored now, e.g. after a backup was restored.
  reload() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.record = this.migrate(this.store.read(this.id).record);
    this.saved = stamps(this.record);
    this.showAll();
  }

  count() {
    return this.fields.filter(el => answered((this.record.fields[el.dataset.field] || {}).value)).length;
  }

  showProgress() {
    const p = this.section.querySelector("[data-ws-progress]");
    if (!p) return;
    const n = this.count();
    p.hidden = false;
    p.textContent = t("answered", { done: n, n: this.fields.length }) + (this.repeat ? ` · ${entriesLine(this.record)}` : "");
    this.section.dataset.progress = n === 0 ? "" : (n === this.fields.length ? "complete" : "started");
  }

  showOrphans() { showOrphans(this.section, this.record, this.fields); }

  // clearOrphans empties the answers to fields the author removed.
  clearOrphans() {
    clearOrphans(this.record, this.fields);
    this.flush();
    this.showOrphans();
  }

  // saveEntry files the answers being written as a dated entry of the
  // journal and empties the questions for the next one.
  saveEntry() {
    if (this.readOnly) return say(this.status, warnings.newer, "warn");
    const now = new Date().toISOString();
    const made = makeEntry(this.record, this.fields, now);
    if (!made) return say(this.status, t("entry_empty"));
    this.record.entries[made.id] = made.entry;
    for (const el of this.fields) {
      const old = this.record.fields[el.dataset.field];
      this.record.fields[el.dataset.field] = { value: emptyValue(el), updated: tick(old && old.updated), label: fieldLabel(el) };
      this.showField(el);
    }
    this.flush(t("entry_saved", { when: whenSaved(now) }));
    this.focusEntry(made.id);
  }

  // deleteEntry asks first; the focus then moves to the next entry down
  // (or up, or to the list's heading), never lost to the page's top.
  async deleteEntry(id, button) {
    const entry = this.record.entries[id];
    if (!entry || this.readOnly) return;
    const c = await ask(t("delete_entry_title"), t("delete_entry_text", { when: whenSaved(entry.saved) }), [
      { label: t("delete_entry"), value: "delete", danger: true }, { label: t("cancel"), value: "cancel", focus: true }]);
    if (c !== "delete") return button.focus();
    const ids = newestFirst(this.record);
    const at = ids.indexOf(id);
    const next = ids[at + 1] || ids[at - 1];
    delete this.record.entries[id];
    this.record.deleted[id] = new Date().toISOString();
    this.flush(t("entry_deleted"));
    this.focusEntry(next);
  }

  focusEntry(id) {
    const targets = [id && document.getElementById(entryHeadingId(this.id, id)),
      this.section.querySelector("[data-ws-entries] h3"), this.section.querySelector("[data-save-entry]"),
      this.section.querySelector("[data-print]")];
    const target = targets.find(el => el && !el.closest("[hidden]"));
    if (target) target.focus();
  }

  clear(message = t("cleared")) {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.clear(this.id);
    this.record = emptyRecord();
    this.saved = stamps(this.record);
    this.showAll();
    say(this.status, message);
  }
}
