// Registers the service worker that keeps the book readable offline, and
// tells the reader calmly when a new version is ready. It never reloads the
// page by itself: the reader may be typing. Only the "Reload" button does.
//
// Pages say which worker to register in <body data-sw>; the preview server
// leaves it out, and then any worker left on this origin is unregistered so
// an author never looks at a cached page. Without service workers (an old
// browser, a file opened from disk) the book is plain HTML and still works.

import { t } from "./strings.js";
import { banner } from "./status.js";

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const sw = navigator.serviceWorker;
  const script = document.body.dataset.sw;
  if (!script) {
    sw.getRegistrations().then(regs => regs.forEach(r => r.unregister())).catch(() => {});
    return;
  }
  const wasControlled = Boolean(sw.controller);
  let reloading = false;
  const offer = worker => banner("update", t("update_ready"), {
    label: t("reload"),
    run: () => {
      if (reloading) return;
      reloading = true;
      if (worker && worker.state === "installed") {
        worker.postMessage({ type: "SKIP_WAITING" });
        setTimeout(() => location.reload(), 5000); // in case the new worker never takes over
      } else {
        location.reload();
      }
    },
  });
  sw.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
    else if (wasControlled) offer(null); // another tab took the new version
  });
  // Its scope is its folder: the site's, at the root or in a folder of the host.
  sw.register(script).then(reg => {
    if (reg.waiting && sw.controller) offer(reg.waiting);
    if (!wasControlled && reg.installing) toldWhenSaved(reg.installing);
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && sw.controller) offer(worker);
      });
    });
    // Look for a new version when the reader comes back to the tab or the
    // connection comes back.
    const check = () => reg.update().catch(() => {});
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
    window.addEventListener("online", check);
  }).catch(() => { /* the book still works online without it */ });
}

// toldWhenSaved says once, quietly, that the book now opens without a
// connection: on the first visit, when the first worker has saved it.
function toldWhenSaved(worker) {
  worker.addEventListener("statechange", () => {
    if (worker.state !== "activated") return;
    const b = banner("offline-ready", t("offline_ready"), {
      label: t("ok"),
      run: () => b.remove(),
    });
    b?.classList.add("banner-quiet");
  });
}
