// The one question dialog of a page ([data-sp-confirm]): it asks what a
// reply's `confirm` says (heading, text, the items it concerns, two answers)
// and resolves to true when the person goes on.
export function ask(dialog, { heading, text, items, proceed, cancel }) {
  dialog.querySelector("[data-sp-confirm-heading]").textContent = heading;
  dialog.querySelector("[data-sp-confirm-text]").textContent = text;
  dialog.querySelector("[data-sp-confirm-list]").replaceChildren(
    ...items.map((item) => Object.assign(document.createElement("li"), { textContent: item })),
  );
  dialog.querySelector('[data-sp-confirm-answer="proceed"]').textContent = proceed;
  dialog.querySelector('[data-sp-confirm-answer="cancel"]').textContent = cancel;
  dialog.showModal();
  return new Promise((resolve) => {
    const answer = (event) => {
      const button = event.target.closest("[data-sp-confirm-answer]");
      if (!button && event.type === "click") return;
      dialog.removeEventListener("click", answer);
      dialog.removeEventListener("close", answer);
      if (dialog.open) dialog.close();
      resolve(button?.dataset.spConfirmAnswer === "proceed");
    };
    dialog.addEventListener("click", answer);
    dialog.addEventListener("close", answer); // Escape closes it: the same as turning back
  });
}
