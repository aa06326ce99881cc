// The one message protocol between the planner page and its Python worker.
// Every message the page sends carries an id; the worker always answers it
// with exactly one reply: {id, result} or {id, error}. Between the two, the
// worker may report boot progress. Requests and results cross the boundary
// as JSON strings, so nothing is proxied or converted.
//
//   page → worker  {id, kind: "boot", config: {runtime, lockfile, stdlib, packages}}
//                  {id, kind: "compiled", module}     the runtime's wasm, compiled
//                                                    by the page (a WebAssembly.Module),
//                                                    or null: the worker compiles it
//                  {id, kind: "call", request: "<JSON text>", needs: [name, …]}
//                                                    needs: wheels of the site's lockfile
//                                                    this call needs beyond the start's
//                                                    (`packages`), such as xlsxwriter for
//                                                    the team's workbook; the worker
//                                                    fetches each once, checked against
//                                                    its sha256 as at the start, before
//                                                    it calls (samtalsplan.bridge.NEEDS)
//   worker → page  {id, result}                      result of boot: {startState};
//                                                    of compiled: null;
//                                                    of a call: "<JSON text>"
//                  {id, error: {step, key, params, detail}}
//                  {kind: "progress", step}
//
// A boot error names its step and a message key (ui.error.*) with params, so
// the page can explain it in the reader's language; `detail` is the raw text.
// An error of one call names no step (a wheel it needs: ui.error.extra_missing).

export const BOOT = "boot";
export const COMPILED = "compiled";
export const CALL = "call";
export const PROGRESS = "progress";

// Start-up runs as these named steps, so a failure says which one failed.
export const STEPS = Object.freeze(["runtime", "package", "import", "first_call"]);

export function bootMessage(id, config) {
  return { id, kind: BOOT, config };
}

export function compiledMessage(id, module) {
  return { id, kind: COMPILED, module };
}

export function callMessage(id, { request, needs = [] }) {
  return { id, kind: CALL, request: JSON.stringify(request), needs };
}

export function progressMessage(step) {
  return { kind: PROGRESS, step };
}

export function resultMessage(id, result) {
  return { id, result };
}

export function errorMessage(id, { step = null, key = "ui.error.internal", params = {}, detail = "" }) {
  return { id, error: { step, key, params, detail } };
}

// An error that carries a message key for the page to translate.
export class StepError extends Error {
  constructor(step, key, params = {}, detail = "") {
    super(detail || key);
    this.step = step;
    this.key = key;
    this.params = params;
    this.detail = detail || key;
  }
}

// The runtime's wasm compiled from a response, where it is compiled (the page
// on a returning visit, else the worker: client.mjs says why). Null when it
// cannot be: Pyodide then fetches and compiles it itself, and the worker's
// preflight explains a wrong MIME type or a blocking policy.
export function compileStreamingOrNull(response) {
  if (!WebAssembly.compileStreaming) return Promise.resolve(null);
  return WebAssembly.compileStreaming(response).catch((error) => {
    console.warn("samtalsplan: the runtime is left for Pyodide to compile:", error);
    return null;
  });
}
