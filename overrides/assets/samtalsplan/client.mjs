// The page's side of the worker protocol: one worker for the whole visit,
// one `ready` promise that gates every call, and a watchdog for start-up.
import {
  PROGRESS, StepError, bootMessage, callMessage, compileStreamingOrNull, compiledMessage,
} from "./protocol.mjs";

let python = null;

// The one Python worker of this page, started on first use. `config` is the
// page's sp-config: URLs relative to the page, made absolute here, since a
// worker resolves relative URLs against its own script.
export function startPython(config) {
  const absolute = (url) => new URL(url, location.href).href;
  python ??= new PythonWorker({
    worker: absolute(config.worker),
    runtime: absolute(config.runtime),
    lockfile: absolute(config.lockfile),
    stdlib: absolute(config.stdlib),
    packages: config.packages,
  }, { timeoutSeconds: config.timeoutSeconds ?? 60 });
  return python;
}

export class PythonWorker {
  #worker;
  #nextId = 1;
  #pending = new Map();
  #step = "runtime";

  constructor(config, { onProgress = () => {}, timeoutSeconds = 60 } = {}) {
    this.#worker = new Worker(config.worker, { type: "module" });
    this.#worker.onmessage = ({ data }) => this.#receive(data, onProgress);
    this.#worker.onerror = (event) => this.#failAll(
      new StepError(this.#step, "ui.error.step", { step: this.#step, message: event.message ?? "" }),
    );
    const { worker, ...bootConfig } = config;
    const booted = this.#send(bootMessage, bootConfig);
    this.#send(compiledMessage, compileRuntime(config.runtime)).catch(() => {});
    this.ready = withWatchdog(booted, timeoutSeconds, () => this.#step);
    // Nothing waits on a failed start until the first call; don't report it twice.
    this.ready.catch(() => {});
  }

  // Answer one request with the Python facade; resolves to the parsed reply
  // ({result} or {error} from samtalsplan.bridge.handle). `needs`: the wheels
  // this call needs beyond the start's (protocol.mjs).
  async call(request, { needs = [] } = {}) {
    await this.ready;
    return JSON.parse(await this.#send(callMessage, { request, needs }));
  }

  // `body` may be a promise: the message goes once it settles.
  #send(makeMessage, body) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      Promise.resolve(body).then((value) => this.#worker.postMessage(makeMessage(id, value)));
    });
  }

  #receive(message, onProgress) {
    if (message.kind === PROGRESS) {
      this.#step = message.step;
      onProgress(message.step);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if ("error" in message) {
      const { step, key, params, detail } = message.error;
      pending.reject(new StepError(step, key, params, detail));
    } else {
      pending.resolve(message.result);
    }
  }

  #failAll(error) {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

// Chromium keeps compiled WebAssembly in its code cache for a page, but not
// for a worker. On a returning visit (the offline worker controls the page and
// serves the runtime from its cache) the page compiles the runtime, since the
// code then comes from that cache and a warm start is faster. On a first
// visit compiling is real work, which on the page's main thread held up its
// first paint (make bench), so there the worker compiles it: null.
function compileRuntime(runtime) {
  if (!navigator.serviceWorker?.controller) return Promise.resolve(null);
  return compileStreamingOrNull(fetch(`${runtime}pyodide.asm.wasm`));
}

function withWatchdog(promise, seconds, currentStep) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepError(currentStep(), "ui.error.timeout", { seconds })), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
