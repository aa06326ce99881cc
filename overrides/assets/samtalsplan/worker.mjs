// The planner's module worker: boots Pyodide (from the kept start-up state
// when there is one, start-state.mjs), imports our wheel, named with its
// sha256 in the site's lockfile, and answers calls with the Python facade
// samtalsplan.bridge.handle (JSON text in, JSON text out).
import {
  BOOT, CALL, COMPILED, StepError, compileStreamingOrNull, errorMessage, progressMessage, resultMessage,
} from "./protocol.mjs";
import { StartState, release } from "./start-state.mjs";

let booting = null;
let handle = null;
let python = null; // the started Pyodide, for the wheels a call needs
let site = null; // the site's lockfile (its URL and its content), which names those wheels too
const loaded = new Map(); // a wheel a call needed: its name → the promise of its load
let receivePageModule;
const pageModule = new Promise((resolve) => { receivePageModule = resolve; });
let compiled = null; // the runtime's compiled wasm, or null, from the start of boot

// The runtime's wasm is compiled before Pyodide asks for it: by the page or,
// when the page sends null, here as soon as boot starts (client.mjs says
// which). Pyodide has no option to take a compiled module, so its one call to
// instantiateStreaming, in this worker only, instantiates that module instead.
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (response, imports) => {
  const module = await compiled;
  if (!module) return instantiateStreaming(response, imports);
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};
// Pyodide asks for the wasm before it instantiates it; with a compiled module
// here that response would never be read, so it is not fetched at all.
const fetchOnline = self.fetch.bind(self);
self.fetch = async (resource, options) => {
  const wanted = String(resource?.url ?? resource);
  const method = (options?.method ?? resource?.method ?? "GET").toUpperCase();
  if (method === "GET" && wanted.endsWith("/pyodide.asm.wasm") && compiled && (await compiled)) {
    return new Response(new ArrayBuffer(0), { headers: { "Content-Type": "application/wasm" } });
  }
  return fetchOnline(resource, options);
};

self.onmessage = async ({ data: message }) => {
  const { id, kind } = message;
  try {
    if (kind === BOOT) {
      booting ??= boot(message.config);
      self.postMessage(resultMessage(id, await booting));
    } else if (kind === COMPILED) {
      receivePageModule(message.module);
      self.postMessage(resultMessage(id, null));
    } else if (kind === CALL) {
      if (!booting) throw new StepError(null, "ui.error.internal", {}, "call before boot");
      await booting;
      await need(message.needs ?? []);
      self.postMessage(resultMessage(id, handle(message.request)));
    } else {
      throw new StepError(null, "ui.error.internal", {}, `unknown message kind: ${kind}`);
    }
  } catch (error) {
    self.postMessage(errorMessage(id, describe(error)));
  }
};

function describe(error) {
  if (error instanceof StepError) return error;
  return { key: "ui.error.internal", params: { message: String(error?.message ?? error) }, detail: String(error?.stack ?? error) };
}

// Resolves to {startState, wasmBytes}: "used" (started from the kept start-up state),
// "taken" (a normal start that kept one for next time) or "off" (none kept:
// no Cache Storage here, or Pyodide refused). The benchmark and the tests read it.
async function boot({ runtime, lockfile, stdlib, packages }) {
  compiled = pageModule.then((module) => module ?? compileStreamingOrNull(fetchOnline(`${runtime}pyodide.asm.wasm`)));
  self.postMessage(progressMessage("runtime"));
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(`${runtime}pyodide.mjs`));
  } catch (error) {
    throw new StepError("runtime", "ui.error.runtime_missing", { url: `${runtime}pyodide.mjs`, status: String(error) });
  }
  // The preflight runs beside the start-up rather than before it: it costs
  // nothing when all is well, and its error wins when loadPyodide would hang.
  const hangs = preflight(runtime).then(() => new Promise(() => {}));
  // The lockfile is read once, for Pyodide and for our wheels, which download
  // while the runtime starts.
  const lock = fetchLock(lockfile);
  site = { lock, lockfile };
  lock.catch(() => {}); // awaited below; not unhandled meanwhile
  const wheels = fetchWheels(lock, lockfile, packages);
  wheels.catch(() => {}); // awaited below; not unhandled meanwhile
  const start = (options) => Promise.race([
    // The standard library comes with bytecode, from beside our wheel (bytecode.py).
    hangs, loadPyodide({
      indexURL: runtime, lockFileContents: lock, packageBaseUrl: new URL(".", lockfile).href, stdLibURL: stdlib, ...options,
    }),
  ]);

  // The kept state belongs to this runtime and these wheels: the lockfile's
  // URL names the wheels by their sha256.
  const startState = await StartState.open(runtime, lockfile);
  let pyodide = await startFromState(start, startState);
  const used = pyodide !== null;
  if (used) {
    // The state has the package imported, but files live outside it: put the
    // wheels back for what the package reads later (its message catalogues).
    putWheels(pyodide, await wheels);
  } else {
    pyodide = await start({ _makeSnapshot: startState !== null });
    self.postMessage(progressMessage("package"));
    const paths = putWheels(pyodide, await wheels);
    pyodide.runPython(`import sys; sys.path[:0] = ${JSON.stringify(paths)}`);
  }

  self.postMessage(progressMessage("import"));
  try {
    handle = pyodide.pyimport("samtalsplan.bridge").handle;
  } catch (error) {
    throw new StepError("package", "ui.error.package_missing", { message: String(error.message ?? error) });
  }
  // Kept right after the import and before any call: nothing typed is in it.
  // Taking the copy took 30-75 ms (make bench machine); storing it finishes meanwhile.
  // A copy Pyodide refuses to take costs the next start its speed, no more.
  let taken = false;
  if (!used && startState) {
    try {
      startState.write(pyodide.makeMemorySnapshot());
      taken = true;
    } catch (error) {
      console.warn("samtalsplan: Python's start-up state could not be kept:", error);
    }
  }
  python = pyodide;
  // With the size of Python's WebAssembly memory, which the browser's own
  // measurement (measureUserAgentSpecificMemory) leaves out: make bench adds it.
  return { startState: used ? "used" : taken ? "taken" : "off", wasmBytes: pyodide._module?.HEAPU8?.byteLength ?? null };
}

