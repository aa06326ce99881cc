// The page's side of the worker protocol: one worker for the whole visit,
// one `ready` promise that gates every call, and a watchdog for start-up.
import { PROGRESS, StepError, bootMessage, callMessage, compiledMessage } from "./protocol.mjs";

let python = null;

// The one Python worker of this page, started by the page's head (start.js)
// or, where a server's policy refused that inline script, by start.js now.
export function startPython(config) {
  python ??= new PythonWorker(window.samtalsplanStarted ?? startNow(), {
    timeoutSeconds: config.timeoutSeconds ?? 60,
  });
  return python;
}

async function startNow() {
  await import("./start.js");
  return window.samtalsplanStarted;
}

export class PythonWorker {
  #worker;
  #nextId = 1;
  #pending = new Map();
  #step = "runtime";

  // `started`: {worker, compiled, error} from start.js (or a promise of it):
  // the worker, a promise of the runtime's compiled module (or null), and an
  // error the worker had before anyone listened.
  constructor(started, { onProgress = () => {}, timeoutSeconds = 60 } = {}) {
    this.#worker = Promise.resolve(started).then((started) => {
      if (!started) throw new StepError(null, "ui.error.internal", { message: "start.js did not run" });
      const { worker } = started;
      worker.onmessage = ({ data }) => this.#receive(data, onProgress);
      worker.onerror = (event) => this.#failAll(
        new StepError(this.#step, "ui.error.step", { step: this.#step, message: event.message ?? "" }),
      );
      if (started.error) queueMicrotask(() => worker.onerror(started.error));
      return worker;
    });
    const booted = this.#send(bootMessage);
    this.#send(compiledMessage, Promise.resolve(started).then((started) => started?.compiled)).catch(() => {});
    this.ready = withWatchdog(booted, timeoutSeconds, () => this.#step);
    // Nothing waits on a failed start until the first call; don't report it twice.
    this.ready.catch(() => {});
  }

  // Answer one request with the Python facade; resolves to the parsed reply
  // ({result} or {error} from samtalsplan.bridge.handle).
  async call(request) {
    await this.ready;
    return JSON.parse(await this.#send(callMessage, request));
  }

  // `body` may be a promise: the message goes once it settles.
  #send(makeMessage, body) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      Promise.all([this.#worker, body]).then(
        ([worker, value]) => worker.postMessage(makeMessage(id, value)),
        (error) => this.#failAll(error),
      );
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

function withWatchdog(promise, seconds, currentStep) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepError(currentStep(), "ui.error.timeout", { seconds })), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
