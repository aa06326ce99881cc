// Registers the offline service worker (overrides/sw.js, at the site's root).
// The root is found from this script's own URL, so the site works under any
// path. Browsers run service workers on https and on localhost only; elsewhere
// the site simply stays online-only.
//
// The worker's first install fetches the whole site, so it is registered once
// the page has done its own work: once the page is idle, and on a page that
// runs Python once Python has started ("python-ready") and the person pauses
// typing, so that the copying does not slow the hints as they type.
// It keeps the Python runtime only when asked (sw.js says why): once this page
// has started Python, or, where the organisation allows it
// (extra.samtalsplan.prefetch_python), once a guidance page is idle.
const root = new URL("../../", import.meta.url);
const KEEP_PYTHON = "samtalsplan:keep-python";
// The form pages (their status line says when Python is ready, session.mjs).
const runsPython = document.querySelector("[data-sp-status]") !== null;
// A page whose Python never starts still gets offline use, a little later.
const PYTHON_PATIENCE_MS = 30_000;

if ("serviceWorker" in navigator && window.isSecureContext) {
  let registered = null;
  const register = () => (registered ??= navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.href })
    .catch((error) => console.warn("samtalsplan: offline use is off:", error)));
  if (runsPython) {
    pythonReady().then(pauseInTyping).then(() => {
      register();
      keepPython();
    });
    setTimeout(register, PYTHON_PATIENCE_MS);
  } else {
    whenIdle(() => {
      register();
      if (document.querySelector('meta[name="samtalsplan:prefetch-python"]')) keepPython();
    });
  }
}

async function keepPython() {
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage(KEEP_PYTHON);
}

// Resolves when the page marks "python-ready" (session.mjs).
function pythonReady() {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      if (!list.getEntriesByName("python-ready").length) return;
      observer.disconnect();
      resolve();
    }).observe({ type: "mark", buffered: true });
  });
}

// Resolves once nobody has typed or clicked for a moment.
function pauseInTyping(quietMs = 2_000) {
  return new Promise((resolve) => {
    let timer;
    const events = ["keydown", "pointerdown", "input"];
    const wait = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const type of events) document.removeEventListener(type, wait, true);
        resolve();
      }, quietMs);
    };
    for (const type of events) document.addEventListener(type, wait, true);
    wait();
  });
}

function whenIdle(then) {
  const idle = () => ("requestIdleCallback" in window
    ? window.requestIdleCallback(then, { timeout: 5_000 })
    : setTimeout(then, 1_000));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}
