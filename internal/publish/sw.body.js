// The rest of the service worker; sw.go writes BUILD, BOOK, PRECACHE and
// LATER above this line.
//
// Why pages are network-first (not stale-while-revalidate): a reader online
// must get the text the author deployed, at once, on every page, with no
// notice to read and no second load. Stale-while-revalidate would show the
// previous version of each page once after every deployment, and a reader
// who fills in a worksheet on a page of the old version could type answers
// against fields that have since changed. The network is only skipped when
// it fails or stays silent for PATIENCE ms (a train, a bad connection): then
// the saved copy is shown, and is refreshed in the background.
//
// Fingerprinted assets (/assets/…) never change under one name, so they are
// served cache-first, forever.
//
// Each version keeps its files in its own cache, named after the book and
// the build. Installing copies over the files whose revision did not change
// and downloads the others; activating deletes this book's older caches,
// and only those: caches of anything else on this origin are never touched.
// The worker never reads or writes the reader's answers: they live in
// localStorage, which a worker cannot reach, and nothing here clears it.

// BASE is the site's folder on its host ("" at the root, "/mybook" for a
// site published in a folder): the worker sits at its top, and the URLs
// above are the site's own, so they start with it.
const BASE = new URL(".", self.location.href).pathname.replace(/\/$/, "");
for (const e of [...PRECACHE, ...LATER]) e.url = BASE + e.url;

const PREFIX = `workbook:${BOOK}:`;
const CACHE = PREFIX + BUILD;
const OFFLINE = BASE + "/offline/";
const REVISIONS = BASE + "/__workbook-revisions__";
const PATIENCE = 4000;

self.addEventListener("install", event => {
  event.waitUntil(install().catch(async err => {
    await caches.delete(CACHE); // no half-filled cache; the next visit retries
    throw err;
  }));
});

async function install() {
  const cache = await caches.open(CACHE);
  const previous = await previousCache();
  const had = previous ? await revisions(previous) : {};
  const saved = {};
  const keep = async (entry, required) => {
    try {
      await store(cache, entry, previous, had);
      saved[entry.url] = entry.revision;
    } catch (err) {
      if (required) throw err;
    }
  };
  await Promise.all(PRECACHE.map(e => keep(e, true)));
  // Over budget: pages the reader had opened stay saved, updated.
  await Promise.all(LATER.map(async e => {
    if (previous && await previous.match(e.url)) await keep(e, false);
  }));
  await cache.put(REVISIONS, new Response(JSON.stringify(saved), { headers: { "Content-Type": "application/json" } }));
}

// store saves one entry: copied from the previous cache when its revision
// is unchanged, downloaded past the HTTP cache otherwise.
async function store(cache, entry, previous, had) {
  if (previous && had[entry.url] === entry.revision) {
    const old = await previous.match(entry.url);
    if (old) return cache.put(entry.url, old);
  }
  const res = await fetch(entry.url, { cache: "reload" });
  if (!res.ok) throw new Error(`save ${entry.url} for offline reading: HTTP ${res.status}`);
  return cache.put(entry.url, res);
}

// previousCache is the newest earlier cache of this book, if any.
async function previousCache() {
  const keys = (await caches.keys()).filter(k => k.startsWith(PREFIX) && k !== CACHE);
  return keys.length ? caches.open(keys[keys.length - 1]) : null;
}

async function revisions(cache) {
  const res = await cache.match(REVISIONS);
  try {
    return res ? await res.json() : {};
  } catch {
    return {};
  }
}

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page asks for this when the reader presses "Reload"; a new version
// never takes over on its own while a page of the old one is open.
self.addEventListener("message", event => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", event => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || req.headers.has("range")) return;
  if (url.pathname === BASE + "/sw.js" || url.pathname === REVISIONS) return;
  if (url.pathname.startsWith(BASE + "/assets/")) {
    event.respondWith(cacheFirst(req));
  } else {
    event.respondWith(networkFirst(event, url));
  }
});

async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

function networkFirst(event, url) {
  const req = event.request;
  let keep = Promise.resolve();
  const network = fetch(req).then(res => {
    if (res.ok && res.type === "basic" && !res.redirected) {
      const copy = res.clone();
      keep = caches.open(CACHE).then(cache => cache.put(url.pathname, copy));
    }
    return res;
  });
  event.waitUntil(network.then(() => keep, () => {}).catch(() => {}));
  return networkOrCopy(req, url, network);
}

async function networkOrCopy(req, url, network) {
  const cache = await caches.open(CACHE);
  const copy = await saved(cache, url);
  if (!copy) return network.catch(() => offlineFallback(req, cache));
  const slow = new Promise(resolve => setTimeout(() => resolve(copy), PATIENCE));
  // A server error (a host having a bad moment) is worse than the saved copy.
  const fresh = network.then(res => (res.status >= 500 ? copy : res), () => copy);
  return Promise.race([fresh, slow]);
}

// saved finds the copy of a page, with or without its trailing slash.
async function saved(cache, url) {
  const opts = { ignoreSearch: true, ignoreVary: true };
  return (await cache.match(url.pathname, opts)) ||
    (!url.pathname.endsWith("/") && (await cache.match(url.pathname + "/", opts))) || null;
}

async function offlineFallback(req, cache) {
  if (req.mode === "navigate") {
    const page = await cache.match(OFFLINE);
    if (page) return page;
  }
  return Response.error();
}
