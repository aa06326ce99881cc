// The offline service worker: after one visit over https (or on localhost) the
// whole site, the Python runtime included, comes from a cache, so the planner
// works without network.
//
// One build, one cache. The build step (overrides/hooks/release.py) writes the
// site's file list and a build id, a digest of every file, into MANIFEST below;
// a new deploy changes this file, so the browser installs the new worker beside
// the old one. The new worker fills a cache of its own, in full, before it
// takes over, and takes over only when no page of the old build is open (no
// skipWaiting): a page never gets files from two builds. Then the old cache goes.
//
// Without a manifest (`mkdocs serve`, or a site copied without the build step)
// the worker clears our caches and serves nothing: pages go to the network.

const MANIFEST = null;
const PREFIX = "samtalsplan-";
const CACHE = MANIFEST && `${PREFIX}${MANIFEST.build}`;

// File URLs are relative to this script, which sits at the site's root: the
// site works the same under any sub-path.
const urlOf = (path) => new URL(path, self.location.href).href;

self.addEventListener("install", (event) => {
  if (!MANIFEST) {
    self.skipWaiting();
    return;
  }
  // `no-cache`: revalidate with the server, so no stale copy of an earlier
  // build from the HTTP cache ends up in this build's cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(MANIFEST.files.map((path) => new Request(urlOf(path), { cache: "no-cache" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
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
  if (!cached) return fetch(request);
  if (request.method === "HEAD") {
    return new Response(null, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
  }
  return cached;
}
