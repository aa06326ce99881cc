// /uppfoljning/: open a saved plan, record a check-in, download the plan again.
import { download } from "./downloads.mjs";
import { keepDraft } from "./drafts.mjs";
import { packFiles } from "./files.mjs";
import { collect, fill, renumber } from "./form.mjs";
import { openSession } from "./session.mjs";

export function followUp(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const checkIn = form.querySelector("[data-sp-check-in]");
  const history = form.querySelector("[data-sp-history]");
  let plan = null; // the plan as opened
  let started = null; // the check-in as Python started it: what the person has not changed
  let lines = [];

  const showHistory = () => {
    history.querySelector("[data-sp-history-list]").replaceChildren(
      ...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })),
    );
    history.querySelector("[data-sp-history-none]").hidden = lines.length > 0;
    history.hidden = !plan;
    checkIn.hidden = !plan;
    form.querySelector("[data-sp-downloads]").hidden = !plan;
  };
  const current = () => (plan ? collect(checkIn).check_in : null);
  // The draft holds the opened plan, its history and the check-in being written.
  const draft = keepDraft(form, {
    name: config.draft,
    config,
    text: page.text,
    state: () => ({ plan, started, history: lines, check_in: current() }),
    restore: (state) => {
      ({ plan = null, started = null, history: lines = [] } = state);
      fill(checkIn, { check_in: state.check_in ?? {} });
      showHistory();
    },
  });

  const input = form.querySelector('[data-sp-file="open"]');
  input.addEventListener("change", async () => {
    if (!input.files.length) return;
    const files = await packFiles(input.files, config.maxFileBytes);
    input.value = "";
    await page.act({ op: "check_in_start", ...files, plan, started, state: current() }, {
      apply: (reply) => {
        ({ plan, history: lines } = reply);
        started = reply.check_in;
        fill(checkIn, { check_in: reply.check_in });
        renumber(form);
        showHistory();
        draft.downloaded(); // the person has this plan as a file already
      },
    });
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", () => page.act(
      { op: "check_in_save", plan, state: current(), format: button.dataset.spDownload },
      {
        apply: (reply) => {
          download(reply.download);
          if (!reply.saved) return;
          started = current(); // saved: opening a plan now replaces nothing unsaved
          draft.downloaded();
        },
      },
    ));
  }
  page.ready();
}
