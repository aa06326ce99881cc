// The entry script of every page with a form (template form-page.html): it
// mounts the page's controller, one small function per page over the shared
// modules (session, form, files, dialog, downloads, drafts, the check loop).
import { followUp } from "./page-follow-up.mjs";
import { planner } from "./page-planner.mjs";
import { preparation } from "./page-preparation.mjs";
import { team } from "./page-team.mjs";

const CONTROLLERS = { planner, preparation, follow_up: followUp, team };

// Material's instant navigation swaps pages without reloading scripts.
// The page mounts in a task of its own, after the theme's: the theme mounts
// its header, search and sidebars in the same DOMContentLoaded task, and the
// two together made one long task that held up the page (README, Speed).
document$.subscribe(() => setTimeout(() => {
  const form = document.querySelector("[data-sp-form]");
  const config = document.getElementById("sp-config");
  if (form && config) {
    const settings = JSON.parse(config.textContent);
    CONTROLLERS[settings.page](form, settings);
  }
}));
