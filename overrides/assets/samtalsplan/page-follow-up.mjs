// /uppfoljning/: open a saved plan, record a check-in that starts from the
// last one, download or print the plan again. Python checks the check-in as
// the person types (its dates) and says what shows where.
import { latestWins } from "./check-loop.mjs";
import { download } from "./downloads.mjs";
import { keepDraft } from "./drafts.mjs";
import { packFiles } from "./files.mjs";
import { collect, fill, renumber, showDetails, showFeedback } from "./form.mjs";
import { printDocument } from "./print.mjs";
import { openSession } from "./session.mjs";
import { showSteadily } from "./steady.mjs";

export function followUp(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const checkIn = form.querySelector("[data-sp-check-in]");
  const history = form.querySelector("[data-sp-history]");
  let plan = null; // the plan as opened
  let started = null; // the check-in as Python started it: what the person has not changed
  let lines = [];
  let details = []; // what shows beside each line: an action's owner and due date
  const touched = new Set();

  const showHistory = () => {
    history.querySelector("[data-sp-history-list]").replaceChildren(
      ...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })),
    );
    history.querySelector("[data-sp-history-none]").hidden = lines.length > 0;
    history.hidden = !plan;
    checkIn.hidden = !plan;
    for (const downloads of form.querySelectorAll("[data-sp-downloads]")) downloads.hidden = !plan;
    showDetails(checkIn, details);
  };
  const current = () => (plan ? collect(checkIn).check_in : null);
  // The draft holds the opened plan, its history and the check-in being written.
  const draft = keepDraft(form, {
    name: config.draft,
    config,
    text: page.text,
    state: () => ({ plan, started, history: lines, details, check_in: current() }),
    restore: (state) => {
      ({ plan = null, started = null, history: lines = [], details = [] } = state);
      fill(checkIn, { check_in: state.check_in ?? {} });
      renumber(form);
      showHistory();
    },
  });

  const show = (feedback) => showSteadily(checkIn, () => showFeedback(checkIn, feedback.fields));
  const request = (reveal = false) => ({ plan, state: current(), touched: [...touched], reveal });
  const check = latestWins(async () => {
    if (!plan) return;
    const { feedback } = await page.call({ op: "check_in_check", ...request() });
    show(feedback);
  }, page.fail);
  checkIn.addEventListener("input", (event) => {
    if (event.target.dataset.spPath) check();
  });
  checkIn.addEventListener("change", (event) => {
    if (!event.target.dataset.spPath) return;
    touched.add(event.target.dataset.spPath);
    check();
  });

  const input = form.querySelector('[data-sp-file="open"]');
  input.addEventListener("change", async () => {
    if (!input.files.length) return;
    const files = await packFiles(input.files, config.maxFileBytes);
    input.value = "";
    await page.act({ op: "check_in_start", ...files, plan, started, state: current() }, {
      apply: (reply) => {
        ({ plan, history: lines, details } = reply);
        started = reply.check_in;
        touched.clear();
        fill(checkIn, { check_in: reply.check_in });
        renumber(form);
        showHistory();
        check();
        draft.downloaded(); // the person has this plan as a file already
      },
    });
  });

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", () => page.act(
      { op: "check_in_save", ...request(true), format: button.dataset.spDownload },
      {
        shown: (reply) => show(reply.feedback),
        apply: (reply) => {
          if (reply.print) return printDocument(reply.print);
          download(reply.download);
          if (!reply.saved) return;
          started = current(); // saved: opening a plan now replaces nothing unsaved
          draft.downloaded();
        },
      },
    ));
  }
  page.ready(check);
}
