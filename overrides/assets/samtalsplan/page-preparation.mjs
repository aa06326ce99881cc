// /forbered-dig/: the employee answers the three questions and downloads a file.
import { download } from "./downloads.mjs";
import { keepDraft } from "./drafts.mjs";
import { offerFallback } from "./fallback.mjs";
import { collect, editLists, fill } from "./form.mjs";
import { openSession } from "./session.mjs";

export function preparation(form, config) {
  const page = openSession(form, config);
  if (!page) return;
  const draft = keepDraft(form, {
    name: config.draft,
    config,
    text: page.text,
    state: () => collect(form),
    restore: (state) => fill(form, state),
  });
  editLists(form, draft.changed);

  const plain = offerFallback(form, config, page, draft, () => collect(form));

  form.querySelector("[data-sp-download]").addEventListener("click", () => {
    if (plain.offered) return plain.save();
    return page.act({ op: "prepare", state: collect(form) }, {
      apply: (reply) => {
        download(reply.download);
        if (reply.saved) draft.downloaded();
      },
    });
  });
  page.ready(undefined, plain.offer);
}
