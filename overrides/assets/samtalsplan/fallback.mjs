// When Python cannot start, a page where people type offers what they typed as
// a file made in plain JavaScript, in the wrapper the build gave it
// (config.fallback: the format and version Python reads), so nothing is lost.
// `state()` is what to save; the file opens in the page once Python works.
import { download } from "./downloads.mjs";

export function offerFallback(form, config, page, draft, state) {
  const box = form.querySelector("[data-sp-fallback]");
  let offered = false;
  const save = () => {
    const { wrapper, filename } = config.fallback;
    download({ text: `${JSON.stringify({ ...wrapper, ...state() }, null, 2)}\n`, filename, mime: "application/json" });
    draft.downloaded();
    page.say(page.text("ui.downloaded", { filename }));
  };
  box.querySelector("[data-sp-fallback-download]").addEventListener("click", save);
  return {
    get offered() {
      return offered;
    },
    offer() {
      offered = true;
      box.hidden = false;
    },
    save,
  };
}
