// Drafts: a form's state kept in this browser's localStorage as the person
// types, so a reload, a crash or a closed tab loses nothing. Any page with a
// form uses it through keepDraft (below), which wires a Draft to the page's
// draft controls: load() once, save() on every change, clear() on request.
//
// Two tabs of the same page share one draft. The rule is simple: the tab that
// saved last keeps the draft. Every save is tagged with the saving tab's id;
// the browser fires a `storage` event in every *other* tab of the site when
// the draft changes, and a tab that sees another tab's save stops saving and
// says so (onTakenOver), instead of silently writing over it. What it shows
// stays on its screen, to download or to copy. Works wherever localStorage
// does (no lock API, which plain-http intranet sites lack).
//
// Stored under `<site path>samtalsplan.draft.<name>` (the site's path keeps
// two sites on one host apart) as JSON: {version, tab, savedAt, downloaded, state}.
import { renumber } from "./form.mjs";

const VERSION = 1;

export class Draft {
  #key;
  #tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  #takenOver = false;

  // status: "saving" | "off" (the organisation turned drafts off) |
  // "unavailable" (the browser refuses storage) | "taken-over" (another tab saves).
  status;

  constructor({ name, scope = "/", enabled = true, onTakenOver = () => {} }) {
    this.#key = `${scope}samtalsplan.draft.${name}`;
    this.status = enabled ? "saving" : "off";
    const storage = this.#storage();
    if (!storage) {
      if (enabled) this.status = "unavailable";
      return;
    }
    // Turned off by the organisation: keep nothing, not even an older draft.
    if (!enabled) {
      storage.removeItem(this.#key);
      return;
    }
    window.addEventListener("storage", (event) => {
      if (event.key !== this.#key || this.#takenOver || event.newValue === null) return;
      if (read(event.newValue)?.tab === this.#tab) return;
      this.#takenOver = true;
      this.status = "taken-over";
      onTakenOver();
    });
  }

  get key() {
    return this.#key;
  }

  // The saved draft, {state, savedAt, downloaded}, or null if there is none
  // (or what is stored cannot be read: it is left alone, not thrown away).
  load() {
    if (this.status !== "saving") return null;
    const record = read(this.#storage()?.getItem(this.#key));
    return record?.version === VERSION && record.state && typeof record.state === "object" ? record : null;
  }

  // Keep `state`; `downloaded` says whether it equals a file the person has.
  // Returns false when nothing could be kept (off, taken over, storage full).
  save(state, { downloaded = false } = {}) {
    if (this.status !== "saving") return false;
    const record = { version: VERSION, tab: this.#tab, savedAt: new Date().toISOString(), downloaded, state };
    try {
      this.#storage().setItem(this.#key, JSON.stringify(record));
      return true;
    } catch {
      return false; // quota exceeded: the form still holds everything
    }
  }

  // Delete the draft. Clearing also takes it back for this tab.
  clear() {
    this.#storage()?.removeItem(this.#key);
    if (this.status === "taken-over") {
      this.#takenOver = false;
      this.status = "saving";
    }
  }

  // localStorage, or null where the browser refuses it (some privacy
  // settings throw on the very access).
  #storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }
}

function read(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

// Ask before the page is left while the form on screen has changes not
// downloaded. One guard for the page on screen: with the theme's instant
// navigation a script outlives its page, and each page's keepDraft takes the
// guard over rather than adding one. Browsers show their own wording.
let unsavedOnScreen = () => false;
window.addEventListener("beforeunload", (event) => {
  if (!unsavedOnScreen()) return;
  event.preventDefault();
  event.returnValue = ""; // older browsers need it set
});

// Keep what is typed on a page as a draft under `name`, put a saved one back,
// say where things stand in the page's [data-sp-draft-status], offer "Rensa
// utkast" ([data-sp-draft-clear]), and ask before leaving with changes not
// downloaded. `state()` reads the page and `restore(state)` fills it; after a
// clear, `cleared()` resets whatever else the page shows. `text(key, params)`
// is the page's catalogue. Returns {changed, downloaded} for the page to call
// when it changes the form itself or the person has the state as a file.
export function keepDraft(form, { name, config, text, state, restore, cleared = () => {} }) {
  const status = form.querySelector("[data-sp-draft-status]");
  const say = (words, warning = false) => {
    status.textContent = words;
    status.classList.toggle("sp-draft__status--warning", warning);
  };
  const draft = new Draft({
    name,
    scope: new URL(config.root, location.href).pathname,
    enabled: config.drafts,
    onTakenOver: () => say(text("ui.draft.taken_over"), true),
  });
  const blank = state();
  let unsaved = false;
  unsavedOnScreen = () => unsaved;
  const clear = form.querySelector("[data-sp-draft-clear]");
  clear.hidden = draft.status === "off";
  const record = draft.load();
  if (record) {
    restore(record.state);
    renumber(form);
    unsaved = !record.downloaded;
    const time = new Date(record.savedAt).toLocaleString(config.lang, { dateStyle: "long", timeStyle: "short" });
    say(text("ui.draft.restored", { time }));
  } else {
    say(text(`ui.draft.${draft.status === "saving" ? "saving" : draft.status}`));
  }
  const changed = () => {
    unsaved = true;
    if (!draft.save(state()) && draft.status === "saving") say(text("ui.draft.full"));
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  clear.addEventListener("click", () => {
    if (unsaved && !window.confirm(text("ui.draft.confirm_clear"))) return;
    draft.clear();
    restore(blank);
    renumber(form);
    unsaved = false;
    cleared();
    say(text("ui.draft.cleared"));
  });
  return {
    changed,
    downloaded: () => {
      unsaved = false;
      draft.save(state(), { downloaded: true });
    },
  };
}
