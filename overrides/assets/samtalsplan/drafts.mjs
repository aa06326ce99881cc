// Drafts: a form's state kept in this browser's localStorage as the person
// types, so a reload, a crash or a closed tab loses nothing. Any page with a
// form can use it (the planner does; so can the preparation and follow-up
// pages): open a Draft under the page's name, load() once, save() on every
// change, clear() on request.
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

// Ask before the page is left while `hasUnsavedChanges()` says so. Browsers
// show their own wording; the page cannot choose it.
export function warnBeforeLeaving(hasUnsavedChanges) {
  window.addEventListener("beforeunload", (event) => {
    if (!hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set
  });
}
