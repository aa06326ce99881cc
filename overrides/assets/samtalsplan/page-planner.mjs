// /planera/: the plan of the talk. Python checks the form as the person types
// and says what shows where; downloads, opening a plan and importing the
// employee's preparation each go through one step (session.act).
import { latestWins } from "./check-loop.mjs";
import { download } from "./downloads.mjs";
import { keepDraft } from "./drafts.mjs";
import { offerFallback } from "./fallback.mjs";
import { packFiles } from "./files.mjs";
import { collect, editLists, fill, markProposals, renumber, showFeedback, showSummary } from "./form.mjs";
import { openSession } from "./session.mjs";

export function planner(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const touched = new Set(); // the fields the person has changed or left with a value
  let reveal = false; // after a download or an opened file every field shows its messages
  let base = null; // the plan as opened or saved: keeps what this form does not edit
  let feedback = { fields: [], problems: [], advice: [] };

  const draft = keepDraft(form, {
    name: config.draft,
    config,
    text: page.text,
    state: () => ({ form: collect(form), base }),
    // A draft of an earlier version held the form alone.
    restore: (saved) => {
      fill(form, "form" in saved ? saved.form : saved);
      base = saved.base ?? null;
    },
    cleared: () => {
      touched.clear();
      reveal = false;
      base = null;
      check();
    },
  });

  const render = () => {
    showFeedback(form, feedback.fields);
    const problems = form.querySelector("[data-sp-problems]");
    showSummary(form, problems.querySelector("[data-sp-problem-list]"), feedback.problems);
    problems.hidden = feedback.problems.length === 0;
    const summary = form.querySelector("[data-sp-advice-summary]");
    showSummary(form, summary.querySelector("[data-sp-advice-list]"), feedback.advice);
    summary.hidden = feedback.advice.length === 0;
    form.querySelector("[data-sp-review-none]").hidden = !(problems.hidden && summary.hidden);
  };
  const request = () => ({ state: collect(form), base, touched: [...touched], reveal });
  const check = latestWins(async () => {
    ({ feedback } = await page.call({ op: "check", ...request() }));
    render();
    performance.mark("sp-hints");
  }, page.fail);

  // Only the plan's fields: a chosen file is a step of its own.
  form.addEventListener("input", (event) => {
    if (event.target.dataset.spPath) check(); // the draft saves on its own (keepDraft)
  });
  form.addEventListener("change", (event) => {
    if (!event.target.dataset.spPath) return;
    touched.add(event.target.dataset.spPath);
    check();
  });
  form.addEventListener("focusout", (event) => {
    const path = event.target.dataset?.spPath;
    if (!path || !event.target.value || touched.has(path)) return;
    touched.add(path);
    // Focus moving to a button means a click is under way: showing messages now
    // would move the button from under the pointer. Its own step shows them.
    if (!event.relatedTarget?.matches("button")) check();
  });
  editLists(form, () => {
    draft.changed();
    check();
  });

  const plain = offerFallback(form, config, page, draft, () => ({ ...base, ...collect(form) }));

  for (const button of form.querySelectorAll("[data-sp-download]")) {
    button.addEventListener("click", () => {
      if (plain.offered && button.dataset.spDownload === "json") return plain.save();
      return page.act({ op: "export", format: button.dataset.spDownload, ...request() }, {
        shown: (reply) => {
          reveal = true;
          feedback = reply.feedback;
          render();
        },
        apply: (reply) => {
          download(reply.download);
          if (reply.saved) {
            base = reply.base;
            draft.downloaded();
          }
        },
      });
    });
  }

  const chosen = (purpose, take) => {
    const input = form.querySelector(`[data-sp-file="${purpose}"]`);
    input.addEventListener("change", async () => {
      if (!input.files.length) return;
      const files = await packFiles(input.files, config.maxFileBytes);
      input.value = "";
      await take(files);
    });
  };

  chosen("open", (files) => page.act({ op: "open", ...files, ...request() }, {
    apply: (reply) => {
      fill(form, reply.state);
      renumber(form);
      base = reply.base;
      touched.clear();
      reveal = true;
      feedback = reply.feedback;
      render();
      check(); // after any check still under way for the form as it was
      draft.downloaded(); // the person has this plan as a file already
    },
  }));

  // The employee's answers join the plan as proposals; nothing is removed.
  chosen("import_preparation", (files) => page.act({ op: "import_preparation", ...files, ...request() }, {
    apply: (reply) => {
      fill(form, reply.state);
      renumber(form);
      markProposals(form, reply.proposals, page.text("ui.proposal"));
      feedback = reply.feedback;
      render();
      check(); // after any check still under way for the form as it was
      draft.changed();
    },
  }));

  page.ready(check, plain.offer);
}
