// Python's start-up state, kept in the browser so that the next visit skips
// starting the interpreter and importing our package. Pyodide can copy its
// memory (a memory snapshot) and start from that copy later: a warm reload
// took 0.7 s that way against 2.0-2.4 s without (make bench).
//
// The copy is taken once our package is imported and before the page sends
// any call, so it holds the interpreter and our code and nothing anyone typed.
// It lives in Cache Storage (https and localhost only), one entry per runtime
// and package version (Pyodide also refuses a copy from another build of
// itself); a new version replaces the entry. Anything wrong with it (missing,
// damaged, refused) means a normal start, which writes a fresh copy.

// The offline service worker (sw.js) leaves this cache alone: it deletes only
// its own per-build caches.
export const START_STATE_CACHE = "samtalsplan-python-start";

export class StartState {
  #cache;
  #key;

  constructor(cache, runtime, lockfile) {
    this.#cache = cache;
    // A name the server never serves, made of the runtime's versioned folder
    // and the lockfile's, which is named by our wheel's sha256.
    const key = new URL("python-start-state", runtime);
    key.searchParams.set("lockfile", lockfile);
    this.#key = key.href;
  }

  // Null where the browser has no Cache Storage (plain http): start normally.
  static async open(runtime, lockfile) {
    try {
      return new StartState(await self.caches.open(START_STATE_CACHE), runtime, lockfile);
    } catch {
      return null;
    }
  }

  async read() {
    try {
      const response = await this.#cache.match(this.#key);
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    } catch {
      return null;
    }
  }

  // Store a copy and drop those of other versions. Not awaited by
  // start-up: the copy is already taken, storing it can finish later.
  async write(bytes) {
    try {
      const response = new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } });
      release(bytes); // the response holds its own copy
      await this.#cache.put(this.#key, response);
      for (const request of await this.#cache.keys()) {
        if (request.url !== this.#key) await this.#cache.delete(request);
      }
    } catch (error) {
      console.warn("samtalsplan: Python's start-up state was not kept:", error);
    }
  }

  async forget() {
    try {
      await this.#cache.delete(this.#key);
    } catch {
      // Nothing kept, nothing to forget.
    }
  }
}

// Free a copy of the interpreter's memory (about 30 MB) now rather than at the
// next garbage collection, where something (Pyodide's options) still holds it.
export function release(bytes) {
  bytes.buffer.transfer?.(0);
}
