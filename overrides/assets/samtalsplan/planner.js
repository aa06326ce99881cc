// The planner page: wires the static form to the Python worker. Collects the
// form's state, asks Python to check, export or open a plan, shows what comes
// back, and makes the downloads. It holds no plan logic of its own.
import { startPython } from "./client.mjs";
import { appendItem, collect, fill, renumber, showProblems } from "./form.mjs";


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

  renumber(form);

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

  form.addEventListener("input", scheduleCheck);
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
        const result = await call({ op: "export", format: button.dataset.spDownload, state: collect(form) });
        download(result);
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
      const { state } = await call({ op: "open", text: await file.text() });
      fill(form, state);
      renumber(form);
      touched.clear();
      showAll = true;
      await check();
      message.textContent = text("ui.opened", { filename: file.name });
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
