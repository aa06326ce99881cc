// Reading, filling and numbering a form, and showing what Python said of it.
// The form's HTML is made at build time from the Python model; these
// functions only follow its markers: data-sp-key (a field), data-sp-group (an
// object), data-sp-list (a list of objects or, with data-sp-kind="text", of
// lines). They hold no rule about the plan: which message shows where comes
// from Python (samtalsplan.feedback).

const STRUCTURE = "[data-sp-key], [data-sp-group], [data-sp-list]";

// Write only what differs: the form is numbered when the page opens and its
// feedback shown as the person types, mostly to the values it already has,
// and every write, even of the same value, has the browser restyle the page.
function put(target, key, value) {
  if (target[key] !== value) target[key] = value;
}

function putAttribute(element, name, value) { // null: no such attribute
  if (value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

// Visit the structural elements directly below `node`, not inside them.
function walk(node, visit) {
  for (const child of node.children) {
    if (child.matches(STRUCTURE)) visit(child);
    else walk(child, visit);
  }
}

const items = (list) => [...list.querySelector(":scope > [data-sp-items]").children];
const isText = (list) => list.dataset.spKind === "text";
const join = (path, key) => (path ? `${path}.${key}` : key);

// The form's state: plain data of the model's shape, for Python.
export function collect(node) {
  const state = {};
  walk(node, (el) => {
    if (el.dataset.spKey !== undefined) state[el.dataset.spKey] = el.value;
    else if (el.dataset.spGroup !== undefined) state[el.dataset.spGroup] = collect(el);
    else state[el.dataset.spList] = items(el).map((item) => (
      isText(el) ? item.querySelector("[data-sp-value]").value : collect(item)));
  });
  return state;
}

// Textareas grow with their text: CSS does it (field-sizing) where the browser
// can, this where it cannot (Firefox and Safari, late 2026).
const SIZES_ITSELF = globalThis.CSS?.supports?.("field-sizing", "content") ?? false;

function grow(textarea) {
  if (SIZES_ITSELF) return;
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight + 2}px`;
}

export function growTextareas(form) {
  if (SIZES_ITSELF) return;
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea")) grow(event.target);
  });
}

// Put `state` (as collected, or as Python sent it) into the form.
export function fill(node, state) {
  fillValues(node, state);
  node.querySelectorAll("textarea").forEach(grow);
}

function fillValues(node, state) {
  walk(node, (el) => {
    if (el.dataset.spKey !== undefined) el.value = state?.[el.dataset.spKey] ?? "";
    else if (el.dataset.spGroup !== undefined) fillValues(el, state?.[el.dataset.spGroup]);
    else {
      const values = state?.[el.dataset.spList] ?? [];
      resize(el, values.length);
      items(el).forEach((item, i) => {
        if (isText(el)) item.querySelector("[data-sp-value]").value = values[i] ?? "";
        else fillValues(item, values[i]);
      });
    }
  });
}

function resize(list, count) {
  const all = items(list);
  all.slice(count).forEach((item) => item.remove());
  for (let i = all.length; i < count; i++) appendItem(list);
}

function appendItem(list) {
  const template = list.querySelector(":scope > template[data-sp-template]");
  const item = template.content.firstElementChild.cloneNode(true);
  list.querySelector(":scope > [data-sp-items]").append(item);
  return item;
}

const label = (pattern, n) => pattern.replace("{n}", String(n));
// As samtalsplan.form.control_id: goals[0].title gives sp-goals-0-title.
const idFor = (path) => `sp-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
// An item's own remove button, not one of a list inside it (a goal's steps).
const ownRemove = (item) => item.querySelector(":scope > [data-sp-remove], :scope > fieldset > [data-sp-remove]");

// Give every control its field path (the one validation reports), an id,
// and ties to its hint and messages; number list items and their buttons.
export function renumber(node, path = "") {
  walk(node, (el) => {
    if (el.dataset.spKey !== undefined) mark(el, join(path, el.dataset.spKey));
    else if (el.dataset.spGroup !== undefined) renumber(el, join(path, el.dataset.spGroup));
    else {
      const listPath = join(path, el.dataset.spList);
      // A list whose items come from the plan shows only once it has some.
      if (el.dataset.spFixed !== undefined) put(el, "hidden", items(el).length === 0);
      const hint = el.querySelector(":scope > [data-sp-hint]");
      if (hint) put(hint, "id", `${idFor(listPath)}-hint`);
      markAdvice(el.querySelector(":scope > [data-sp-advice]"), listPath);
      items(el).forEach((item, i) => {
        const itemPath = `${listPath}[${i}]`;
        put(item.dataset, "spItemPath", itemPath);
        put(item.querySelector("[data-sp-item-title]"), "textContent", label(el.dataset.spItemLabel, i + 1));
        const remove = ownRemove(item);
        if (remove) put(remove, "textContent", label(el.dataset.spRemoveLabel, i + 1));
        if (isText(el)) mark(item.querySelector("[data-sp-value]"), itemPath);
        else renumber(item, itemPath);
      });
    }
  });
}

function mark(control, path) {
  const id = idFor(path);
  const field = control.closest("[data-sp-field]");
  put(control.dataset, "spPath", path);
  put(control, "id", id);
  put(control, "name", path);
  put(field.querySelector("label[for]"), "htmlFor", id);
  const hint = field.querySelector("[data-sp-hint]");
  if (hint) put(hint, "id", `${id}-hint`);
  put(field.querySelector("[data-sp-error]"), "id", `${id}-error`);
  markAdvice(field.querySelector("[data-sp-advice]"), path);
  describe(control);
}

function markAdvice(slot, path) {
  if (!slot) return;
  put(slot, "id", `${idFor(path)}-advice`);
  put(slot.dataset, "spFor", path);
}

// Tie a control to its hint, and to its error and advice while they show.
function describe(control) {
  const field = control.closest("[data-sp-field]");
  const shown = (el) => (el && !el.hidden ? el.id : null);
  const ids = [field.querySelector("[data-sp-hint]")?.id, shown(field.querySelector("[data-sp-error]")),
    shown(field.querySelector("[data-sp-advice]"))].filter(Boolean);
  putAttribute(control, "aria-describedby", ids.length ? ids.join(" ") : null);
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

// Show what Python's `feedback.fields` says beside each field and list, and
// clear every other slot.
export function showFeedback(form, fields) {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  for (const slot of form.querySelectorAll("[data-sp-advice]")) {
    const advice = byPath.get(slot.dataset.spFor)?.advice ?? [];
    put(slot, "hidden", advice.length === 0);
    if (!advice.length && !slot.firstChild) continue;
    slot.replaceChildren(...advice.map(({ severity, label: name, message }) => {
      const p = Object.assign(document.createElement("p"), { className: `sp-advice__item sp-advice__item--${severity}` });
      p.append(Object.assign(document.createElement("strong"), { textContent: `${name}: ` }), message);
      return p;
    }));
  }
  for (const control of form.querySelectorAll("[data-sp-path]")) {
    const message = byPath.get(control.dataset.spPath)?.error ?? "";
    const slot = control.closest("[data-sp-field]").querySelector("[data-sp-error]");
    put(slot, "textContent", message);
    put(slot, "hidden", !message);
    putAttribute(control, "aria-invalid", message ? "true" : null);
    describe(control);
  }
}

// A summary list: each item's text, linked to the field (or list) it concerns.
export function showSummary(form, list, entries) {
  list.replaceChildren(...entries.map(({ path, text }) => {
    const li = document.createElement("li");
    const target = form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`)
      ?? form.querySelector(`[data-sp-path^="${CSS.escape(path)}["], [data-sp-path^="${CSS.escape(path)}."]`)
      ?? form.querySelector(`[data-sp-advice][data-sp-for="${CSS.escape(path)}"]:not([hidden])`);
    if (target) li.append(Object.assign(document.createElement("a"), { href: `#${target.id}`, textContent: text }));
    else li.textContent = text;
    return li;
  }));
}

// Mark the list items (goals[2]) or fields (work_environment.workload) at
// `paths` with a badge saying where the proposal comes from.
export function markProposals(form, paths, badgeText) {
  for (const path of paths) {
    const item = form.querySelector(`[data-sp-item-path="${CSS.escape(path)}"]`);
    const field = item ? null : form.querySelector(`[data-sp-path="${CSS.escape(path)}"]`)?.closest("[data-sp-field]");
    const title = item?.querySelector("[data-sp-item-title]") ?? field?.querySelector("label");
    if (!title || (item ?? field).querySelector("[data-sp-proposal]")) continue;
    const badge = Object.assign(document.createElement("p"), { className: "sp-proposal", textContent: badgeText });
    badge.dataset.spProposal = "";
    title.after(badge);
  }
}

// Take every proposal badge away: the form holds another plan now.
export function clearProposals(form) {
  for (const badge of form.querySelectorAll("[data-sp-proposal]")) badge.remove();
}

// Show what Python says beside a fixed list's items (an action's owner and due
// date at a check-in): `details` is [{path, text}], every other slot is emptied.
export function showDetails(form, details) {
  const byPath = new Map(details.map((d) => [d.path, d.text]));
  for (const slot of form.querySelectorAll("[data-sp-details]")) {
    const item = slot.closest("[data-sp-item]");
    const text = byPath.get(item?.dataset.spItemPath) ?? "";
    // Under the plan's text that the item shows (its first field), which it is about.
    item?.querySelector("[data-sp-field]")?.after(slot);
    slot.textContent = text;
    slot.hidden = !text;
  }
}
