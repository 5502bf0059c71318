// Registers the service worker that keeps the book readable offline, and
// tells the reader calmly when a new version is ready. It never reloads the
// page by itself: the reader may be typing.

import { banner } from "./status.js";

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || document.body.dataset.preview !== undefined) return;
  if (location.protocol !== "https:" && location.hostname !== "localhost" && location.hostname !== "127.0.0.1") return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(reg => {
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
    // Look for a new version when the reader comes back to the tab.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") reg.update().catch(() => {});
    });
  }).catch(() => { /* the book still works online without it */ });
}

function offerUpdate(worker) {
  banner("update", "A new version of this book is ready.", {
    label: "Reload",
    run: () => {
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
      worker.postMessage({ type: "SKIP_WAITING" });
    },
  });
}
