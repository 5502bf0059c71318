// workbook serve answers /sw.js with this worker. A published copy of the
// book opened on this origin earlier may have installed its offline worker,
// which would keep answering with saved pages; the browser looks for a new
// /sw.js when a page of the origin opens, finds this one, and it removes the
// saved copies and itself, then reloads the open tabs from the network.
// The readers' answers are in localStorage, which this does not touch.
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    // A published book names its caches "workbook:<book id>:<build>".
    await Promise.all(names.filter(n => n.startsWith("workbook:")).map(n => caches.delete(n)));
    await self.registration.unregister();
    const tabs = await self.clients.matchAll({ type: "window" });
    for (const tab of tabs) tab.navigate(tab.url).catch(() => {});
  })());
});
