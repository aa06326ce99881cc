// Chosen files, packed for Python's one reader (samtalsplan.files), which
// decides what each one is. The bytes of every file go one after the other in
// one base64 string, read as one blob (one read per file was ten times as
// slow, make bench). Only a file over the reader's limit is cut, to that limit
// and a byte, which is enough for the reader to refuse it by its size: cutting
// every file cost more than reading them all.
export async function packFiles(list, maxBytes) {
  const parts = [...list].map((file) => (file.size > maxBytes ? file.slice(0, maxBytes + 1) : file));
  const files = [...list].map((file, i) => ({ name: file.name, size: file.size, length: parts[i].size }));
  const url = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob(parts));
  });
  return { files, data: url.slice(url.indexOf(",") + 1) };
}
