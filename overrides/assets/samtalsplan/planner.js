// The planner page: wires the static form to the Python worker. Collects the
// form's state, asks Python to check, export or open a plan, shows what comes
// back, and makes the downloads. It holds no plan logic of its own.
import { PythonWorker } from "./client.mjs";
import { appendItem, collect, fill, renumber, showProblems } from "./form.mjs";

const CHECK_DELAY_MS = 150;
let python = null; // one worker for the whole visit, across instant navigation

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
  let advice = [];
  let base = null; // the plan as opened: keeps what this form does not edit
  let timer = null;
  // A field shows its messages once touched; a list once any of its fields is,
  // or, inside a list item (a goal's steps), once any field of that item is.
  const visible = (path) => {
    if (showAll || touched.has(path)) return true;
    const item = form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`) ? "" : path.slice(0, path.lastIndexOf("]") + 1);
    return [...touched].some((p) => p.startsWith(`${path}[`) || (item && p.startsWith(item)));
  };

  renumber(form);

  // Drafts (extra.samtalsplan.drafts): the form's state in this browser only.
  const draftKey = `samtalsplan:draft:${location.pathname}`;
  const saveDraft = () => {
    if (config.settings?.drafts) localStorage.setItem(draftKey, JSON.stringify({ state: collect(form), base }));
  };
  if (config.settings?.drafts) {
    const draft = JSON.parse(localStorage.getItem(draftKey) ?? "null");
    if (draft) {
      fill(form, draft.state);
      renumber(form);
      base = draft.base ?? null;
      message.textContent = text("ui.draft_restored");
    }
    const clear = form.querySelector("[data-sp-clear-draft]");
    clear.hidden = false;
    clear.addEventListener("click", () => {
      localStorage.removeItem(draftKey);
      fill(form, {});
      renumber(form);
      base = null;
      message.textContent = text("ui.draft_cleared");
      scheduleCheck();
    });
  }

  const fail = (error) => {
    const key = error?.key ?? "ui.error.internal";
    const params = { ...(error?.params ?? {}), message: error?.params?.message ?? error?.detail ?? String(error) };
    const step = error?.step ? text(`ui.step.${error.step}`) : "";
    status.textContent = key === "ui.error.step" ? text(key, { ...params, step }) : text(key, params);
    status.classList.add("sp-planner__status--error");
    console.error("samtalsplan:", error);
  };

  if (location.protocol === "file:") return; // file-check.js explains: modules cannot run here
  if (!("Worker" in window)) return fail({ key: "ui.error.no_worker" });

  const absolute = (url) => new URL(url, location.href).href;
  python ??= new PythonWorker({
    worker: absolute(config.worker),
    runtime: absolute(config.runtime),
    lockfile: absolute(config.lockfile),
    packages: config.packages,
  }, { timeoutSeconds: config.timeoutSeconds ?? 60 });

  const call = async (request) => {
    const reply = await python.call({ lang: config.lang, settings: config.settings, ...request });
    if (reply.error) throw reply.error;
    return reply.result;
  };

  const idOf = (path) => form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`)?.id ?? "";
  const severity = (name) => text(`advice.severity.${name}`);
  // A list of messages, each linking to its field (or its list's first field).
  const linked = (list, messages, label = (m) => m.message) =>
    list.replaceChildren(...messages.map((m) => {
      const li = document.createElement("li");
      const target = form.querySelector(`[data-sp-path="${CSS.escape(m.path)}"]`)
        ?? form.querySelector(`[data-sp-path^="${CSS.escape(m.path)}["]`);
      if (target) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = label(m);
        li.append(link);
      } else {
        li.textContent = label(m);
      }
      return li;
    }));

  const render = () => {
    showProblems(form, problems, visible, advice, severity);
    const box = form.querySelector("[data-sp-problems]");
    linked(box.querySelector("[data-sp-problem-list]"), problems);
    box.hidden = !showAll || problems.length === 0;
    const summary = form.querySelector("[data-sp-advice-summary]");
    linked(summary.querySelector("[data-sp-advice-list]"), advice, (h) => `${severity(h.severity)}: ${h.message}`);
    summary.hidden = advice.length === 0;
  };

  const check = async () => {
    ({ problems, advice } = await call({ op: "check", state: collect(form), base }));
    render();
  };

  // Before a plan leaves the browser, ask about possible special-category data.
  const dialog = form.querySelector("[data-sp-confirm]");
  const confirmSensitive = async () => {
    await check();
    const errors = advice.filter((h) => h.severity === "error");
    if (!errors.length) return true;
    dialog.querySelector("[data-sp-confirm-list]").replaceChildren(...errors.map((h) => {
      const li = document.createElement("li");
      li.textContent = `${form.querySelector(`label[for="${CSS.escape(idOf(h.path))}"]`)?.textContent ?? h.path}: ${h.message}`;
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
  };
  const scheduleCheck = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      saveDraft();
      check().catch(fail);
    }, CHECK_DELAY_MS);
  };

  form.addEventListener("input", scheduleCheck);
  form.addEventListener("change", (event) => {
    if (event.target.dataset.spPath) touched.add(event.target.dataset.spPath);
    scheduleCheck();
  });
  form.addEventListener("focusout", (event) => {
    if (event.target.dataset.spPath && event.target.value) touched.add(event.target.dataset.spPath);
    // Focus moving to a button means a click is under way: showing messages now
    // would move the button away from under the pointer. Its handler renders.
    if (!event.relatedTarget?.matches("button")) render();
  });

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-sp-add]");
    const remove = event.target.closest("[data-sp-remove]");
    if (add) {
      const item = appendItem(add.closest("[data-sp-list]"));
      renumber(form);
      item.querySelector("input, textarea, select")?.focus();
      scheduleCheck();
    } else if (remove) {
      const item = remove.closest("[data-sp-item]");
      const list = item.closest("[data-sp-list]");
      const next = item.nextElementSibling;
      item.remove();
      renumber(form);
      (next?.querySelector("input, textarea, select") ?? list.querySelector(":scope > [data-sp-add]")).focus();
      scheduleCheck();
    }
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", async () => {
      try {
        if (!(await confirmSensitive())) {
          showAll = true;
          render();
          message.textContent = text("ui.download_cancelled");
          return;
        }
        const result = await call({ op: "export", format: button.dataset.spDownload, state: collect(form), base });
        download(result);
        ({ problems, advice } = result);
        showAll = true;
        render();
        message.textContent = problems.length
          ? text("ui.downloaded_with_problems", { filename: result.filename, count: problems.length })
          : text("ui.downloaded", { filename: result.filename });
      } catch (error) {
        // A plan error (no follow-up date for the calendar) is the reader's to fix.
        if (error?.key && !error.key.startsWith("ui.")) message.textContent = error.message;
        else fail(error);
      }
    });
  }

  const opener = form.querySelector("[data-sp-open]");
  opener.addEventListener("change", async () => {
    const file = opener.files[0];
    if (!file) return;
    try {
      const { state, agreement, version } = await call({ op: "open", text: await file.text() });
      base = state;
      fill(form, state);
      renumber(form);
      touched.clear();
      showAll = true;
      await check();
      message.textContent = [
        text("ui.opened", { filename: file.name }),
        agreement === "agreed" ? text("ui.opened_agreed") : "",
        agreement === "changed" ? text("ui.opened_changed") : "",
        version < config.formatVersion ? text("ui.opened_migrated", { version }) : "",
      ].filter(Boolean).join(" ");
    } catch (error) {
      if (error?.key?.startsWith("ui.")) return fail(error);
      message.textContent = text("ui.open_failed", { filename: file.name, message: error.message ?? "" });
    } finally {
      opener.value = "";
    }
  });

  python.ready.then(
    async () => {
      await check();
      performance.mark("python-ready");
      status.textContent = text("ui.status.ready");
    },
  ).catch(fail);
}

function download({ text, filename, mime }) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