// The wheels a call needs beyond the start's, each fetched once (a failed one
// is tried again by the next call that needs it) and put on Python's path.
// They come after the start-up state was kept, so it never holds them: a start
// from that state fetches them again when a call needs them.
function need(names) {
  return Promise.all(names.map((name) => {
    if (!loaded.has(name)) {
      const loading = fetchWheels(site.lock, site.lockfile, [name]).then((wheels) => {
        const paths = putWheels(python, wheels);
        python.runPython(`import importlib, sys; sys.path[:0] = ${JSON.stringify(paths)}; importlib.invalidate_caches()`);
      }).catch((error) => {
        loaded.delete(name);
        throw new StepError(null, "ui.error.extra_missing", { name, message: error.params?.message ?? String(error) });
      });
      loaded.set(name, loading);
    }
    return loaded.get(name);
  }));
}

// Our wheels, named in the site's lockfile and checked against its sha256 by
// the browser (fetch `integrity`). Python imports them straight from the zip
// (zipimport, as it does the standard library): a pure-Python wheel needs no
// unpacking, and nothing of Pyodide's package loader enters the start-up state.
async function fetchLock(lockfile) {
  try {
    const response = await fetch(lockfile);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return await response.json();
  } catch (error) {
    throw new StepError("package", "ui.error.package_missing", { message: `${lockfile}: ${error.message ?? error}` });
  }
}

async function fetchWheels(lockPromise, lockfile, packages) {
  const lock = await lockPromise;
  return Promise.all(packages.map(async (name) => {
    const entry = lock.packages?.[name];
    const url = entry && new URL(entry.file_name, lockfile).href;
    try {
      if (!entry) throw new Error(`${name} is not in the lockfile`);
      const response = await fetch(url, { integrity: `sha256-${hexToBase64(entry.sha256)}` });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return { fileName: entry.file_name, bytes: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      throw new StepError("package", "ui.error.package_missing", { message: `${url ?? name}: ${error.message ?? error}` });
    }
  }));
}

const WHEEL_FOLDER = "/lib/wheels";

// Write the wheels into Pyodide's file system; returns their paths.
function putWheels(pyodide, wheels) {
  pyodide.FS.mkdirTree(WHEEL_FOLDER);
  return wheels.map(({ fileName, bytes }) => {
    const path = `${WHEEL_FOLDER}/${fileName}`;
    pyodide.FS.writeFile(path, bytes);
    return path;
  });
}

function hexToBase64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));
}

// Start from the kept start-up state. Null when there is none or it fails:
// then start normally.
async function startFromState(start, startState) {
  const saved = await startState?.read();
  if (!saved) return null;
  try {
    return await start({ _loadSnapshot: saved });
  } catch (error) {
    if (error instanceof StepError) throw error; // the server's fault, not the state's
    console.warn("samtalsplan: Python's kept start-up state did not work; starting afresh:", error);
    await startState.forget();
    return null;
  } finally {
    release(saved); // copied into Python's memory; Pyodide keeps its options
  }
}

// A wrong MIME type or a CSP without 'wasm-unsafe-eval' makes loadPyodide
// hang without an error, so check both before starting it.
async function preflight(runtime) {
  const url = `${runtime}pyodide.asm.wasm`;
  const response = await fetch(url, { method: "HEAD" });
  if (!response.ok && response.status !== 405) {
    throw new StepError("runtime", "ui.error.runtime_missing", { url, status: response.status });
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  if (response.ok && type !== "application/wasm") {
    throw new StepError("runtime", "ui.error.wasm_mime", { type: type || "?" });
  }
  try {
    // The smallest valid module: the magic number and version 1.
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (error) {
    throw new StepError("runtime", "ui.error.wasm_blocked", {}, String(error));
  }
}
