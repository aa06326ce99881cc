// A classic script, not a module: opened from file://, Chromium refuses to
// run module scripts at all, so planner.js never starts. This says why, and
// how to serve the site instead.
(() => {
  if (location.protocol !== "file:") return;
  const status = document.querySelector("[data-sp-status]");
  const config = document.getElementById("sp-config");
  if (!status || !config) return;
  status.textContent = JSON.parse(config.textContent).messages["ui.error.file_protocol"];
  status.classList.add("sp-planner__status--error");
})();
