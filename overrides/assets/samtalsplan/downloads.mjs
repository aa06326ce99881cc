// A file the reply made (`download`: text, or base64 for a binary file such as
// the team's workbook; filename, mime), saved by the browser.
export function download({ text, base64, filename, mime }) {
  const body = base64 === undefined ? text : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const type = base64 === undefined ? `${mime};charset=utf-8` : mime;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
