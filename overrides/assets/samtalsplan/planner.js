// The planner page: wires the static form to the Python worker. Collects the
// form's state, asks Python to check, export or open a plan, shows what comes
// back, and makes the downloads. It holds no plan logic of its own.
import { startPython } from "./client.mjs";
import { Draft, warnBeforeLeaving } from "./drafts.mjs";
import { appendItem, collect, fill, renumber, showProblems } from "./form.mjs";

const MAX_FILE_BYTES = 2 * 1024 * 1024; // as samtalsplan.codec.MAX_BYTES
let hasUnsavedChanges = () => false; // the current page's, for the one beforeunload guard
warnBeforeLeaving(() => hasUnsavedChanges());

// Material's instant navigation swaps pages without reloading scripts.
document$.subscribe(() => {
  const form = document.querySelector("[data-sp-planner]");
  if (form) wire(form, JSON.parse(document.getElementById("sp-config").textContent));
});

function wire(form, config) {
  const text = (key, params = {}) =>
    (config.messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
  const status = form.querySelector("[data-sp-status]");
  const message = form.querySelector("[data-sp-message]");
  const touched = new Set();
  let showAll = false;
  let problems = [];
  let unsaved = false; // changes since the last JSON download or opened file
  let pythonFailed = false;
  hasUnsavedChanges = () => unsaved;

  renumber(form);
  const blank = collect(form);
  const draft = startDraft(form, config, text, (value) => { unsaved = value; });
  const saved = (filename) => {
    unsaved = false;
    draft.save(collect(form), { downloaded: true });
    message.textContent = text("ui.downloaded", { filename });
  };

  // Python could not start: offer the file in plain JavaScript, so nothing typed is lost.
  const fallback = form.querySelector("[data-sp-fallback]");
  fallback.querySelector("[data-sp-fallback-download]").addEventListener("click", () => saved(downloadAsIs(form)));

  const fail = (error) => {
    const key = error?.key ?? "ui.error.internal";
    const params = { ...(error?.params ?? {}), message: error?.params?.message ?? error?.detail ?? String(error) };
    const step = error?.step ? text(`ui.step.${error.step}`) : "";
    status.textContent = key === "ui.error.step" ? text(key, { ...params, step }) : text(key, params);
    status.classList.add("sp-planner__status--error");
    console.error("samtalsplan:", error);
    if (pythonFailed) fallback.hidden = false;
  };

  if (location.protocol === "file:") return; // file-check.js explains: modules cannot run here
  if (!("Worker" in window)) return fail({ key: "ui.error.no_worker" });

  const python = startPython(config);

  const call = async (request) => {
    const reply = await python.call({ lang: config.lang, ...request });
    if (reply.error) throw reply.error;
    return reply.result;
  };

  const render = () => {
    showProblems(form, problems, (path) => showAll || touched.has(path));
    const box = form.querySelector("[data-sp-problems]");
    const list = box.querySelector("[data-sp-problem-list]");
    list.replaceChildren(...problems.map(({ path, message: text }) => {
      const li = document.createElement("li");
      const control = form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`);
      if (control) {
        const link = document.createElement("a");
        link.href = `#${control.id}`;
        link.textContent = text;
        li.append(link);
      } else {
        li.textContent = text;
      }
      return li;
    }));
    box.hidden = !showAll || problems.length === 0;
  };

  // Check on every edit, latest state wins: while Python answers one check,
  // further edits wait for it and then send one more with the newest state.
  let checking = null;
  let again = false;
  const check = async () => {
    ({ problems } = await call({ op: "check", state: collect(form) }));
    render();
    performance.mark("sp-hints");
  };
  const scheduleCheck = () => {
    if (checking) {
      again = true;
      return;
    }
    checking = check()
      .catch(fail)
      .finally(() => {
        checking = null;
        if (again) {
          again = false;
          scheduleCheck();
        }
      });
  };

  const changed = () => {
    unsaved = true;
    if (!draft.save(collect(form)) && draft.status === "saving") draftStatus(form, text("ui.draft.full"));
  };
  form.addEventListener("input", (event) => {
    if (event.target.matches("[data-sp-path]")) changed();
    scheduleCheck();
  });
  form.addEventListener("change", (event) => {
    if (event.target.dataset.spPath) touched.add(event.target.dataset.spPath);
    scheduleCheck();
  });
  form.addEventListener("focusout", (event) => {
    if (event.target.dataset.spPath && event.target.value) touched.add(event.target.dataset.spPath);
    render();
  });

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-sp-add]");
    const remove = event.target.closest("[data-sp-remove]");
    if (add) {
      const item = appendItem(add.closest("[data-sp-list]"));
      renumber(form);
      item.querySelector("input, textarea, select")?.focus();
      changed();
      scheduleCheck();
    } else if (remove) {
      const item = remove.closest("[data-sp-item]");
      const list = item.closest("[data-sp-list]");
      const next = item.nextElementSibling;
      item.remove();
      renumber(form);
      (next?.querySelector("input, textarea, select") ?? list.querySelector(":scope > [data-sp-add]")).focus();
      changed();
      scheduleCheck();
    }
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    const json = button.dataset.spDownload === "json";
    button.addEventListener("click", async () => {
      if (json && pythonFailed) return saved(downloadAsIs(form));
      try {
        const result = await call({ op: "export", format: button.dataset.spDownload, state: collect(form) });
        download(result);
        // Only the JSON file can be opened again, so only it counts as saved.
        if (json) saved(result.filename);
        problems = result.problems;
        showAll = true;
        render();
        message.textContent = problems.length
          ? text("ui.downloaded_with_problems", { filename: result.filename, count: problems.length })
          : text("ui.downloaded", { filename: result.filename });
      } catch (error) {
        fail(error);
      }
    });
  }

  const opener = form.querySelector("[data-sp-open]");
  opener.addEventListener("change", async () => {
    const file = opener.files[0];
    if (!file) return;
    try {
      const { state } = await call({ op: "open", text: await readText(file) });
      fill(form, state);
      renumber(form);
      touched.clear();
      showAll = true;
      unsaved = false;
      draft.save(collect(form), { downloaded: true });
      await check();
      message.textContent = text("ui.opened", { filename: file.name });
    } catch (error) {
      if (error?.key?.startsWith("ui.")) return fail(error);
      const reason = error.message ?? text(error.key, error.params);
      message.textContent = text("ui.open_failed", { filename: file.name, message: reason });
    } finally {
      opener.value = "";
    }
  });

  form.querySelector("[data-sp-draft-clear]").addEventListener("click", () => {
    if (unsaved && !window.confirm(text("ui.draft.confirm_clear"))) return;
    draft.clear();
    fill(form, blank);
    renumber(form);
    touched.clear();
    showAll = false;
    unsaved = false;
    scheduleCheck();
    draftStatus(form, text("ui.draft.cleared"));
  });

  python.ready.then(
    async () => {
      await check();
      performance.mark("python-ready");
      status.textContent = text("ui.status.ready");
    },
    (error) => {
      pythonFailed = true;
      fail(error);
    },
  ).catch(fail);
}

