// Side by side: two readers' answers to one worksheet next to each other.
// On one device, "Compare with …" shows the other reader's answers only
// when that reader agrees on purpose, there and then: typing their
// passphrase, or tapping t("show_mine"). Across two devices, "Share my answers
// to this worksheet" saves a file; the partner restores it, and it is kept
// apart from their own answers (see backup.js), read-only, shown here next
// to theirs until they remove it. Nothing shown is saved again.

import { t } from "./strings.js";
import { later } from "./later.js";
import { sharedKey } from "./store.js";
import { button } from "./status.js";

// The side-by-side view itself is loaded when it is first shown.
const view = () => later(() => import("./sidebyside.js"));

export function setupCompare(page) {
  const shared = () => {
    for (const ws of page.live) {
      if (page.store.raw(sharedKey(page.store, ws.id))) view().then(m => m.showShared(page, ws));
    }
  };
  for (const ws of page.live) {
    const actions = ws.section.querySelector(".ws-actions");
    if (!actions) continue;
    const others = page.readers.list.filter(r => r.id !== page.reader.id);
    for (const other of others) {
      actions.append(button(t("compare_with", { name: page.readers.name(other) }), "compareWith", () => view().then(m => m.compareWith(page, ws, other))));
    }
    actions.append(button(t("share_button"), "share", () => view().then(m => m.share(page, ws))));
  }
  shared();
  document.addEventListener("workbook:restored", shared);
}
