// The preparation, follow-up and team pages: the same worker, protocol and
// form machinery as the planner (session.mjs, form.mjs); Python does the work.
import { keepDraft } from "./drafts.mjs";
import { collect, fill, renumber } from "./form.mjs";
import { confirmSensitive, download, editLists, labelOf, readText, session } from "./session.mjs";

// A plan error (wrong file, no date) is the reader's to fix; anything else is a failure.
// A file refused before Python reads it (readText) carries a key, not a message.
function report(page, message, error, params = {}) {
  if (error?.key?.startsWith("ui.") || !error?.key) return page.fail(error);
  const reason = error.message ?? page.text(error.key, error.params);
  message.textContent = params.filename
    ? page.text("ui.open_failed", { filename: params.filename, message: reason })
    : reason;
}

// /forbered-dig/: the employee answers the three questions and downloads a file.
export function wirePreparation(form, config) {
  const page = session(form, config);
  if (!page) return;
  const message = form.querySelector("[data-sp-message]");
  const draft = keepDraft(form, {
    name: "preparation",
    config,
    text: page.text,
    state: () => collect(form),
    restore: (state) => fill(form, state),
  });
  editLists(form, draft.changed);
  form.querySelector("[data-sp-download]").addEventListener("click", async () => {
    try {
      const result = await page.call({ op: "prepare", state: collect(form) });
      const items = result.advice.map((h) => `${labelOf(form, h.path)}: ${h.message}`);
      if (!(await confirmSensitive(form.querySelector("[data-sp-confirm]"), items))) {
        message.textContent = page.text("ui.download_cancelled");
        return;
      }
      download(result);
      draft.downloaded();
      message.textContent = page.text("ui.downloaded", { filename: result.filename });
    } catch (error) {
      report(page, message, error);
    }
  });
  page.ready();
}

// /uppfoljning/: open a saved plan, record a check-in, download the plan again.
export function wireFollowUp(form, config) {
  const page = session(form, config);
  if (!page) return;
  const message = form.querySelector("[data-sp-message]");
  const checkIn = form.querySelector("[data-sp-check-in]");
  const history = form.querySelector("[data-sp-history]");
  let plan = null;
  // The draft holds the opened plan and the check-in being written.
  const draft = keepDraft(form, {
    name: "follow-up",
    config,
    text: page.text,
    state: () => ({ plan, check_in: plan ? collect(checkIn).check_in : null }),
    restore: (state) => {
      plan = state.plan ?? null;
      fill(checkIn, { check_in: state.check_in ?? {} });
      checkIn.hidden = !plan;
    },
  });

  form.querySelector("[data-sp-open]").addEventListener("change", async (event) => {
    const opener = event.target;
    const file = opener.files[0];
    if (!file) return;
    try {
      const result = await page.call({ op: "check_in_start", text: await readText(file) });
      plan = result.plan;
      fill(checkIn, { check_in: result.check_in });
      renumber(form);
      checkIn.hidden = false;
      draft.downloaded(); // the person has this plan as a file already
      const list = history.querySelector("ul");
      list.replaceChildren(...result.history.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
      history.querySelector("[data-sp-history-none]").hidden = result.history.length > 0;
      history.hidden = false;
      message.textContent = [
        page.text("ui.follow_up_opened", { filename: file.name, employee: result.employee }),
        result.agreement === "changed" ? page.text("ui.opened_changed") : "",
      ].filter(Boolean).join(" ");
    } catch (error) {
      report(page, message, error, { filename: file.name });
    } finally {
      opener.value = "";
    }
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", async () => {
      try {
        const state = collect(checkIn).check_in;
        const result = await page.call({ op: "check_in_save", base: plan, state, format: button.dataset.spDownload });
        download(result);
        if (button.dataset.spDownload === "json") draft.downloaded();
        message.textContent = page.text("ui.downloaded", { filename: result.filename });
      } catch (error) {
        report(page, message, error);
      }
    });
  }
  page.ready();
}

// Many files as text, read as one blob: in Chromium 1,000 plan files took
// 1.1 s to read one by one and 0.1 s as one blob (make bench, team view).
async function readAll(list) {
  const bytes = new Uint8Array(await new Blob(list).arrayBuffer());
  const decoder = new TextDecoder(); // UTF-8 with replacement, as File.text()
  let offset = 0;
  return list.map((file) => ({ name: file.name, text: decoder.decode(bytes.subarray(offset, offset += file.size)) }));
}

// /team/: many plan files at once, summarised by Python; tables and exports.
export function wireTeam(form, config) {
  const page = session(form, config);
  if (!page) return;
  const message = form.querySelector("[data-sp-message]");
  const results = form.querySelector("[data-sp-team-results]");
  const exports = form.querySelector("[data-sp-team-exports]");
  let files = [];

  const show = (tables) => results.replaceChildren(...tables.map(({ heading, columns, rows }) => {
    const section = document.createElement("section");
    const h = Object.assign(document.createElement("h2"), { textContent: heading });
    if (!rows.length) {
      section.append(h, Object.assign(document.createElement("p"), { textContent: page.text("ui.team_nothing") }));
      return section;
    }
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const column of columns) {
      const th = Object.assign(document.createElement("th"), { textContent: column, scope: "col" });
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell;
    }
    table.setAttribute("aria-label", heading);
    section.append(h, table);
    return section;
  }));

  form.querySelector("[data-sp-open]").addEventListener("change", async (event) => {
    try {
      files = await readAll([...event.target.files]);
      const result = await page.call({ op: "team", files });
      show(result.tables);
      const errors = form.querySelector("[data-sp-team-errors]");
      errors.replaceChildren(...result.errors.map(({ name, message: text }) =>
        Object.assign(document.createElement("li"), { textContent: `${name}: ${text}` })));
      errors.hidden = result.errors.length === 0;
      exports.hidden = result.plans === 0;
      message.textContent = page.text("ui.team_opened", { plans: result.plans, skipped: result.errors.length });
      performance.mark("sp-team-shown"); // for make bench
    } catch (error) {
      report(page, message, error);
    }
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", async () => {
      try {
        const result = await page.call({ op: "team", files, format: button.dataset.spDownload });
        download(result);
        message.textContent = page.text("ui.downloaded", { filename: result.filename });
      } catch (error) {
        report(page, message, error);
      }
    });
  }
  page.ready();
}
