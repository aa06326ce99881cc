// Printing the plan as a document, not the form: the document Python made
// (`print`: {html, title}; every text in it escaped by samtalsplan.document)
// goes into a container of its own right under <body>, and document.css
// prints that container alone while the body is marked sp-printing. The
// browser's print dialog is also where a PDF is saved. Afterwards the page is
// as it was, so the browser's own Print menu prints the page itself.
export function printDocument({ html, title }) {
  document.querySelector("body > .sp-print")?.remove();
  const container = Object.assign(document.createElement("div"), { className: "sp-print" });
  container.innerHTML = html;
  document.body.append(container);
  document.body.classList.add("sp-printing");
  const pageTitle = document.title;
  document.title = title; // a PDF takes its name from the title
  window.addEventListener("afterprint", () => {
    container.remove();
    document.body.classList.remove("sp-printing");
    document.title = pageTitle;
  }, { once: true });
  window.print();
}
