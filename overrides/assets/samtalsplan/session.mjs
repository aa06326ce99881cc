// What every page with a form shares: the one Python worker for the whole
// visit (client.mjs), calls to the bridge in the page's language with the
// organisation's settings, the page's status line and message line, messages
// from the page's catalogue, and start-up failures explained.
import { startPython } from "./client.mjs";
import { growTextareas, renumber } from "./form.mjs";
import { ask } from "./dialog.mjs";

// A page's session over `form` (which holds [data-sp-status] and, on most
// pages, [data-sp-message] and [data-sp-confirm]); `config` is its sp-config.
// Returns null where Python cannot run (file://, no module workers): the
// status line says why.
export function openSession(form, config) {
  const status = form.querySelector("[data-sp-status]");
  const line = form.querySelector("[data-sp-message]");
  const dialog = form.querySelector("[data-sp-confirm]");
  const text = (key, params = {}) =>
    (config.messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));

  // A start-up or internal failure: explained in the status line.
  const fail = (error) => {
    const key = error?.key ?? "ui.error.internal";
    const params = { ...(error?.params ?? {}), message: error?.params?.message ?? error?.detail ?? String(error) };
    const step = error?.step ? text(`ui.step.${error.step}`) : "";
    status.textContent = key === "ui.error.step" ? text(key, { ...params, step }) : text(key, params);
    status.classList.add("sp-planner__status--error");
    console.error("samtalsplan:", error);
  };
  const say = (words) => {
    if (line && words) line.textContent = words;
  };
  // A plan error (a refused file, no date for the calendar) comes from Python
  // with its message for the message line; so does, in the page's words, a
  // call's own failure (a wheel it needs, no start-up step); anything else is
  // a failure.
  const report = (error) => {
    if (!(error instanceof Error) && error?.message && error?.key) say(error.message);
    else if (error instanceof Error && !error.step && error.key && error.key !== "ui.error.internal") say(text(error.key, error.params));
    else fail(error);
  };

  renumber(form);
  growTextareas(form);
  if (location.protocol === "file:") return null; // file-check.js explains: modules cannot run here
  if (!("Worker" in window)) {
    fail({ key: "ui.error.no_worker" });
    return null;
  }
  const python = startPython(config); // one worker for the whole visit

  // One request to samtalsplan.bridge; a plan error rejects with {key, path, message}.
  // `needs`: the wheels it needs beyond the start's (protocol.mjs). `today`
  // is the person's date by the page's clock, which advice and summaries count from.
  const call = async (request, { needs = [] } = {}) => {
    const reply = await python.call({ lang: config.lang, settings: config.settings, today: today(), ...request }, { needs });
    if (reply.error) throw reply.error;
    return reply.result;
  };

  // One step as every page takes it: ask Python; show what the reply says
  // (`shown`, even if the person then turns back); if it asks a question,
  // ask it; then `apply` the reply and say its message.
  const act = async (request, { shown = () => {}, apply = () => {}, needs = [] } = {}) => {
    let reply;
    try {
      reply = await call(request, { needs });
    } catch (error) {
      report(error);
      return null;
    }
    shown(reply);
    if (reply.confirm && !(await ask(dialog, reply.confirm))) {
      say(reply.confirm.cancelled);
      return null;
    }
    await apply(reply);
    say(reply.message);
    return reply;
  };

  // Start-up done: run `then`, mark the page ready for people and tests.
  // If Python cannot start, `failed` runs (a page may offer a plain download).
  const ready = (then = async () => {}, failed = () => {}) => python.ready.then(
    async (boot) => {
      await then();
      performance.mark("python-ready", { detail: boot });
      status.textContent = text("page.ready");
    },
    (error) => {
      failed(error);
      fail(error);
    },
  ).catch(fail);

  return { act, call, fail, ready, report, say, text };
}

// The local date as ISO 8601 (YYYY-MM-DD), in the page's time zone.
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
