// Reading, filling and numbering the planner form. The form's HTML is made
// at build time from the Python model; these functions only follow its
// markers: data-sp-key (a field), data-sp-group (an object), data-sp-list
// (a list of objects or, with data-sp-kind="text", of lines).

const STRUCTURE = "[data-sp-key], [data-sp-group], [data-sp-list]";

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

// The form's state: plain data of the plan's shape, for Python.
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

// Put `state` (as collected, or as read from a file) into the form.
export function fill(node, state) {
  walk(node, (el) => {
    if (el.dataset.spKey !== undefined) el.value = state?.[el.dataset.spKey] ?? "";
    else if (el.dataset.spGroup !== undefined) fill(el, state?.[el.dataset.spGroup]);
    else {
      const values = state?.[el.dataset.spList] ?? [];
      resize(el, values.length);
      items(el).forEach((item, i) => {
        if (isText(el)) item.querySelector("[data-sp-value]").value = values[i] ?? "";
        else fill(item, values[i]);
      });
    }
  });
}

function resize(list, count) {
  const all = items(list);
  all.slice(count).forEach((item) => item.remove());
  for (let i = all.length; i < count; i++) appendItem(list);
}

export function appendItem(list) {
  const template = list.querySelector(":scope > template[data-sp-template]");
  const item = template.content.firstElementChild.cloneNode(true);
  list.querySelector(":scope > [data-sp-items]").append(item);
  return item;
}

const label = (pattern, n) => pattern.replace("{n}", String(n));
const idFor = (path) => `sp-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;

// Give every control its field path (the one validation reports), an id,
// and ties to its hint and error; number list items and their buttons.
export function renumber(node, path = "") {
  walk(node, (el) => {
    if (el.dataset.spKey !== undefined) mark(el, join(path, el.dataset.spKey));
    else if (el.dataset.spGroup !== undefined) renumber(el, join(path, el.dataset.spGroup));
    else {
      const listPath = join(path, el.dataset.spList);
      const hint = el.querySelector(":scope > [data-sp-hint]");
      if (hint) hint.id = `${idFor(listPath)}-hint`;
      markAdvice(el.querySelector(":scope > [data-sp-advice]"), listPath);
      items(el).forEach((item, i) => {
        const itemPath = `${listPath}[${i}]`;
        item.querySelector("[data-sp-item-title]").textContent = label(el.dataset.spItemLabel, i + 1);
        const remove = item.querySelector(":scope [data-sp-remove]");
        if (remove) remove.textContent = label(el.dataset.spRemoveLabel, i + 1);
        if (isText(el)) mark(item.querySelector("[data-sp-value]"), itemPath);
        else renumber(item, itemPath);
      });
    }
  });
}

function mark(control, path) {
  const id = idFor(path);
  const field = control.closest("[data-sp-field]");
  control.dataset.spPath = path;
  control.id = id;
  control.name = path;
  field.querySelector("label[for]").htmlFor = id;
  const hint = field.querySelector("[data-sp-hint]");
  if (hint) hint.id = `${id}-hint`;
  field.querySelector("[data-sp-error]").id = `${id}-error`;
  markAdvice(field.querySelector("[data-sp-advice]"), path);
  describe(control);
}

function markAdvice(slot, path) {
  if (!slot) return;
  slot.id = `${idFor(path)}-advice`;
  slot.dataset.spFor = path;
}

// Tie a control to its hint, and to its error and advice while they show.
function describe(control) {
  const field = control.closest("[data-sp-field]");
  const hint = field.querySelector("[data-sp-hint]");
  const shown = (el) => (el && !el.hidden ? el.id : null);
  const ids = [hint?.id, shown(field.querySelector("[data-sp-error]")), shown(field.querySelector("[data-sp-advice]"))]
    .filter(Boolean);
  if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
  else control.removeAttribute("aria-describedby");
}

// Show each problem beside its field, and each piece of advice ({severity,
// message}) beside its field or list; clear the others. `visible(path)` decides
// which fields may show theirs yet (touched ones, or all). `severityLabel`
// names a severity in the reader's language.
export function showProblems(form, problems, visible, advice = [], severityLabel = (s) => s) {
  const byPath = new Map(problems.map((p) => [p.path, p.message]));
  const hints = new Map();
  // A field with a problem shows only the problem: fix that first.
  for (const hint of advice.filter((h) => !byPath.has(h.path))) {
    hints.set(hint.path, [...(hints.get(hint.path) ?? []), hint]);
  }
  for (const slot of form.querySelectorAll("[data-sp-advice]")) {
    const shown = visible(slot.dataset.spFor) ? hints.get(slot.dataset.spFor) ?? [] : [];
    slot.replaceChildren(...shown.map(({ severity, message }) => {
      const p = document.createElement("p");
      p.className = `sp-advice__item sp-advice__item--${severity}`;
      const label = document.createElement("strong");
      label.textContent = `${severityLabel(severity)}: `;
      p.append(label, message);
      return p;
    }));
    slot.hidden = shown.length === 0;
  }
  for (const control of form.querySelectorAll("[data-sp-path]")) {
    const path = control.dataset.spPath;
    const message = visible(path) ? byPath.get(path) : undefined;
    const error = control.closest("[data-sp-field]").querySelector("[data-sp-error]");
    error.textContent = message ?? "";
    error.hidden = !message;
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    describe(control);
  }
}
