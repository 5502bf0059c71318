// One worksheet on the page: restores saved answers, saves as the reader
// types (debounced), keeps two tabs in step field by field, shows progress
// and answers the author has since removed.

import { answered, emptyRecord, merge } from "./store.js";
import { addListEntry, fieldValue, setFieldValue } from "./fields.js";
import { say } from "./status.js";

const SAVE_DELAY = 400;

export class Worksheet {
  constructor(section, store) {
    this.section = section;
    this.store = store;
    this.id = section.dataset.worksheet;
    this.fields = [...section.querySelectorAll(".field[data-field]")];
    this.status = section.querySelector("[data-ws-status]");
    this.timer = 0;
    this.record = emptyRecord();
  }

  start() {
    this.section.classList.add("ws-live");
    const { record, corrupt } = this.store.read(this.id);
    this.record = this.migrate(record);
    this.saved = JSON.stringify(this.record.fields);
    this.showAll();
    if (corrupt) {
      say(this.status, "Some saved answers here could not be read. They were set aside, not deleted, and are still in your downloaded backup file.", "warn");
    } else if (this.count() > 0) {
      say(this.status, "Your saved answers are back.");
    }
    this.section.addEventListener("input", e => this.changed(e.target));
    this.section.addEventListener("change", e => this.changed(e.target));
    this.section.addEventListener("click", e => this.clicked(e));
    window.addEventListener("storage", e => { if (e.key === this.store.key(this.id)) this.syncFromOtherTab(); });
    window.addEventListener("pagehide", () => this.flush());
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") this.flush(); });
  }

  // migrate carries answers saved under a field's earlier ids (was:) over to
  // its current id. Nothing is dropped: unknown ids stay as orphans.
  migrate(record) {
    let moved = false;
    for (const el of this.fields) {
      const id = el.dataset.field;
      for (const old of (el.dataset.was || "").split(" ").filter(Boolean)) {
        const prev = record.fields[old];
        if (!prev) continue;
        if (!record.fields[id] || prev.updated > record.fields[id].updated) record.fields[id] = prev;
        delete record.fields[old];
        moved = true;
      }
    }
    if (moved) this.store.write(this.id, record);
    return record;
  }

  showAll() {
    for (const el of this.fields) {
      const f = this.record.fields[el.dataset.field];
      setFieldValue(el, f ? f.value : "");
    }
    this.showOrphans();
    this.showProgress();
  }

  fieldOf(target) { return target.closest && target.closest(".field[data-field]"); }

  changed(target) {
    const el = this.fieldOf(target);
    if (!el || !this.section.contains(el)) return;
    const value = fieldValue(el);
    this.record.fields[el.dataset.field] = { value, updated: new Date().toISOString() };
    this.showProgress();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY);
  }

  clicked(e) {
    const el = this.fieldOf(e.target);
    if (!el) return;
    if (e.target.closest("[data-add]")) {
      addListEntry(el);
    } else if (e.target.closest("[data-remove]")) {
      const entry = e.target.closest(".list-entry");
      const list = entry.parentElement;
      if (list.children.length > 1) {
        const next = entry.nextElementSibling || entry.previousElementSibling;
        entry.remove();
        next.querySelector("input").focus();
      } else {
        entry.querySelector("input").value = "";
      }
      this.changed(list);
    }
  }

  // flush writes pending changes now, merged with what another tab saved.
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (!this.dirty()) return;
    const { record: stored } = this.store.read(this.id);
    this.record = merge(stored, this.record);
    this.record.updated = new Date().toISOString();
    this.record.total = this.fields.length;
    const problem = this.store.write(this.id, this.record);
    this.saved = JSON.stringify(this.record.fields);
    if (problem === "quota") {
      say(this.status, "This device's storage is full, so new answers are kept only while this page is open. Download your answers to keep them safe.", "warn");
    } else if (problem) {
      say(this.status, "This browser is not letting the book save answers (private mode or blocked storage). They are kept only while this page is open. Download them to keep them.", "warn");
    } else {
      say(this.status, "Saved on this device.");
    }
    document.dispatchEvent(new CustomEvent("workbook:saved", { detail: { worksheet: this.id } }));
  }

  dirty() { return this.saved !== JSON.stringify(this.record.fields); }

  syncFromOtherTab() {
    const { record } = this.store.read(this.id);
    const mine = this.record;
    this.record = merge(record, mine);
    for (const el of this.fields) {
      const f = this.record.fields[el.dataset.field];
      const before = mine.fields[el.dataset.field];
      if (f && (!before || f.updated !== before.updated)) {
        setFieldValue(el, f.value);
      }
    }
    this.saved = JSON.stringify(record.fields);
    this.showOrphans();
    this.showProgress();
  }

  reload() {
    this.record = this.migrate(this.store.read(this.id).record);
    this.saved = JSON.stringify(this.record.fields);
    this.showAll();
  }

  count() {
    return this.fields.filter(el => answered((this.record.fields[el.dataset.field] || {}).value)).length;
  }

  showProgress() {
    const p = this.section.querySelector("[data-ws-progress]");
    if (!p) return;
    p.hidden = false;
    p.textContent = `${this.count()} of ${this.fields.length} answered`;
  }

  orphans() {
    const current = new Set(this.fields.map(el => el.dataset.field));
    return Object.entries(this.record.fields).filter(([id, f]) => !current.has(id) && answered(f.value));
  }

  showOrphans() {
    const box = this.section.querySelector("[data-ws-orphans]");
    if (!box) return;
    const list = box.querySelector("[data-orphan-list]");
    list.replaceChildren();
    const orphans = this.orphans();
    for (const [id, f] of orphans) {
      const dt = document.createElement("dt");
      dt.textContent = id.replace(/-/g, " ");
      const dd = document.createElement("dd");
      dd.textContent = Array.isArray(f.value) ? f.value.join(", ") : String(f.value);
      list.append(dt, dd);
    }
    box.hidden = orphans.length === 0;
  }

  clearOrphans() {
    for (const [id] of this.orphans()) delete this.record.fields[id];
    this.store.write(this.id, this.record);
    this.saved = JSON.stringify(this.record.fields);
    this.showOrphans();
  }

  clear() {
    clearTimeout(this.timer);
    this.store.clear(this.id);
    this.record = emptyRecord();
    this.saved = JSON.stringify(this.record.fields);
    this.showAll();
    say(this.status, "This worksheet was cleared on this device.");
  }
}
