// The planner's module worker: boots Pyodide, loads our wheel by name from
// the site's lockfile (sha256-checked), and answers calls with the Python
// facade samtalsplan.bridge.handle (JSON text in, JSON text out).
import {
  BOOT, CALL, StepError, errorMessage, progressMessage, resultMessage,
} from "./protocol.mjs";

let booting = null;
let handle = null;

self.onmessage = async ({ data: message }) => {
  const { id, kind } = message;
  try {
    if (kind === BOOT) {
      booting ??= boot(message.config);
      await booting;
      self.postMessage(resultMessage(id, null));
    } else if (kind === CALL) {
      if (!booting) throw new StepError(null, "ui.error.internal", {}, "call before boot");
      await booting;
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

async function boot({ runtime, lockfile, packages }) {
  self.postMessage(progressMessage("runtime"));
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(`${runtime}pyodide.mjs`));
  } catch (error) {
    throw new StepError("runtime", "ui.error.runtime_missing", { url: `${runtime}pyodide.mjs`, status: String(error) });
  }
  // The preflight runs beside the start-up rather than before it: it costs
  // nothing when all is well, and its error wins when loadPyodide would hang.
  // The wheel downloads while the runtime boots (`packages`).
  const pyodide = await Promise.race([
    preflight(runtime).then(() => new Promise(() => {})),
    loadPyodide({ indexURL: runtime, lockFileURL: lockfile, packages }),
  ]);

  self.postMessage(progressMessage("import"));
  try {
    handle = pyodide.pyimport("samtalsplan.bridge").handle;
  } catch (error) {
    // loadPyodide only logs a package that failed to load; the import says so.
    throw new StepError("package", "ui.error.step", { step: "package", message: String(error.message ?? error) });
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
