// Registers the offline service worker (overrides/sw.js, at the site's root).
// The root is found from this script's own URL, so the site works under any
// path. Browsers run service workers on https and on localhost only; elsewhere
// the site simply stays online-only.
const root = new URL("../../", import.meta.url);

if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.href })
    .catch((error) => console.warn("samtalsplan: offline use is off:", error));
}
