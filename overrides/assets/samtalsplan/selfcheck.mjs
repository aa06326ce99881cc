// The admin self-check (/systemkontroll/): checks, from the visitor's browser
// and against this very server, what the planner needs. Every check resolves
// to {state: "ok" | "warn" | "fail", key, params}: "fail" means the planner
// cannot work, "warn" that it works but slower or online only. The page shows
// the fix (check.<name>.fix) for every line that is not OK.
import { startPython } from "./client.mjs";

const JS_TYPES = new Set(["text/javascript", "application/javascript"]);
const YEAR_ENOUGH = 24 * 3600; // a max-age of a day or more counts as cached

const CHECKS = {
  wasm_mime: async ({ runtime }) => {
    const type = mediaType(await headersOf(`${runtime}pyodide.asm.wasm`), "content-type");
    return type === "application/wasm"
      ? ok("check.wasm_mime.ok")
      : fail("check.wasm_mime.fail", { type: type || "?" });
  },

  mjs_mime: async ({ runtime }) => {
    const type = mediaType(await headersOf(`${runtime}pyodide.mjs`), "content-type");
    return JS_TYPES.has(type)
      ? ok("check.mjs_mime.ok", { type })
      : fail("check.mjs_mime.fail", { type: type || "?" });
  },

  csp: async () => {
    try {
      // The smallest valid module: a CSP without 'wasm-unsafe-eval' refuses it.
      await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return ok("check.csp.ok");
    } catch {
      return fail("check.csp.fail");
    }
  },

  // The planner's own worker client, so this checks exactly what the planner runs.
  python: async ({ config, text }) => {
    try {
      const reply = await startPython(config).call({ op: "check", lang: config.lang, state: {} });
      if (!Array.isArray(reply.result?.feedback?.fields)) throw new Error(JSON.stringify(reply));
      return ok("check.python.ok");
    } catch (error) {
      return fail("check.python.fail", { message: describe(error, text) });
    }
  },

  storage: async () => {
    try {
      const key = "samtalsplan-selfcheck";
      localStorage.setItem(key, "1");
      const back = localStorage.getItem(key);
      localStorage.removeItem(key);
      if (back !== "1") throw new Error("read back nothing");
      return ok("check.storage.ok");
    } catch (error) {
      return fail("check.storage.fail", { message: String(error?.message ?? error) });
    }
  },

  compression: async ({ runtime }) => {
    const encoding = (await headersOf(`${runtime}pyodide.asm.wasm`)).get("content-encoding");
    return encoding ? ok("check.compression.ok", { encoding }) : warn("check.compression.warn");
  },

  caching: async ({ lockfile }) => {
    const value = (await headersOf(lockfile)).get("cache-control") ?? "";
    const maxAge = Number(/max-age=(\d+)/.exec(value)?.[1] ?? 0);
    return /immutable/.test(value) || maxAge >= YEAR_ENOUGH
      ? ok("check.caching.ok", { value })
      : warn("check.caching.warn", { value: value || "–" });
  },

  offline: async ({ text, root }) => {
    const reason = !window.isSecureContext ? "check.offline.insecure"
      : !("serviceWorker" in navigator) ? "check.offline.unsupported"
      : !(await registration()) ? "check.offline.unregistered"
      : !(await stamped(root)) ? "check.offline.unstamped"
      : null;
    return reason ? warn("check.offline.warn", { message: text(reason) }) : ok("check.offline.ok");
  },
};

const ok = (key, params = {}) => ({ state: "ok", key, params });
const warn = (key, params = {}) => ({ state: "warn", key, params });
const fail = (key, params = {}) => ({ state: "fail", key, params });

// A fetch that answers as soon as the headers arrive, straight from the server
// (`no-store` also passes by the offline service worker).
async function headersOf(url) {
  const controller = new AbortController();
  let response;
  try {
    response = await fetch(url, { cache: "no-store", signal: controller.signal });
  } catch (error) {
    throw { key: "check.fetch_failed", params: { url, status: String(error?.message ?? error) } };
  }
  controller.abort();
  if (!response.ok) throw { key: "check.fetch_failed", params: { url, status: response.status } };
  return response.headers;
}

// offline.js registers the service worker as the page loads: give it a moment.
async function registration(seconds = 5) {
  for (let waited = 0; waited < seconds * 10; waited++) {
    const found = await navigator.serviceWorker.getRegistration();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

// The service worker caches nothing unless the build wrote its file list.
async function stamped(root) {
  const response = await fetch(new URL("sw.js", root), { cache: "no-store" });
  return response.ok && !(await response.text()).includes("const MANIFEST = null;");
}

function mediaType(headers, name) {
  return (headers.get(name) ?? "").split(";")[0].trim().toLowerCase();
}

// A worker start-up error carries a ui.* key; say it in the reader's language.
function describe(error, text) {
  if (error?.key === "ui.error.step") {
    return text(error.key, { ...error.params, step: error.step ? text(`ui.step.${error.step}`) : "" });
  }
  if (error?.key) return text(error.key, { message: error.detail ?? "", ...error.params });
  return String(error?.message ?? error);
}

document$.subscribe(() => {
  const root = document.querySelector("[data-sp-selfcheck]");
  if (root) run(root, JSON.parse(document.getElementById("sp-config").textContent));
});

async function run(root, config) {
  const text = (key, params = {}) =>
    (config.messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
  const absolute = (url) => new URL(url, location.href).href;
  const context = {
    config,
    text,
    root: new URL("../../", import.meta.url), // this script is in assets/samtalsplan/
    runtime: absolute(config.runtime),
    lockfile: absolute(config.lockfile),
  };

  const results = await Promise.all(Object.entries(CHECKS).map(async ([name, check]) => {
    let result;
    try {
      result = await check(context);
    } catch (error) {
      result = fail(error?.key ?? "ui.error.internal", error?.params ?? { message: String(error) });
    }
    show(root.querySelector(`[data-sp-check="${name}"]`), result, text);
    return result;
  }));

  const count = (state) => results.filter((result) => result.state === state).length;
  root.querySelector("[data-sp-check-status]").textContent =
    text("check.status.done", { failed: count("fail"), warned: count("warn") });
  performance.mark("selfcheck-done");
}

function show(item, { state, key, params }, text) {
  item.classList.remove("sp-check__item--pending");
  item.classList.add(`sp-check__item--${state}`);
  item.dataset.spState = state;
  item.querySelector("[data-sp-check-state]").textContent = text(`check.state.${state}`);
  item.querySelector("[data-sp-check-detail]").textContent = text(key, params);
  item.querySelector("[data-sp-check-fix]").hidden = state === "ok";
}