// Open the page's draft, put a saved one back into the form, and say where
// things stand. Returns the Draft.
function startDraft(form, config, text, setUnsaved) {
  const draft = new Draft({
    name: "planner",
    scope: new URL(`${config.root}/`, location.href).pathname,
    enabled: config.drafts,
    onTakenOver: () => draftStatus(form, text("ui.draft.taken_over"), true),
  });
  form.querySelector("[data-sp-draft-clear]").hidden = draft.status === "off";
  const record = draft.load();
  if (record) {
    fill(form, record.state);
    renumber(form);
    setUnsaved(!record.downloaded);
    const time = new Date(record.savedAt).toLocaleString(config.lang, { dateStyle: "long", timeStyle: "short" });
    draftStatus(form, text("ui.draft.restored", { time }));
  } else {
    draftStatus(form, text(`ui.draft.${draft.status === "saving" ? "saving" : draft.status}`));
  }
  return draft;
}

function draftStatus(form, words, warning = false) {
  const status = form.querySelector("[data-sp-draft-status]");
  status.textContent = words;
  status.classList.toggle("sp-draft__status--warning", warning);
}

// Read a chosen file as text, refusing what cannot be a plan before reading
// all of it: more than the size limit, or bytes that are not UTF-8 text.
// Errors carry the catalogue's format.* keys, as Python's do.
async function readText(file) {
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

// The one place JavaScript writes a plan file: when Python cannot start, the
// form's state as it stands, in the version-1 envelope that
// samtalsplan.codec.parse reads (empty choices as "", which it accepts).
// Nothing is checked or converted here; that stays Python's job.
function downloadAsIs(form) {
  const filename = "samtalsplan.json";
  const document = { format: "samtalsplan", version: 1, ...collect(form) };
  download({ text: `${JSON.stringify(document, null, 2)}\n`, filename, mime: "application/json" });
  return filename;
}

function download({ text, filename, mime }) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
