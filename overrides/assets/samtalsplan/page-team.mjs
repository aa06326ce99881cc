// /team/: many plan files at once, summarised by Python; tables and exports.
// The page keeps the chosen files (a file chosen again by the same name
// replaces the earlier one) and sends them all with every call: Python keeps
// nothing between calls, and says what each file is and what a step did.
import { download } from "./downloads.mjs";
import { packFiles } from "./files.mjs";
import { openSession } from "./session.mjs";

export function team(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const results = form.querySelector("[data-sp-team-results]");
  const exports = form.querySelector("[data-sp-downloads]");
  const errors = form.querySelector("[data-sp-team-errors]");
  const loadedSection = form.querySelector("[data-sp-team-loaded]");
  const loadedList = form.querySelector("[data-sp-team-files]");
  const input = form.querySelector('[data-sp-file="open"]');
  const chosen = new Map(); // file name → File, in the order first chosen

  const table = ({ heading, note, empty, columns, rows }) => {
    const section = document.createElement("section");
    section.append(Object.assign(document.createElement("h2"), { textContent: heading }));
    if (note) section.append(Object.assign(document.createElement("p"), { textContent: note }));
    if (!rows.length) {
      section.append(Object.assign(document.createElement("p"), { textContent: empty ?? page.text("ui.team_nothing") }));
      return section;
    }
    const element = document.createElement("table");
    element.setAttribute("aria-label", heading);
    element.tabIndex = 0; // the theme lets a wide table scroll: the keyboard can scroll it too
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

  // One loaded file: its name, what Python made of it, and its remove button.
  const loadedItem = ({ name, text, remove }) => {
    const item = document.createElement("li");
    item.className = "sp-team-files__item";
    const label = Object.assign(document.createElement("span"), { textContent: `${name}: ${text}` });
    const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button sp-team-files__remove", textContent: remove });
    button.dataset.spTeamRemove = name;
    item.append(label, button);
    return item;
  };

  // Packed once per set of files: a download does not read them all again.
  let packed = null;
  const files = () => (packed ??= packFiles([...chosen.values()], config.maxFileBytes)
    .catch((error) => { packed = null; throw error; }));

  // Show the team as the reply has it; `focus` picks what takes the focus after
  // a remove button went away.
  const show = (reply, focus = null) => {
    results.replaceChildren(...reply.tables.map(table));
    errors.replaceChildren(...reply.errors.map(({ name, message }) =>
      Object.assign(document.createElement("li"), { textContent: `${name}: ${message}` })));
    errors.hidden = reply.errors.length === 0;
    loadedList.replaceChildren(...reply.loaded.map(loadedItem));
    loadedSection.hidden = reply.loaded.length === 0;
    exports.hidden = reply.plans === 0;
    focus?.();
    performance.mark("sp-team-shown"); // for make bench
  };

  const update = async (change, focus) => {
    packed = null; // the set changed
    return page.act({ op: "team", ...(await files()), change }, { apply: (reply) => show(reply, focus) });
  };

  input.addEventListener("change", async () => {
    if (!input.files.length) return;
    const added = [...input.files];
    input.value = "";
    const replaced = added.filter((file) => chosen.has(file.name)).map((file) => file.name);
    for (const file of added) chosen.set(file.name, file);
    await update({ added: added.map((file) => file.name), replaced });
  });

  // After a file is removed, the focus goes to the next file's button (or the
  // one before), or back to the file chooser when none is left.
  loadedList.addEventListener("click", async (event) => {
    const name = event.target.closest("[data-sp-team-remove]")?.dataset.spTeamRemove;
    if (name === undefined) return;
    const index = [...chosen.keys()].indexOf(name);
    chosen.delete(name);
    await update({ removed: [name] }, () => {
      const buttons = loadedList.querySelectorAll("[data-sp-team-remove]");
      (buttons[Math.min(index, buttons.length - 1)] ?? input).focus();
    });
  });

  form.querySelector("[data-sp-team-clear]").addEventListener("click", async () => {
    const removed = [...chosen.keys()];
    chosen.clear();
    await update({ removed }, () => input.focus());
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    const needs = (button.dataset.spNeeds ?? "").split(" ").filter(Boolean);
    button.addEventListener("click", async () => page.act(
      { op: "team", ...(await files()), format: button.dataset.spDownload },
      { apply: (reply) => download(reply.download), needs },
    ));
  }
  page.ready();
}
