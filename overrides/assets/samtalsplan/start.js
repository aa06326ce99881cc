// Starts Python early: creates the page's Python worker and starts compiling
// the runtime, for client.mjs to take over (window.samtalsplanStarted).
// The page's head runs this file inline (partials/samtalsplan-start.html), as
// the parser reaches it; client.mjs imports it instead where a server's policy
// refused the inline copy. A classic script that also runs as a module.
(function () {
  if (location.protocol === "file:" || !("Worker" in window)) return; // the page says why
  var config = JSON.parse(document.getElementById("sp-config").textContent);
  // The worker's URL names the runtime and our wheels in its fragment, so the
  // worker starts Python as soon as it runs (worker.mjs).
  var worker = new Worker(new URL(config.worker, location.href), { type: "module" });
  // Chromium keeps compiled WebAssembly in its code cache for a page but not
  // for a worker: there a warm reload compiled the 9.6 MB runtime again and
  // took as long as a cold start. So the page compiles it, off the main
  // thread, and client.mjs hands the module over. Null when the page cannot:
  // the worker then compiles it, and its preflight explains a wrong MIME type
  // or a blocking policy.
  var compiled = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(new URL(config.runtime + "pyodide.asm.wasm", location.href)))
        .catch(function (error) {
          console.warn("samtalsplan: the worker compiles the runtime itself:", error);
          return null;
        })
    : Promise.resolve(null);
  var started = { worker: worker, compiled: compiled, error: null };
  // An error before client.mjs listens (the worker's script did not load) is kept for it.
  worker.addEventListener("error", function (event) { started.error = started.error || event; });
  window.samtalsplanStarted = started;
})();
