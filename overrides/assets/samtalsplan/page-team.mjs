// /team/: many plan files at once, summarised by Python; tables and exports.
import { download } from "./downloads.mjs";
import { packFiles } from "./files.mjs";
import { openSession } from "./session.mjs";

export function team(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const results = form.querySelector("[data-sp-team-results]");
  const exports = form.querySelector("[data-sp-downloads]");
  const errors = form.querySelector("[data-sp-team-errors]");
  let files = null; // the chosen files, packed for Python

  const table = ({ heading, columns, rows }) => {
    const section = document.createElement("section");
    section.append(Object.assign(document.createElement("h2"), { textContent: heading }));
    if (!rows.length) {
      section.append(Object.assign(document.createElement("p"), { textContent: page.text("ui.team_nothing") }));
      return section;
    }
    const element = document.createElement("table");
    element.setAttribute("aria-label", heading);
    const head = element.createTHead().insertRow();
    for (const column of columns) head.append(Object.assign(document.createElement("th"), { textContent: column, scope: "col" }));
    const body = element.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell;
    }
    section.append(element);
    return section;
  };

  const input = form.querySelector('[data-sp-file="open"]');
  input.addEventListener("change", async () => {
    if (!input.files.length) return;
    files = await packFiles(input.files, config.maxFileBytes);
    input.value = "";
    await page.act({ op: "team", ...files }, {
      apply: (reply) => {
        results.replaceChildren(...reply.tables.map(table));
        errors.replaceChildren(...reply.errors.map(({ name, message }) =>
          Object.assign(document.createElement("li"), { textContent: `${name}: ${message}` })));
        errors.hidden = reply.errors.length === 0;
        exports.hidden = reply.plans === 0;
        performance.mark("sp-team-shown"); // for make bench
      },
    });
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", () => page.act(
      { op: "team", ...files, format: button.dataset.spDownload },
      { apply: (reply) => download(reply.download) },
    ));
  }
  page.ready();
}
