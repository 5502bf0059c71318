// The rest of the service worker; sw.go writes BUILD, BOOK and PRECACHE
// above this line.
//
// Pages are fetched network-first: after a new deployment a reader online
// gets the new text at once, never a pinned old copy, and offline the saved
// copy is served. Fingerprinted assets (/assets/…) never change under one
// name, so they are served cache-first. The worker never touches the
// reader's answers: they live in localStorage, which workers cannot reach.

const CACHE = `workbook-${BOOK}-${BUILD}`;
const OFFLINE = "/offline/";

self.addEventListener("install", event => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(PRECACHE.map(async url => {
    if (url.startsWith("/assets/")) {
      const old = await caches.match(url);
      if (old) return cache.put(url, old);
    }
    const res = await fetch(url, { cache: "reload" });
    if (!res.ok) throw new Error(`precache ${url}: ${res.status}`);
    return cache.put(url, res);
  }));
}

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("workbook-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", event => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", event => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(req));
  } else if (req.mode === "navigate" || req.headers.get("accept")?.includes("text/html")) {
    event.respondWith(networkFirst(req));
  } else {
    event.respondWith(networkFirst(req));
  }
});

async function cacheFirst(req) {
  const hit = await caches.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) (await caches.open(CACHE)).put(req, res.clone());
  return res;
}

async function networkFirst(req) {
  try {
    const res = await fetch(req);
    if (res.ok) (await caches.open(CACHE)).put(req, res.clone());
    return res;
  } catch (err) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req, { ignoreSearch: true }) || await caches.match(req, { ignoreSearch: true });
    if (hit) return hit;
    if (req.mode === "navigate") {
      const offline = await caches.match(OFFLINE);
      if (offline) return offline;
    }
    throw err;
  }
}
