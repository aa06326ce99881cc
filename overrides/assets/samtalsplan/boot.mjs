// Loaded from the planner page's head (async), so the Python worker boots
// while the page itself still loads; planner.js later gets the same worker.
import { startPython } from "./client.mjs";

const config = document.getElementById("sp-config");
if (config && location.protocol !== "file:" && "Worker" in window) {
  startPython(JSON.parse(config.textContent));
}
