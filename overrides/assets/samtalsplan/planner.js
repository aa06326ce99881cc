// The pages of Samtalsplan that hold a form: the planner (here), and the
// preparation, follow-up and team pages (pages.mjs). Each collects its form's
// state, asks Python (through the one worker in session.mjs), and shows what
// comes back. None of them holds plan logic of its own.
import { keepDraft } from "./drafts.mjs";
import { collect, fill, renumber, showProblems } from "./form.mjs";
import { wireFollowUp, wirePreparation, wireTeam } from "./pages.mjs";
import { confirmSensitive as confirm, download, editLists, labelOf, readText, session } from "./session.mjs";

const PAGES = {
  "[data-sp-planner]": wire,
  "[data-sp-preparation]": wirePreparation,
  "[data-sp-follow-up]": wireFollowUp,
  "[data-sp-team]": wireTeam,
};

// Material's instant navigation swaps pages without reloading scripts.
document$.subscribe(() => {
  for (const [selector, wirePage] of Object.entries(PAGES)) {
    const form = document.querySelector(selector);
    if (form) wirePage(form, JSON.parse(document.getElementById("sp-config").textContent));
  }
});

function wire(form, config) {
  const message = form.querySelector("[data-sp-message]");
  const touched = new Set();
  let showAll = false;
  let problems = [];
  let advice = [];
  let base = null; // the plan as opened: keeps what this form does not edit
  // A field shows its messages once touched; a list once any of its fields is,
  // or, inside a list item (a goal's steps), once any field of that item is.
  const visible = (path) => {
    if (showAll || touched.has(path)) return true;
    const item = form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`) ? "" : path.slice(0, path.lastIndexOf("]") + 1);
    return [...touched].some((p) => p.startsWith(`${path}[`) || (item && p.startsWith(item)));
  };

  const page = session(form, config);
  if (!page) return;
  const { call, text, fail } = page;

  let pythonFailed = false;
  const draft = keepDraft(form, {
    name: "planner",
    config,
    text,
    state: () => collect(form),
    restore: (state) => fill(form, state),
    cleared: () => {
      touched.clear();
      showAll = false;
      base = null;
      scheduleCheck();
    },
  });
  const saved = (filename) => {
    draft.downloaded();
    message.textContent = text("ui.downloaded", { filename });
  };

  // Python could not start: offer the file in plain JavaScript, so nothing typed is lost.
  const fallback = form.querySelector("[data-sp-fallback]");
  fallback.querySelector("[data-sp-fallback-download]")
    .addEventListener("click", () => saved(downloadAsIs(form, config.formatVersion)));

  const severity = (name) => text(`advice.severity.${name}`);
  // A list of messages, each linking to its field (or its list's first field).
  const linked = (list, messages, label = (m) => m.message) =>
    list.replaceChildren(...messages.map((m) => {
      const li = document.createElement("li");
      const target = form.querySelector(`[data-sp-path="${CSS.escape(m.path)}"]`)
        ?? form.querySelector(`[data-sp-path^="${CSS.escape(m.path)}["]`)
        ?? form.querySelector(`[data-sp-advice][data-sp-for="${CSS.escape(m.path)}"]:not([hidden])`);
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
    performance.mark("sp-hints");
  };

  // Before a plan leaves the browser, ask about possible special-category data.
  const dialog = form.querySelector("[data-sp-confirm]");
  const confirmSensitive = async () => {
    await check();
    const errors = advice.filter((h) => h.severity === "error");
    return confirm(dialog, errors.map((h) => `${labelOf(form, h.path)}: ${h.message}`));
  };
  // Check on every edit, latest state wins: while Python answers one check,
  // further edits wait for it and then send one more with the newest state.
  let checking = null;
  let again = false;
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

  form.addEventListener("input", scheduleCheck); // the draft saves on its own (keepDraft)
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

  editLists(form, () => {
    draft.changed();
    scheduleCheck();
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    const json = button.dataset.spDownload === "json";
    button.addEventListener("click", async () => {
      if (json && pythonFailed) return saved(downloadAsIs(form, config.formatVersion));
      try {
        if (!(await confirmSensitive())) {
          showAll = true;
          render();
          message.textContent = text("ui.download_cancelled");
          return;
        }
        const result = await call({ op: "export", format: button.dataset.spDownload, state: collect(form), base });
        download(result);
        // Only the JSON file can be opened again, so only it counts as saved.
        if (json) saved(result.filename);
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
      const { state, agreement, version } = await call({ op: "open", text: await readText(file) });
      base = state;
      fill(form, state);
      renumber(form);
      touched.clear();
      showAll = true;
      draft.downloaded();
      await check();
      message.textContent = [
        text("ui.opened", { filename: file.name }),
        agreement === "agreed" ? text("ui.opened_agreed") : "",
        agreement === "changed" ? text("ui.opened_changed") : "",
        version < config.formatVersion ? text("ui.opened_migrated", { version }) : "",
      ].filter(Boolean).join(" ");
    } catch (error) {
      if (error?.key?.startsWith("ui.")) return fail(error);
      const reason = error.message ?? text(error.key, error.params);
      message.textContent = text("ui.open_failed", { filename: file.name, message: reason });
    } finally {
      opener.value = "";
    }
  });

  // The employee's preparation file: its answers join the plan as proposals.
  const importer = form.querySelector("[data-sp-import-preparation]");
  importer.addEventListener("change", async () => {
    const file = importer.files[0];
    if (!file) return;
    try {
      const { state, added } = await call({ op: "import_preparation", state: collect(form), base, text: await readText(file) });
      fill(form, state);
      renumber(form);
      draft.changed();
      markProposals(form, added, text("ui.proposal"));
      showAll = true;
      await check();
      const count = added.goals.length + added.development.length + added.obstacles.length;
      message.textContent = text("ui.imported_preparation", { filename: file.name, count });
    } catch (error) {
      if (error?.key?.startsWith("ui.")) return fail(error);
      const reason = error.message ?? text(error.key, error.params);
      message.textContent = text("ui.open_failed", { filename: file.name, message: reason });
    } finally {
      importer.value = "";
    }
  });

  page.ready(check, () => {
    pythonFailed = true;
    fallback.hidden = false;
  });
}

// Mark the list items a preparation added, so they read as the employee's proposals.
function markProposals(form, added, label) {
  const lists = { goals: "goals", development: "development", obstacles: "obstacles" };
  for (const [key, listKey] of Object.entries(lists)) {
    const list = form.querySelector(`[data-sp-list="${listKey}"]`);
    const items = [...list.querySelector(":scope > [data-sp-items]").children];
    for (const index of added[key]) {
      const item = items[index];
      if (!item || item.querySelector("[data-sp-proposal]")) continue;
      const badge = Object.assign(document.createElement("p"), { className: "sp-proposal", textContent: label });
      badge.dataset.spProposal = "";
      item.querySelector("[data-sp-item-title]").after(badge);
    }
  }
}

// The one place JavaScript writes a plan file: when Python cannot start, the
// form's state as it stands, in the envelope of the format version the site
// reads (samtalsplan.codec.parse; empty choices as "", which it accepts).
// Nothing is checked or converted here; that stays Python's job.
function downloadAsIs(form, version) {
  const filename = "samtalsplan.json";
  const document = { format: "samtalsplan", version, ...collect(form) };
  download({ text: `${JSON.stringify(document, null, 2)}\n`, filename, mime: "application/json" });
  return filename;
}
