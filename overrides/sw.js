// The offline service worker: after one visit over https (or on localhost)
// the site comes from a cache, so the guidance and the planner work without
// network.
//
// One build, one cache. The build step (samtalsplan_site/service_worker.py) writes the
// site's file list and a build id, a digest of every file, into MANIFEST below;
// a new deploy changes this file, so the browser installs the new worker beside
// the old one. The new worker fills a cache of its own before it takes over,
// and takes over only when no page of the old build is open (no skipWaiting):
// a page never gets files from two builds. Then the old cache goes.
//
// The Python runtime and our wheel (MANIFEST.python, about 14 MB) are not
// fetched on install: a guidance page must not cost a reader Pyodide's bytes.
// They are kept once a page has run Python (offline.js asks, after
// "python-ready", so the files come from the HTTP cache the worker just
// filled), or when the organisation lets guidance pages fetch them at idle.
// Their names carry a version, so a copy from any cache is the right one.
// The wheels only some calls need (MANIFEST.extras: XlsxWriter, for the team's
// workbook, 0.5 MB) are kept when a page first fetches one, not before.
//
// Without a manifest (`mkdocs serve`, or a site copied without the build step)
// the worker clears our caches and serves nothing: pages go to the network.

const MANIFEST = null;
const CACHE = MANIFEST && `samtalsplan-${MANIFEST.build}`;
// Our per-build caches; other samtalsplan caches (Python's start-up state,
// start-state.mjs) are not ours to delete.
const BUILD_CACHE = /^samtalsplan-[0-9a-f]{16}$/;
// The message a page sends to have the Python files kept (offline.js).
const KEEP_PYTHON = "samtalsplan:keep-python";

// File URLs are relative to this script, which sits at the site's root: the
// site works the same under any sub-path.
const urlOf = (path) => new URL(path, self.location.href).href;
const EXTRAS = new Set((MANIFEST?.extras ?? []).map(urlOf));

self.addEventListener("install", (event) => {
  if (!MANIFEST) {
    self.skipWaiting();
    return;
  }
  // `no-cache`: revalidate with the server, so no stale copy of an earlier
  // build from the HTTP cache ends up in this build's cache.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(MANIFEST.files.map((path) => new Request(urlOf(path), { cache: "no-cache" })));
    // Python files an earlier build kept stay kept, if this build has them too.
    for (const path of [...MANIFEST.python, ...MANIFEST.extras]) {
      const kept = await caches.match(urlOf(path));
      if (kept) await cache.put(urlOf(path), kept);
    }
  })());
});

self.addEventListener("message", (event) => {
  if (MANIFEST && event.data === KEEP_PYTHON) event.waitUntil(keepPython());
});

async function keepPython() {
  const cache = await caches.open(CACHE);
  for (const path of MANIFEST.python) {
    if (await cache.match(urlOf(path))) continue;
    const response = await fetch(urlOf(path));
    if (response.ok) await cache.put(urlOf(path), response);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (BUILD_CACHE.test(name) && name !== CACHE) await caches.delete(name);
    }
    // Take the pages that opened before the first install: there is no older
    // build they could be mixed with.
    await self.clients.claim();
  })());
});

if (MANIFEST) {
  self.addEventListener("fetch", (event) => {
    const { request } = event;
    if (request.method !== "GET" && request.method !== "HEAD") return;
    // `no-store` asks for the server's answer now (the self-check does).
    if (request.cache === "no-store") return;
    if (new URL(request.url).origin !== self.location.origin) return;
    event.respondWith(fromCache(request));
  });
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  // The planner's worker asks for the runtime with HEAD first (a MIME type check):
  // answer it from the cached GET.
  const cached = await cache.match(request, { ignoreSearch: true, ignoreMethod: true });
  if (!cached) return fetchAndKeepExtra(cache, request);
  if (request.method === "HEAD") {
    return new Response(null, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
  }
  return cached;
}

// From the network; an extra wheel (MANIFEST.extras) is kept on its way to the
// page, so the step that needed it works offline from then on.
async function fetchAndKeepExtra(cache, request) {
  const response = await fetch(request);
  if (request.method === "GET" && response.ok && EXTRAS.has(request.url)) {
    await cache.put(request.url, response.clone());
  }
  return response;
}
