// /planera/: the plan of the talk. Python checks the form as the person types
// and says what shows where; downloads, printing, opening a plan, starting
// from last year's plan, importing the employee's preparation and the steps a
// list offers (agreed changes to actions) each go through one step (session.act).
import { latestWins } from "./check-loop.mjs";
import { download } from "./downloads.mjs";
import { keepDraft } from "./drafts.mjs";
import { offerFallback } from "./fallback.mjs";
import { packFiles } from "./files.mjs";
import { clearProposals, collect, editLists, fill, markProposals, renumber, showFeedback, showSummary } from "./form.mjs";
import { printDocument } from "./print.mjs";
import { openSession } from "./session.mjs";
import { showSteadily } from "./steady.mjs";

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

  // What Python said, beside the fields and in the summaries; `sp-hints` marks it shown.
  const render = () => showSteadily(form, () => {
    showFeedback(form, feedback.fields);
    const problems = form.querySelector("[data-sp-problems]");
    showSummary(form, problems.querySelector("[data-sp-problem-list]"), feedback.problems);
    problems.hidden = feedback.problems.length === 0;
    const summary = form.querySelector("[data-sp-advice-summary]");
    showSummary(form, summary.querySelector("[data-sp-advice-list]"), feedback.advice);
    summary.hidden = feedback.advice.length === 0;
    form.querySelector("[data-sp-review-none]").hidden = !(problems.hidden && summary.hidden);
    performance.mark("sp-hints");
  });
  const request = () => ({ state: collect(form), base, touched: [...touched], reveal });
  const check = latestWins(async () => {
    ({ feedback } = await page.call({ op: "check", ...request() }));
    render();
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
    check();
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
          if (reply.print) return printDocument(reply.print);
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

  // The form holds another plan: the one opened, or a new one from last year's.
  const replaced = (reply) => {
    fill(form, reply.state);
    clearProposals(form);
    renumber(form);
    base = reply.base;
    touched.clear();
    feedback = reply.feedback;
  };

  chosen("start_from_last_year", (files) => page.act({ op: "start_from_last_year", ...files, ...request() }, {
    apply: (reply) => {
      replaced(reply);
      reveal = false;
      markProposals(form, reply.proposals, reply.proposal);
      render();
      check(); // after any check still under way for the form as it was
      draft.changed(); // a new plan, not saved as a file yet
    },
  }));

  chosen("open", (files) => page.act({ op: "open", ...files, ...request() }, {
    apply: (reply) => {
      replaced(reply);
      reveal = true;
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
      markProposals(form, reply.proposals, reply.proposal);
      feedback = reply.feedback;
      render();
      check(); // after any check still under way for the form as it was
      draft.changed();
    },
  }));

  // A step Python takes on a list (data-sp-step: its operation), such as the
  // agreed changes to the work environment made actions.
  for (const button of form.querySelectorAll("[data-sp-step]")) {
    button.addEventListener("click", () => page.act({ op: button.dataset.spStep, ...request() }, {
      apply: (reply) => {
        fill(form, reply.state);
        renumber(form);
        markProposals(form, reply.proposals, reply.proposal);
        feedback = reply.feedback;
        render();
        check();
        draft.changed();
      },
    }));
  }

  page.ready(check, plain.offer);
}
