// On the offline page, marks the chapters that are not saved on this device
// yet, so the reader knows which links will open without a connection. It
// only reads the caches; the service worker owns them.
import { t } from "./strings.js";


export async function markSavedChapters() {
  if (document.body.dataset.page !== "offline" || !window.caches) return;
  for (const link of document.querySelectorAll(".chapter-list a")) {
    const path = new URL(link.href).pathname;
    const hit = await caches.match(path, { ignoreSearch: true }).catch(() => null);
    if (hit) continue;
    const note = document.createElement("span");
    note.className = "not-saved";
    note.textContent = t("not_saved_yet");
    link.after(note);
  }
}
