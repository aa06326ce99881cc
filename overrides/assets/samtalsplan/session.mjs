// What every Samtalsplan page shares: the one Python worker for the whole
// visit (client.mjs, startPython), calls to the bridge in the page's language with the organisation's
// settings, messages from the catalogue, start-up failures explained, the
// list-editing buttons of a form made from the model, and downloads.
import { startPython } from "./client.mjs";
import { appendItem, renumber } from "./form.mjs";

const MAX_FILE_BYTES = 2 * 1024 * 1024; // as samtalsplan.codec.MAX_BYTES

// A page's session: `form` holds [data-sp-status]; `config` is its sp-config.
// Returns null where Python cannot run (file://, no module workers): the page
// says why in its status line.
export function session(form, config) {
  const status = form.querySelector("[data-sp-status]");
  const text = (key, params = {}) =>
    (config.messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));

  const fail = (error) => {
    const key = error?.key ?? "ui.error.internal";
    const params = { ...(error?.params ?? {}), message: error?.params?.message ?? error?.detail ?? String(error) };
    const step = error?.step ? text(`ui.step.${error.step}`) : "";
    status.textContent = key === "ui.error.step" ? text(key, { ...params, step }) : text(key, params);
    status.classList.add("sp-planner__status--error");
    console.error("samtalsplan:", error);
  };

  renumber(form);
  if (location.protocol === "file:") return null; // file-check.js explains: modules cannot run here
  if (!("Worker" in window)) {
    fail({ key: "ui.error.no_worker" });
    return null;
  }

  const python = startPython(config); // one worker for the whole visit (boot.mjs may have started it)

  // One request to samtalsplan.bridge; a plan error rejects with {key, path, message}.
  const call = async (request) => {
    const reply = await python.call({ lang: config.lang, settings: config.settings, ...request });
    if (reply.error) throw reply.error;
    return reply.result;
  };

  // Start-up done: run `then`, mark the page ready for people and tests.
  // If Python cannot start, `failed` runs (a page may offer a plain download).
  const ready = (then = async () => {}, failed = () => {}) => python.ready.then(
    async (boot) => {
      await then();
      performance.mark("python-ready", { detail: boot });
      status.textContent = text("ui.status.ready");
    },
    (error) => {
      failed(error);
      fail(error);
    },
  ).catch(fail);

  return { call, text, fail, ready };
}

// Add and remove list items (data-sp-add, data-sp-remove); `changed` runs after.
export function editLists(form, changed = () => {}) {
  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-sp-add]");
    const remove = event.target.closest("[data-sp-remove]");
    if (add) {
      const item = appendItem(add.closest("[data-sp-list]"));
      renumber(form);
      item.querySelector("input, textarea, select")?.focus();
      changed();
    } else if (remove) {
      const item = remove.closest("[data-sp-item]");
      const list = item.closest("[data-sp-list]");
      const next = item.nextElementSibling;
      item.remove();
      renumber(form);
      (next?.querySelector("input, textarea, select") ?? list.querySelector(":scope > [data-sp-add]")).focus();
      changed();
    }
  });
}

export function download({ text, filename, mime }) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Ask before a file with possible special-category data leaves the browser.
// `dialog` is the page's [data-sp-confirm]; `items` the texts to list.
export function confirmSensitive(dialog, items) {
  if (!items.length) return Promise.resolve(true);
  dialog.querySelector("[data-sp-confirm-list]").replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    li.textContent = item;
    return li;
  }));
  dialog.showModal();
  return new Promise((resolve) => {
    const answer = (event) => {
      const button = event.target.closest("[data-sp-confirm-answer]");
      if (!button && event.type === "click") return;
      dialog.removeEventListener("click", answer);
      dialog.removeEventListener("close", answer);
      if (dialog.open) dialog.close();
      resolve(button?.dataset.spConfirmAnswer === "download");
    };
    dialog.addEventListener("click", answer);
    dialog.addEventListener("close", answer);
  });
}

// The label of the control for `path` in `form`, to name a field in a message.
export function labelOf(form, path) {
  const control = form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`);
  return (control && form.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent) || path;
}

// Read a chosen file as text, refusing what cannot be a plan before reading
// all of it: more than the size limit, or bytes that are not UTF-8 text.
// Errors carry the catalogue's format.* keys, as Python's do.
export async function readText(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw { key: "format.too_large", params: { limit: MAX_FILE_BYTES / (1024 * 1024) } };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw { key: "format.binary", params: {} };
  }
}
